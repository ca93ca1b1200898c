import type { Behavior } from './Behavior.js';

/**
 * A bounded FIFO buffer of messages an actor sets aside to handle later
 * (STASH-01..06). Obtained from `Behaviors.withStash`. It belongs to the actor incarnation
 * that created it: a restart that re-runs the `withStash` factory creates a new, empty one.
 *
 * @public
 */
export interface StashBuffer<T> {
  /** Appends `message`; throws {@link StashOverflowError} when full, leaving the content unchanged. */
  stash(message: T): void;
  /**
   * Returns a behavior that first processes every message stashed *now*, in order, starting
   * with `behavior`, before anything still in the mailbox (STASH-02).
   */
  unstashAll(behavior: Behavior<T>): Behavior<T>;
  /** Like {@link StashBuffer.unstashAll} but at most `count` messages; `wrap` maps each one first. */
  unstash(behavior: Behavior<T>, count: number, wrap?: (message: T) => T): Behavior<T>;
  /** Number of stashed messages. */
  readonly size: number;
  readonly isEmpty: boolean;
  readonly isFull: boolean;
  /** Maximum number of messages. */
  readonly capacity: number;
  /** Oldest stashed message; throws a `RangeError` when empty. */
  head(): T;
  /** Calls `fn` for each stashed message, oldest first, without removing anything. */
  forEach(fn: (message: T) => void): void;
  /** Whether some stashed message satisfies `predicate`. */
  exists(predicate: (message: T) => boolean): boolean;
  /** Removes every message (they are not delivered anywhere). */
  clear(): void;
}
