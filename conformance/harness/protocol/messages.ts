/**
 * The adapter protocol, version 1: the only way the kit talks to the code under test. The side
 * that hosts the adapter (a worker thread, a child process, a program in another language)
 * only executes operations and reports the events they produced; generation, the models,
 * checking, shrinking and reports stay on the kit's side. Every message is plain JSON (no
 * functions, no structured-clone-only types), so another transport is just another pipe.
 * Documented in ADAPTERS.md ("The adapter protocol").
 */
import type { Capability } from '../../../spec/index.js';
import type {
  ActorBlueprint,
  ActorCommand,
  DurableEntityBlueprint,
  EntityCommand,
  ErrorHierarchy,
  ExtensionLookup,
  HistoryEvent,
  HookCommand,
  HookedActorBlueprint,
} from '../../../spec/model/index.js';
import type { HookPolicyDeclaration } from '../../contract/HookEnvironment.js';

/** The protocol version this kit speaks; a host announcing another one is refused at load. @public */
export const protocolVersion = 1;

/** A runtime adapter's declaration, as its host announces it. @public */
export interface AdapterDeclaration {
  readonly name: string;
  readonly version: string;
  readonly capabilities: readonly Capability[];
  readonly hookPolicy?: HookPolicyDeclaration;
}

/** A store plugin's declaration, as its host announces it (the fields of `StorePlugin` that are data). @public */
export interface StoreDeclaration {
  readonly name: string;
  readonly version: string;
  readonly capabilities: readonly Capability[];
  readonly deleteOfUnknownId?: 'tombstone' | 'ignore';
  readonly patienceMs?: number;
}

/**
 * What the host says first: the protocol it speaks and what it loaded — a runtime adapter
 * (`adapter`), a store plugin (`store`), or both when one module exports both. @public
 */
export type HostGreeting =
  | { readonly type: 'hello'; readonly protocol: number; readonly adapter?: AdapterDeclaration; readonly store?: StoreDeclaration }
  | { readonly type: 'loadFailed'; readonly protocol: number; readonly code: 'ADAPTER_IMPORT_FAILED' | 'ADAPTER_CONTRACT'; readonly message: string };

/** How the suite's store and the hooks' resource behave in one run. @public */
export interface RunSetup {
  /** The run's error hierarchy, to realise as classes (`class E1 extends Error`). */
  readonly errors: ErrorHierarchy;
  /** Virtual ms between a store write's arrival and its commit (0: at once). */
  readonly writeLatencyMs: number;
  /** Every upsert must carry this tag (DS-05); the others come back as `wrongTags`. */
  readonly expectTag?: string;
  /** A hooks run: the ids of the extensions to create and hand to the adapter (empty without `extensions`). */
  readonly hooks?: { readonly extensions: readonly string[] };
  /** Real milliseconds of quiet the generic settle waits for when the runtime has no `settle()` (`RunOptions.patienceMs`). */
  readonly patienceMs?: number;
}

/**
 * One thing to do in a step, applied in order. Adapter calls (`spawn`, `tell`, …) are
 * synchronous and back to back; the suite's own controls (`armSetupFailure`, `failNextWrite`, …)
 * arm the environment; `advance` moves the run's virtual clock, settling after each due instant.
 *
 * @public
 */
export type Action =
  | { readonly do: 'spawn'; readonly blueprint: ActorBlueprint }
  | { readonly do: 'tell'; readonly path: string; readonly command: ActorCommand }
  | { readonly do: 'spawnEntity'; readonly entity: DurableEntityBlueprint }
  | { readonly do: 'tellEntity'; readonly path: string; readonly command: EntityCommand }
  | { readonly do: 'spawnHooked'; readonly actor: HookedActorBlueprint }
  | { readonly do: 'tellHooked'; readonly path: string; readonly command: HookCommand }
  | { readonly do: 'stopHooked'; readonly path: string }
  | { readonly do: 'armSetupFailure'; readonly path: string; readonly error: string }
  | { readonly do: 'failNextWrite' }
  | { readonly do: 'failNextRead' }
  | { readonly do: 'slowNextRead' }
  | { readonly do: 'writeBehind'; readonly persistenceId: string; readonly value: number }
  | { readonly do: 'advance'; readonly ms: number };

