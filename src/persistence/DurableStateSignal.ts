import type { Signal } from '../Signal.js';

/**
 * Delivered to the signal handler once the stored state was read, before the first command
 * (DS-02). `revision` is `0` for an entity that was never written.
 *
 * @public
 */
export class RecoveryCompleted<S> {
  readonly signalName = 'RecoveryCompleted';
  constructor(
    /** The recovered state (`emptyState` if nothing or a deletion was stored). */
    readonly state: S,
    /** The stored revision. */
    readonly revision: number,
  ) {}
}

/**
 * Delivered to the signal handler when the stored state could not be read (store error or
 * recovery timeout); the actor then fails (DS-03). The state passed alongside is `emptyState`.
 *
 * @public
 */
export class RecoveryFailed {
  readonly signalName = 'RecoveryFailed';
  constructor(
    /** Why recovery failed. */
    readonly cause: unknown,
  ) {}
}

/** Every signal a durable-state signal handler may receive: lifecycle signals plus recovery. @public */
export type DurableStateSignal<S> = Signal | RecoveryCompleted<S> | RecoveryFailed;
