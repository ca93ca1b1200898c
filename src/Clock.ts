/**
 * A source of time and timers. Everything in the runtime that waits (restart windows,
 * backoff, timers, ask timeouts, scheduleOnce) goes through a Clock, so tests can swap in
 * {@link ManualClock} and move time by hand.
 *
 * @public
 */
export interface Clock {
  /** Milliseconds since an arbitrary, fixed origin. Never decreases. */
  now(): number;
  /** Runs `callback` once, `delayMs` from now (0 or less: on the next timer turn). */
  setTimer(delayMs: number, callback: () => void, options?: TimerOptions): TimerHandle;
}

/** Options of {@link Clock.setTimer}; a clock without a process to keep alive ignores them. @public */
export interface TimerOptions {
  /**
   * Whether the pending timer alone keeps the Node.js process running (default false: actors'
   * timers do not hold a process open). An `ask` sets it, so its rejection is never skipped.
   */
  readonly keepsProcessAlive?: boolean;
}

/** A pending timer created by {@link Clock.setTimer}. @public */
export interface TimerHandle {
  /** Prevents the callback from running; a no-op once it ran or was cancelled. */
  cancel(): void;
}

/** The longest delay `setTimeout` honours (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The wall clock: `performance.now()` and `setTimeout`. @public */
export class SystemClock implements Clock {
  now(): number {
    return performance.now();
  }

  setTimer(delayMs: number, callback: () => void, options?: TimerOptions): TimerHandle {
    let handle: ReturnType<typeof setTimeout>;
    // setTimeout fires at once for delays past MAX_TIMEOUT_MS (with a warning): wait in steps instead.
    const arm = (remainingMs: number): void => {
      handle = remainingMs > MAX_TIMEOUT_MS ? setTimeout(() => arm(remainingMs - MAX_TIMEOUT_MS), MAX_TIMEOUT_MS) : setTimeout(callback, remainingMs);
      // Unless asked otherwise, a pending timer does not keep the process alive: actors stop, processes exit.
      if (options?.keepsProcessAlive !== true) handle.unref?.();
    };
    arm(Math.max(0, delayMs));
    return { cancel: () => clearTimeout(handle) };
  }
}

interface PendingTimer {
  readonly due: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when told to. Timers fire in due-time order (ties in creation
 * order) during {@link ManualClock.advance}; a timer created by a callback fires in the same
 * call if it falls due inside the advanced span.
 *
 * @public
 */
export class ManualClock implements Clock {
  private current: number;
  private sequence = 0;
  private pending: PendingTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const timer: PendingTimer = {
      due: this.current + Math.max(0, delayMs),
      order: this.sequence++,
      callback,
      cancelled: false,
    };
    this.pending.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance: expected a non-negative number of ms, got ${ms}`);
    const target = this.current + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.pending.splice(this.pending.indexOf(next), 1);
      this.current = next.due;
      next.callback();
    }
    this.current = target;
  }

  /** How many timers are waiting (cancelled ones excluded). */
  get pendingTimers(): number {
    return this.pending.filter((t) => !t.cancelled).length;
  }

  private nextDue(limit: number): PendingTimer | undefined {
    this.pending = this.pending.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.pending) {
      if (t.due > limit) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.order < best.order)) best = t;
    }
    return best;
  }
}
