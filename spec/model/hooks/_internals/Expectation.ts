import type { HookSite } from '../HookedActor.js';
import { HistoryBuilder } from '../../_internals/HistoryBuilder.js';

/** An extension lookup the model expects; an optional one may be missing. */
export interface ExpectedLookup {
  readonly path: string;
  readonly site: HookSite;
  readonly id: string;
  readonly optional: boolean;
}

/** Collects the events of one hook prediction ({@link HistoryBuilder}) and the extension lookups it expects. */
export class HookExpectation extends HistoryBuilder {
  readonly lookups: ExpectedLookup[] = [];

  /** See {@link HistoryBuilder.add}. */
  emit(...args: Parameters<HistoryBuilder['add']>): number {
    return this.add(...args);
  }

  /** Expects `path` to look up each of `ids` from `site`. */
  lookUp(path: string, site: HookSite, ids: readonly string[], optional = false): void {
    for (const id of ids) this.lookups.push({ path, site, id, optional });
  }
}
