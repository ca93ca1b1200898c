import type { SuiteStore } from './SuiteStore.js';

/**
 * Where a durable entity reports. Kept apart from the actor probe so that runtimes
 * without durable state never see it.
 *
 * @public
 */
export interface DurableProbe {
  /** The entity finished recovery (`RecoveryCompleted`) with this state and revision. */
  recovered(path: string, state: number, revision: number): void;
  /** The entity's recovery failed (`RecoveryFailed`, which carries the cause, DS-03). */
  recoveryFailed(path: string): void;
  /** The command handler was called for command `id`, with the state and revision it saw. */
  handled(path: string, id: number, state: number, revision: number): void;
  /** The `step`-th side effect of command `id` (a `thenRun`) ran with this state. */
  callback(path: string, id: number, step: number, state: number): void;
  /** The reply of command `id` reached its recipient with this state. */
  reply(path: string, id: number, state: number): void;
  /**
   * A full stash (internal or user) dropped command `id` (DS-15): the runtime's drop report.
   * Expected only with `durable-state.stash-overflow` declared.
   */
  dropped(path: string, id: number): void;
}

/** What the suite gives an adapter for durable entities. @public */
export interface DurableEnvironment {
  /** The store entities must use; the suite fails writes and writes behind their backs. */
  readonly store: SuiteStore;
  /** Where entities report. */
  readonly probe: DurableProbe;
}
