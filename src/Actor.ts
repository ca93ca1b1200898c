import type { ActorContext } from './ActorContext.js';

/**
 * An object-style actor in the GoAkt manner, turned into a behavior by
 * `Behaviors.fromActor(() => new MyActor())`. The factory runs once per incarnation (spawn
 * and every restart), so a restarted actor starts from fresh fields (HOOK-05).
 *
 * Every hook may return a promise; while it is pending the actor processes nothing else.
 * `preStart` completes before the first message (HOOK-01); if it throws or rejects the
 * start failed and is supervised like a failing `setup` (HOOK-02). An async `postStop`
 * completes before watchers hear `Terminated` and before the parent's PostStop.
 *
 * @public
 */
export interface Actor<T> {
  /** Runs when the incarnation starts, before any message (load state here). */
  preStart?(context: ActorContext<T>): void | PromiseLike<void>;
  /** Handles one message; a throw or rejection is a failure handled by the supervisor. */
  receive(context: ActorContext<T>, message: T): void | PromiseLike<void>;
  /** Runs once when the actor stops (never on a restart); flush state here. */
  postStop?(context: ActorContext<T>): void | PromiseLike<void>;
}
