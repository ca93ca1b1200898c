/**
 * Per-actor keyed timers (`Behaviors.withTimers`). Timers send a message to the actor
 * itself; starting a timer with a key in use replaces the old one, and a message from a
 * replaced or cancelled timer is never delivered. All timers are cancelled on restart and on
 * stop (LIF-07). Time comes from the system's {@link Clock}.
 *
 * @public
 */
export interface TimerScheduler<T> {
  /** Sends `message` once after `delayMs`. */
  startSingleTimer(key: unknown, message: T, delayMs: number): void;
  /** Sends `message` repeatedly, `delayMs` after the previous delivery was scheduled (first after `initialDelayMs`, default `delayMs`). */
  startTimerWithFixedDelay(key: unknown, message: T, delayMs: number, initialDelayMs?: number): void;
  /** Sends `message` every `intervalMs` on the clock's schedule (first after `initialDelayMs`, default `intervalMs`). */
  startTimerAtFixedRate(key: unknown, message: T, intervalMs: number, initialDelayMs?: number): void;
  /** Whether a timer with `key` is pending. */
  isTimerActive(key: unknown): boolean;
  /** Cancels the timer with `key`, if any; a message it already enqueued is discarded. */
  cancel(key: unknown): void;
  /** Cancels every timer of this actor. */
  cancelAll(): void;
}
