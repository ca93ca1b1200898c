import type { Capability } from '../../spec/index.js';
import type { HookPolicyDeclaration } from '../contract/HookEnvironment.js';
import type { Action, Observation, RunSetup } from '../harness/protocol/messages.js';

/**
 * One run of the system under test, driven over the adapter protocol: the engine sends steps
 * and gets back, checked, the events each produced. Nothing of the adapter runs on this side.
 *
 * @public
 */
export interface RemoteRun {
  /** Applies `actions` in order, then (unless `settle` is false) waits until the system is quiet; resolves with what it observed. */
  step(actions: readonly Action[], settle?: boolean): Promise<Observation>;
  /** Ends the run: later events are ignored, the clock is drained `drainMs` (unobserved), then the system shuts down. */
  stop(drainMs?: number): Promise<void>;
}

/**
 * What the engine needs of a runtime adapter: its declaration and fresh runs. A `RuntimeAdapter`
 * becomes one in-process; the CLI's comes from the adapter's isolated worker.
 *
 * @public
 */
export interface AdapterPort {
  readonly name: string;
  readonly version: string;
  readonly capabilities: readonly Capability[];
  readonly hookPolicy?: HookPolicyDeclaration;
  /** Starts a fresh system with a fresh suite environment. */
  openRun(setup: RunSetup): Promise<RemoteRun>;
}
