import type { ActorRef } from './ActorRef.js';
import type { ActorSystem } from './ActorSystem.js';
import type { Behavior } from './Behavior.js';
import type { Extension } from './Extension.js';
import type { Logger } from './Logger.js';

/** The outcome of a promise handed to {@link ActorContext.pipeToSelf}. @public */
export type PipeOutcome<V> = { readonly ok: true; readonly value: V } | { readonly ok: false; readonly error: unknown };

/** A scheduled action that can still be called off. @public */
export interface Cancellable {
  /** Prevents the action; returns false if it already ran or was cancelled. */
  cancel(): boolean;
}

/**
 * The actor's view of itself and the system, passed to every handler. Only use it from
 * inside the actor's own handlers (it is not safe to keep it for later callbacks: use
 * `pipeToSelf` or messages to self instead).
 *
 * Children, watches and timers belong to the actor, not to a behavior: they survive
 * behavior changes and are handled by restarts as described in `src/SEMANTICS.md`.
 *
 * @public
 */
export interface ActorContext<T> {
  /** This actor's own ref. */
  readonly self: ActorRef<T>;
  /** The system the actor lives in. */
  readonly system: ActorSystem<unknown>;
  /** Logger whose records are published on the event stream with this actor's path. */
  readonly log: Logger;
  /** Starts a child named `name` (unique among live siblings; see {@link InvalidActorNameError}). */
  spawn<U>(behavior: Behavior<U>, name: string): ActorRef<U>;
  /** Starts a child with a generated name `$a`, `$b`, … (from a counter, never random). */
  spawnAnonymous<U>(behavior: Behavior<U>): ActorRef<U>;
  /**
   * Stops a child asynchronously (its children first, then its PostStop). Idempotent for an
   * already stopped child; throws {@link NotAChildError} for any other ref (LIF-09).
   */
  stop(child: ActorRef<never>): void;
  /** Delivers the `Terminated` signal when `target` stops (WATCH-01); idempotent. */
  watch(target: ActorRef<never>): void;
  /** Delivers `message` instead of `Terminated` when `target` stops (WATCH-05). */
  watchWith(target: ActorRef<never>, message: T): void;
  /** Cancels a watch; no notice for `target` arrives afterwards, even one already queued (WATCH-04). */
  unwatch(target: ActorRef<never>): void;
  /** The live children, in spawn order. */
  readonly children: ReadonlyArray<ActorRef<never>>;
  /** The live child called `name`, if any. */
  child(name: string): ActorRef<never> | undefined;
  /**
   * Sends `toMessage(outcome)` to self when `promise` settles. The mapping runs inside the
   * actor, so an error it throws is supervised like a handler error (SUP-14).
   */
  pipeToSelf<V>(promise: PromiseLike<V>, toMessage: (outcome: PipeOutcome<V>) => T): void;
  /**
   * A ref that accepts `U` and delivers `adapt(u)` to this actor; the mapping runs inside the
   * actor under supervision (SUP-14). Each call creates a new adapter ref (the Pekko rule of
   * one adapter per message class is not enforced).
   */
  messageAdapter<U>(adapt: (message: U) => T): ActorRef<U>;
  /** Sends `message` to `target` after `delayMs` on the system clock. */
  scheduleOnce<U>(delayMs: number, target: ActorRef<U>, message: U): Cancellable;
  /** The extension registered with `id` (HOOK-08); throws {@link UnknownExtensionError}. */
  extension<E extends Extension>(id: string): E;
}
