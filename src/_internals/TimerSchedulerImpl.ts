import type { Clock, TimerHandle } from '../Clock.js';
import type { TimerScheduler } from '../TimerScheduler.js';
import { TimerFired } from './envelopes.js';

interface TimerEntry {
  readonly generation: number;
  readonly message: unknown;
  readonly repeat: 'once' | 'fixed-delay' | 'fixed-rate';
  readonly intervalMs: number;
  handle: TimerHandle;
}

/** The target the timers post to (the owning actor cell). */
export interface TimerOwner {
  tell(message: unknown): void;
}

/**
 * Keyed timers of one actor. A fired timer posts a {@link TimerFired} envelope carrying its
 * generation; {@link TimerSchedulerImpl.accept} drops envelopes of cancelled or replaced
 * timers, so a cancelled timer's message is never delivered even if already queued.
 */
export class TimerSchedulerImpl<T> implements TimerScheduler<T> {
  private readonly timers = new Map<unknown, TimerEntry>();
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly owner: TimerOwner,
  ) {}

  startSingleTimer(key: unknown, message: T, delayMs: number): void {
    this.start(key, message, 'once', delayMs, delayMs);
  }

  startTimerWithFixedDelay(key: unknown, message: T, delayMs: number, initialDelayMs = delayMs): void {
    this.start(key, message, 'fixed-delay', delayMs, initialDelayMs);
  }

  startTimerAtFixedRate(key: unknown, message: T, intervalMs: number, initialDelayMs = intervalMs): void {
    this.start(key, message, 'fixed-rate', intervalMs, initialDelayMs);
  }

  isTimerActive(key: unknown): boolean {
    return this.timers.has(key);
  }

  cancel(key: unknown): void {
    const entry = this.timers.get(key);
    if (!entry) return;
    entry.handle.cancel();
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const entry of this.timers.values()) entry.handle.cancel();
    this.timers.clear();
  }

  /**
   * Called when a {@link TimerFired} envelope is dequeued: returns whether its message must
   * be delivered, and re-arms fixed-delay timers (their delay counts from delivery).
   */
  accept(fired: TimerFired): boolean {
    const entry = this.timers.get(fired.key);
    if (!entry || entry.generation !== fired.generation) return false;
    if (entry.repeat === 'once') this.timers.delete(fired.key);
    else if (entry.repeat === 'fixed-delay') entry.handle = this.arm(fired.key, entry.generation, entry.message, entry.intervalMs, false);
    return true;
  }

  private start(key: unknown, message: unknown, repeat: TimerEntry['repeat'], intervalMs: number, initialDelayMs: number): void {
    if (!(intervalMs >= 0) || !(initialDelayMs >= 0)) throw new RangeError('timer delays must be non-negative');
    if (repeat !== 'once' && intervalMs <= 0) throw new RangeError('a repeating timer needs a positive interval');
    this.cancel(key);
    // Stryker disable next-line UpdateOperator: equivalent: generations only have to differ from each other, which counting down keeps
    const generation = ++this.generation;
    const handle = this.arm(key, generation, message, initialDelayMs, repeat === 'fixed-rate');
    this.timers.set(key, { generation, message, repeat, intervalMs, handle });
  }

  private arm(key: unknown, generation: number, message: unknown, delayMs: number, rearmOnFire: boolean): TimerHandle {
    return this.clock.setTimer(delayMs, () => {
      const entry = this.timers.get(key);
      if (!entry || entry.generation !== generation) return;
      if (rearmOnFire) entry.handle = this.arm(key, generation, message, entry.intervalMs, true);
      this.owner.tell(new TimerFired(key, generation, message));
    });
  }
}
