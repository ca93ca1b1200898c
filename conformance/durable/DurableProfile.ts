import type { PropertyFamily } from '../engine/PropertyFamily.js';

/** Kinds of steps a durable-state property generates. @public */
export type DurableStepKind = 'spawn' | 'send' | 'flood' | 'halt' | 'failNextWrite' | 'failNextRead' | 'slowNextRead' | 'externalWrite' | 'advance';

/** Kinds of entity commands a durable-state property sends. @public */
export type EntityCommandKind = 'add' | 'remove' | 'read' | 'ask' | 'unsupported' | 'park' | 'release' | 'crash' | 'watch' | 'later' | 'passivate';

/**
 * What a durable-state property generates: weights of steps and of commands, how long
 * side-effect chains get, and how many entities share a persistence id.
 *
 * @public
 */
export interface DurableProfile {
  readonly steps: Partial<Record<DurableStepKind, number>>;
  readonly commands: Partial<Record<EntityCommandKind, number>>;
  /** Longest `then` chain after a write. */
  readonly maxChain: number;
  /** Longest burst of commands sent without settling. */
  readonly maxBurst: number;
  /** Distinct persistence ids (fewer ids: more incarnations racing on one). */
  readonly persistenceIds: number;
  /** Stash capacity of every entity (default: the runtime's, large enough never to matter). */
  readonly stashCapacity?: number;
  /** What an overflowing stash does (default `drop`); `fail` needs `durable-state.stash-overflow`. */
  readonly stashOverflow?: 'drop' | 'fail';
  /** How long the suite's store takes to commit a write, in virtual ms (default 0). */
  readonly writeLatencyMs?: number;
  /** Longest advance step, in virtual ms (default 60). Below twice the write latency, one step lands at most two writes. */
  readonly maxAdvanceMs?: number;
  /** Backoff of every entity after a failed write (default: none, the entity stops). */
  readonly persistFailureBackoff?: { readonly minMs: number; readonly maxMs: number };
  /** Supervise every entity with a plain restart, so a throwing handler restarts it (needs `supervision.restart`). */
  readonly restartOnFailure?: boolean;
  /**
   * Recovery timeout of every odd-numbered entity, with `durable-state.recovery-timeout` declared
   * (the others keep the default 30 s, DS-03). Shorter than a slow read.
   */
  readonly recoveryTimeoutMs?: number;
  /** Reads a `flood` step sends behind one write, so that they all wait in the internal stash (default 0). */
  readonly floodReads?: number;
  readonly maxSteps: number;
}

/** A named durable-state property and the rules it checks. @public */
export type DurableFamily = PropertyFamily<DurableProfile>;
