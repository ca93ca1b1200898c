import { BoundedQueue } from './BoundedQueue.js';

/**
 * The two stashes of one durable-state actor: the internal one (commands that arrived while
 * recovering or writing, DS-01/DS-04) and the user one (`Effect.stash`, DS-14).
 *
 * It lives outside the persist-failure supervisor, so a backoff restart keeps both (DS-09).
 */
export class StashState<C> {
  readonly internal: BoundedQueue<C>;
  readonly user: BoundedQueue<C>;
  /**
   * User-stashed commands still to replay for the current `unstashAll` (those present at the call).
   * Never more than `user.size`: each replayed command leaves the user stash as the count drops.
   */
  private unstashRemaining = 0;

  constructor(capacity: number) {
    this.internal = new BoundedQueue(capacity);
    this.user = new BoundedQueue(capacity);
  }

  /**
   * Starts replaying the user stash as it is now (DS-14). A call during a replay starts over with
   * what the stash holds at that moment, commands stashed again included, as Pekko does.
   */
  startUnstashAll(): void {
    this.unstashRemaining = this.user.size;
  }

  /** Whether {@link StashState.next} has a command. */
  get hasNext(): boolean {
    return this.unstashRemaining > 0 || this.internal.size > 0;
  }

  /**
   * The next command to handle: user-stashed commands under replay first, then internally
   * stashed ones (DS-14). Call only when {@link StashState.hasNext}.
   */
  next(): C {
    if (this.unstashRemaining > 0) {
      this.unstashRemaining--;
      return this.user.shift();
    }
    return this.internal.shift();
  }

  /** Empties both stashes (at stop), returning what they held (user stash first). */
  drain(): C[] {
    this.unstashRemaining = 0;
    return [...this.user.drain(), ...this.internal.drain()];
  }
}
