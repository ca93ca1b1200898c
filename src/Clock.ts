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
  setTimer(delayMs: number, callback: () => void): TimerHandle;
}

/** A pending timer created by {@link Clock.setTimer}. @public */
export interface TimerHandle {
  /** Prevents the callback from running; a no-op once it ran or was cancelled. */
  cancel(): void;
}

/** The wall clock: `performance.now()` and `setTimeout`. @public */
export class SystemClock implements Clock {
  now(): number {
    return performance.now();
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    // A pending timer must not keep the process alive on its own: actors stop, processes exit.
    handle.unref?.();
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