/** A store operation, for hosts of store plugins (STORE and TAG rules). @public */
export type StoreCall =
  | { readonly call: 'get'; readonly id: string }
  | { readonly call: 'upsert'; readonly id: string; readonly revision: number; readonly value: unknown; readonly tag: string }
  | { readonly call: 'delete'; readonly id: string; readonly revision: number }
  /** Opens a cursor on the changes tagged `tag` after `offset`: `currentChanges`, or with `live` the never-ending `changes`. */
  | { readonly call: 'query'; readonly tag: string; readonly offset: number; readonly live: boolean }
  /** Up to `max` more changes of an open cursor, waiting at most `waitMs` real ms for each; `done` once the query completed. */
  | { readonly call: 'pull'; readonly cursor: number; readonly max: number; readonly waitMs: number }
  | { readonly call: 'closeQuery'; readonly cursor: number };

/** Kit → host. Every request carries an `id` its reply repeats; a host answers each exactly once. @public */
export type KitRequest =
  | { readonly id: number; readonly type: 'start'; readonly setup: RunSetup }
  | { readonly id: number; readonly type: 'step'; readonly run: number; readonly actions: readonly Action[]; readonly settle: boolean }
  /** Ends the run: events from now on are ignored; `drainMs` advances the clock first (unobserved); then `shutdown()`. */
  | { readonly id: number; readonly type: 'stop'; readonly run: number; readonly drainMs: number }
  | { readonly id: number; readonly type: 'storeOpen' }
  | { readonly id: number; readonly type: 'store'; readonly store: number; readonly operation: StoreCall }
  | { readonly id: number; readonly type: 'storeClose'; readonly store: number }
  /** Before the host is retired: the store plugin's `teardown()`, if its `setup()` ran. */
  | { readonly id: number; readonly type: 'storeTeardown' }
  /** Node hosts only: the v8 coverage collected so far. */
  | { readonly id: number; readonly type: 'coverage' };

/** Something the adapter did that no runtime may do: threw from an operation, reported an event out of contract. @public */
export interface Fault {
  readonly operation: string;
  readonly message: string;
}

/** What one step produced: the events in the order the probes saw them, extension lookups, and untagged upserts. @public */
export interface Observation {
  readonly events: readonly HistoryEvent[];
  readonly lookups: readonly ExtensionLookup[];
  readonly wrongTags: readonly string[];
}

/** A change a store's tag query delivered (the shape of `StoreChange`; other fields are dropped). @public */
export interface DeliveredChange {
  readonly type: 'updated' | 'deleted';
  readonly persistenceId: string;
  readonly revision: number;
  readonly tag: string;
  readonly offset: number;
  readonly value?: unknown;
}

/** Host → kit: the reply to request `id`. `faults` lists contract breaches the host saw meanwhile (events it dropped). @public */
export type HostReply =
  /** The run is open under the handle `run`, which its steps and stop name. */
  | { readonly id: number; readonly type: 'started'; readonly run: number; readonly faults: readonly Fault[] }
  | ({ readonly id: number; readonly type: 'observed'; readonly faults: readonly Fault[] } & Observation)
  | { readonly id: number; readonly type: 'stopped'; readonly faults: readonly Fault[] }
  /** An adapter operation threw, or broke the contract so the run cannot go on. */
  | { readonly id: number; readonly type: 'fault'; readonly fault: Fault }
  | { readonly id: number; readonly type: 'storeOpened'; readonly store: number }
  | {
      readonly id: number;
      readonly type: 'storeResult';
      readonly ok: true;
      readonly value?: unknown;
      readonly revision?: number;
      readonly cursor?: number;
      readonly changes?: readonly DeliveredChange[];
      readonly done?: boolean;
    }
  | { readonly id: number; readonly type: 'storeResult'; readonly ok: false; readonly error: string }
  | { readonly id: number; readonly type: 'storeClosed' }
  | { readonly id: number; readonly type: 'storeTornDown' }
  | { readonly id: number; readonly type: 'coverage'; readonly scripts: readonly ScriptCoverage[] }
  /** The host could not make sense of the request (a kit bug, or versions that do not match). */
  | { readonly id: number; readonly type: 'rejected'; readonly message: string };

/** v8 block coverage of one script, with the source v8 ran (after tsx's transform, if any). @public */
export interface ScriptCoverage {
  readonly url: string;
  readonly source: string;
  readonly functions: readonly { readonly ranges: readonly { readonly startOffset: number; readonly endOffset: number; readonly count: number }[] }[];
}
