import type { SuiteClock, SuiteTimer } from '../contract/SuiteClock.js';

interface Pending {
  readonly due: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * The suite's clock. Unlike a plain manual clock it moves one due instant at a time, so the
 * engine can let the runtime settle between instants: whatever a timer callback starts is
 * finished before the next instant's timers fire, exactly as the model assumes.
 */
export class VirtualClock implements SuiteClock {
  private current = 0;
  private sequence = 0;
  private pending: Pending[] = [];

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): SuiteTimer {
    const timer: Pending = { due: this.current + Math.max(0, delayMs), order: this.sequence++, callback, cancelled: false };
    this.pending.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** The earliest due time of a live timer, or undefined when none is pending. */
  nextDue(): number | undefined {
    this.pending = this.pending.filter((t) => !t.cancelled);
    return this.pending.reduce<number | undefined>((min, t) => (min === undefined || t.due < min ? t.due : min), undefined);
  }

  /**
   * Moves to `instant` (not before now) and fires, in due then creation order, every timer due
   * by then, including ones the callbacks create for the same instant.
   */
  fireUntil(instant: number): void {
    this.current = Math.max(this.current, instant);
    for (;;) {
      this.pending = this.pending.filter((t) => !t.cancelled);
      let next: Pending | undefined;
      for (const t of this.pending) {
        if (t.due > this.current) continue;
        if (!next || t.due < next.due || (t.due === next.due && t.order < next.order)) next = t;
      }
      if (!next) return;
      this.pending.splice(this.pending.indexOf(next), 1);
      next.callback();
    }
  }
}
