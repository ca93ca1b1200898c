/**
 * What a supervisor does when the supervised behavior throws (see `Behaviors.supervise`).
 * Strategies are immutable: every `with…` method returns a new one.
 *
 * @public
 */
export type SupervisorStrategy = StopStrategy | ResumeStrategy | RestartStrategy | BackoffStrategy;

/** Stop the actor on failure: the typed default (SUP-01). @public */
export class StopStrategy {
  readonly kind = 'stop';
}

/** Drop the failing message and keep the current behavior and its state (SUP-02). @public */
export class ResumeStrategy {
  readonly kind = 'resume';
}

/** Settings shared by the restarting strategies. @internal */
interface RestartSettings {
  readonly stopChildren: boolean;
  readonly stashCapacity: number;
}

/** Default number of messages and signals buffered while a restart is in progress (SUP-10). @public */
export const DEFAULT_RESTART_STASH_CAPACITY = 1000;

/**
 * Re-install the behavior given to `supervise` (re-running its setup) and drop the failing
 * message (SUP-03). Unlimited by default; see {@link RestartStrategy.withLimit}.
 *
 * @public
 */
export class RestartStrategy implements RestartSettings {
  readonly kind = 'restart';
  constructor(
    /** Restarts allowed per window; `-1` means unlimited. */
    readonly maxRestarts = -1,
    /** Window length in ms; `0` means the count never resets. */
    readonly withinMs = 0,
    readonly stopChildren = true,
    readonly stashCapacity = DEFAULT_RESTART_STASH_CAPACITY,
  ) {}

  /**
   * At most `maxRetries` restarts within `withinMs` on the system clock; the next failure in
   * the window stops the actor (SUP-07). A limited restart also retries a setup that fails
   * on the first start (SUP-08).
   */
  withLimit(maxRetries: number, withinMs: number): RestartStrategy {
    assertCount('withLimit maxRetries', maxRetries);
    assertCount('withLimit withinMs', withinMs);
    return new RestartStrategy(maxRetries, withinMs, this.stopChildren, this.stashCapacity);
  }

  /** Whether children are stopped on restart (default true; SUP-13). */
  withStopChildren(enabled: boolean): RestartStrategy {
    return new RestartStrategy(this.maxRestarts, this.withinMs, enabled, this.stashCapacity);
  }

  /** How many messages and signals to buffer while restarting (default 1000; SUP-10). */
  withStashCapacity(capacity: number): RestartStrategy {
    assertCount('withStashCapacity', capacity);
    return new RestartStrategy(this.maxRestarts, this.withinMs, this.stopChildren, capacity);
  }

  /** Whether a retry budget applies (otherwise first-start failures are not retried, SUP-08). */
  get isLimited(): boolean {
    return this.maxRestarts >= 0;
  }
}

/**
 * Restart after a growing delay `min(max, min·2^n)·(1 + U[0, randomFactor])` where n counts
 * restarts since the last reset (SUP-11). While waiting, messages are buffered (SUP-10).
 *
 * @public
 */
export class BackoffStrategy implements RestartSettings {
  readonly kind = 'backoff';
  // Stryker disable BlockStatement: unspecified: the constructor body only rejects invalid arguments, which the suite never builds (argument validation; test/src checks it)
  constructor(
    readonly minBackoffMs: number,
    readonly maxBackoffMs: number,
    readonly randomFactor: number,
    /** Stop after this many restarts since the last reset; `-1` means unlimited. */
    readonly maxRestarts = -1,
    /** Fault-free time after which the restart count resets; default (min+max)/2. */
    readonly resetBackoffAfterMs = (minBackoffMs + maxBackoffMs) / 2,
    readonly stopChildren = true,
    readonly stashCapacity = DEFAULT_RESTART_STASH_CAPACITY,
  ) {
    assertCount('restartWithBackoff minBackoffMs', minBackoffMs);
    if (!(maxBackoffMs >= minBackoffMs)) throw new RangeError('restartWithBackoff: maxBackoffMs must be >= minBackoffMs');
    // Like Pekko, any finite factor >= 0 is allowed: 2 means a delay of up to three times the base.
    if (!(randomFactor >= 0 && Number.isFinite(randomFactor))) throw new RangeError(`restartWithBackoff: randomFactor must be a finite number >= 0, got ${randomFactor}`);
  }
  // Stryker restore BlockStatement

  /** Stop instead of restarting once `maxRestarts` restarts happened without a reset. */
  withMaxRestarts(maxRestarts: number): BackoffStrategy {
    assertCount('withMaxRestarts', maxRestarts);
    return this.copy({ maxRestarts });
  }

  /** Fault-free time after which the backoff starts over from `minBackoffMs`. */
  withResetBackoffAfter(ms: number): BackoffStrategy {
    assertCount('withResetBackoffAfter', ms);
    return this.copy({ resetBackoffAfterMs: ms });
  }

  /** Whether children are stopped on restart (default true; SUP-13). */
  withStopChildren(enabled: boolean): BackoffStrategy {
    return this.copy({ stopChildren: enabled });
  }

  /** How many messages and signals to buffer while backing off (default 1000; SUP-10). */
  withStashCapacity(capacity: number): BackoffStrategy {
    assertCount('withStashCapacity', capacity);
    return this.copy({ stashCapacity: capacity });
  }

  /** The delay before restart number `restartCount` (0-based) given a uniform draw `u` in [0, 1). */
  delayFor(restartCount: number, u: number): number {
    const base = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** Math.min(restartCount, 60));
    return base + base * u * this.randomFactor;
  }

  private copy(change: Partial<BackoffStrategy>): BackoffStrategy {
    return new BackoffStrategy(
      this.minBackoffMs,
      this.maxBackoffMs,
      this.randomFactor,
      change.maxRestarts ?? this.maxRestarts,
      change.resetBackoffAfterMs ?? this.resetBackoffAfterMs,
      change.stopChildren ?? this.stopChildren,
      change.stashCapacity ?? this.stashCapacity,
    );
  }
}

function assertCount(what: string, value: number): void {
  if (!(Number.isInteger(value) ? value >= 0 : value >= 0 && Number.isFinite(value))) {
    throw new RangeError(`${what}: expected a non-negative number, got ${value}`);
  }
}

const STOP = new StopStrategy();
const RESUME = new ResumeStrategy();
const RESTART = new RestartStrategy();

/** Factories of supervisor strategies. @public */
export const SupervisorStrategy = {
  /** Stop the actor (the default without supervision). */
  stop(): StopStrategy {
    return STOP;
  },
  /** Ignore the failure: drop the message, keep the state. */
  resume(): ResumeStrategy {
    return RESUME;
  },
  /** Re-run the supervised behavior's setup; unlimited unless `.withLimit`. */
  restart(): RestartStrategy {
    return RESTART;
  },
  /** Restart after an exponentially growing delay on the system clock. */
  restartWithBackoff(minBackoffMs: number, maxBackoffMs: number, randomFactor: number): BackoffStrategy {
    return new BackoffStrategy(minBackoffMs, maxBackoffMs, randomFactor);
  },
};
