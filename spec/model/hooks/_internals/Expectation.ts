import type { ExpectedEvent } from '../../ExpectedHistory.js';
import type { HistoryEvent } from '../../HistoryEvent.js';
import type { HookSite } from '../HookedActor.js';

/** An extension lookup the model expects; an optional one may be missing. */
export interface ExpectedLookup {
  readonly path: string;
  readonly site: HookSite;
  readonly id: string;
  readonly optional: boolean;
}

/**
 * Collects the events of one hook prediction. Each event is filed under one or more *lines*
 * (an actor's path, a store key): it comes after the latest event of every line it is filed
 * under, and after the explicit predecessors it names. Lines are how one actor's events stay
 * in order while different actors interleave freely.
 */
export class HookExpectation {
  readonly events: ExpectedEvent[] = [];
  readonly before: [number, number][] = [];
  readonly lookups: ExpectedLookup[] = [];
  private readonly latest = new Map<string, number>();

  /** Adds `event` after the latest event of each of `lines` and after `after`; returns its index. */
  emit(event: HistoryEvent, lines: readonly string[], after: readonly (number | undefined)[] = [], optional = false): number {
    const index = this.events.length;
    this.events.push(optional ? { event, optional: true } : { event });
    const predecessors = new Set([...lines.map((line) => this.latest.get(line)), ...after]);
    for (const p of predecessors) if (p !== undefined) this.before.push([p, index]);
    for (const line of lines) this.latest.set(line, index);
    return index;
  }

  /** The latest event filed under `line`, if any. */
  cursor(line: string): number | undefined {
    return this.latest.get(line);
  }

  /** Expects `path` to look up each of `ids` from `site`. */
  lookUp(path: string, site: HookSite, ids: readonly string[], optional = false): void {
    for (const id of ids) this.lookups.push({ path, site, id, optional });
  }
}
