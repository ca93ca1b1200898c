import type { ActorRef } from './ActorRef.js';

/**
 * Sent to the behavior of an actor after it (and all its children) stopped, exactly
 * once per actor life and never on restart (LIF-03, LIF-05).
 *
 * @public
 */
export const PostStop = Object.freeze({ signalName: 'PostStop' as const });
/** The type of {@link PostStop}. @public */
export type PostStop = typeof PostStop;

/**
 * Sent to the current behavior when a supervisor is about to restart it; the behavior it
 * returns is ignored (LIF-05).
 *
 * @public
 */
export const PreRestart = Object.freeze({ signalName: 'PreRestart' as const });
/** The type of {@link PreRestart}. @public */
export type PreRestart = typeof PreRestart;

/**
 * A watched actor stopped (WATCH-01). Leaving it unhandled raises
 * {@link DeathPactError} in the watcher (WATCH-06).
 *
 * @public
 */
export class Terminated {
  readonly signalName: 'Terminated' | 'ChildFailed' = 'Terminated';
  constructor(
    /** The actor that stopped. */
    readonly ref: ActorRef<never>,
  ) {}
}

/**
 * A watched *child* stopped because of a failure; only the watching parent receives it,
 * other watchers get plain {@link Terminated} (WATCH-02).
 *
 * @public
 */
export class ChildFailed extends Terminated {
  override readonly signalName = 'ChildFailed';
  constructor(
    ref: ActorRef<never>,
    /** The error that stopped the child. */
    readonly cause: Error,
  ) {
    super(ref);
  }
}

/** Every lifecycle signal a behavior may receive. @public */
export type Signal = PostStop | PreRestart | Terminated;
