/** A pending timer of the {@link SuiteClock}. @public */
export interface SuiteTimer {
  /** Prevents the callback from running; a no-op once it ran or was cancelled. */
  cancel(): void;
}

/**
 * The time source the suite hands to the adapter. Structurally a `Clock` of the reference
 * runtime (`now()`, `setTimer(delayMs, cb) → { cancel() }`), so most runtimes accept it as is.
 * Only the suite moves it.
 *
 * @public
 */
export interface SuiteClock {
  /** Virtual milliseconds since the run started. */
  now(): number;
  /** Runs `callback` once, `delayMs` from now (0 or less: at the current instant, on the next step). */
  setTimer(delayMs: number, callback: () => void): SuiteTimer;
}
