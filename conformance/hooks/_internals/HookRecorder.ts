import type { ExtensionLookup, HookSite } from '../../../spec/model/index.js';
import type { HistoryRecorder } from '../../_internals/HistoryRecorder.js';
import type { HookProbe, SuiteExtension } from '../../contract/HookEnvironment.js';

/**
 * The suite's {@link HookProbe}: hook events go into the run's history (a start is a `setup`,
 * a load a `recovered`, the stop hook a `PostStop`), extension lookups into a list of their own,
 * each checked against the instance the suite registered.
 */
export class HookRecorder implements HookProbe {
  private readonly registered: ReadonlyMap<string, SuiteExtension>;
  private lookups: ExtensionLookup[] = [];
  private closed = false;

  constructor(
    private readonly history: HistoryRecorder,
    extensions: readonly SuiteExtension[],
  ) {
    this.registered = new Map(extensions.map((e) => [e.id, e]));
  }

  /** The lookups recorded since the previous call. */
  takeLookups(): ExtensionLookup[] {
    const fresh = this.lookups;
    this.lookups = [];
    return fresh;
  }

  /** Ignores everything from now on (the system is shutting down). */
  close(): void {
    this.closed = true;
    this.history.close();
  }

  started(path: string): void {
    this.history.setupStarted(path);
  }

  loaded(path: string, state: number, revision: number): void {
    this.history.recovered(path, state, revision);
  }

  handled(path: string, id: number, state: number, revision: number): void {
    this.history.handled(path, id, state, revision);
  }

  notified(path: string, of: string): void {
    this.history.watchMessage(path, of);
  }

  stopping(path: string): void {
    this.history.signal(path, 'PostStop');
  }

  extension(path: string, site: HookSite, id: string, instance: unknown): void {
    if (!this.closed) this.lookups.push({ path, site, id, same: instance !== undefined && instance === this.registered.get(id) });
  }
}
