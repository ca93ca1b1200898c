import type { Capability } from '../../../spec/index.js';
import type { PropertyResult } from '../../engine/results.js';
import type { AdapterLoadErrorCode } from '../AdapterLoadError.js';
import type { AdapterFault } from './instrument.js';

/** What the worker is started with. */
export interface WorkerSetup {
  readonly adapterUrl: string;
  readonly adapterSource: string;
  readonly heartbeat: SharedArrayBuffer;
  /** Collect v8 coverage of everything the worker runs. */
  readonly coverage: boolean;
}

/** Main thread → worker. */
export type WorkerRequest =
  | {
      readonly type: 'run';
      readonly job: number;
      readonly family: string;
      readonly numRuns?: number;
      readonly seed?: number;
      readonly replay?: string;
      readonly patienceMs?: number;
    }
  | { readonly type: 'coverage'; readonly job: number }
  /** Before the worker is retired: call the store plugin's `teardown()` if its `setup()` ran. */
  | { readonly type: 'teardown'; readonly job: number };

/** What a loaded module offers: its runtime adapter, its store plugin, or both. */
export interface LoadedImplementations {
  readonly runtime?: { readonly name: string; readonly version: string; readonly capabilities: readonly Capability[] };
  readonly store?: { readonly name: string; readonly version: string; readonly capabilities: readonly Capability[] };
}

/** Worker → main thread. */
export type WorkerReply =
  | ({ readonly type: 'loaded' } & LoadedImplementations)
  | { readonly type: 'loadFailed'; readonly code: AdapterLoadErrorCode; readonly message: string }
  | { readonly type: 'result'; readonly job: number; readonly result: PropertyResult; readonly faults: readonly AdapterFault[] }
  | { readonly type: 'crashed'; readonly job: number; readonly message: string }
  | { readonly type: 'coverage'; readonly job: number; readonly scripts: readonly ScriptCoverage[] }
  | { readonly type: 'tornDown'; readonly job: number; readonly faults: readonly AdapterFault[] };

/** v8 block coverage of one script, with the source v8 ran (after tsx's transform, if any). @public */
export interface ScriptCoverage {
  readonly url: string;
  readonly source: string;
  readonly functions: readonly { readonly ranges: readonly { readonly startOffset: number; readonly endOffset: number; readonly count: number }[] }[];
}
