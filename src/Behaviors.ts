import type { Actor } from './Actor.js';
import type { FromActorOptions } from './_internals/behaviors.js';
import type { ActorContext } from './ActorContext.js';
import type { Behavior } from './Behavior.js';
import type { Signal } from './Signal.js';
import type { StashBuffer } from './StashBuffer.js';
import type { TimerScheduler } from './TimerScheduler.js';
import {
  EMPTY,
  FromActorBehavior,
  IGNORE,
  ReceiveBehavior,
  SAME,
  SetupBehavior,
  STOPPED,
  StoppedBehavior,
  Supervise,
  UNHANDLED,
  WithStashBehavior,
  WithTimersBehavior,
} from './_internals/behaviors.js';

/** Types used by the behavior factories (defined with the behavior kinds). */
export type { ErrorClass, FromActorOptions, MessageHandler, SignalHandler } from './_internals/behaviors.js';
/** The behavior kinds that have methods of their own (`receiveSignal`, `onFailure`). */
export { ReceiveBehavior, Supervise, SupervisedBehavior } from './_internals/behaviors.js';

/**
 * Factories of behaviors, mirroring Pekko typed's `Behaviors`.
 *
 * @public
 */
export const Behaviors = {
  /**
   * Runs `factory` when the actor (or the enclosing supervised part, on restart) starts;
   * eagerly at spawn, once per incarnation (LIF-01).
   */
  setup<T>(factory: (context: ActorContext<T>) => Behavior<T>): Behavior<T> {
    return new SetupBehavior(factory);
  },

  /** Handles each message with access to the context. */
  receive<T>(handler: (context: ActorContext<T>, message: T) => Behavior<T>): ReceiveBehavior<T> {
    return new ReceiveBehavior(handler, undefined);
  },

  /** Handles each message. */
  receiveMessage<T>(handler: (message: T) => Behavior<T>): ReceiveBehavior<T> {
    return new ReceiveBehavior((_context, message) => handler(message), undefined, handler);
  },

  /** Handles only signals; messages are unhandled. */
  receiveSignal<T>(handler: (context: ActorContext<T>, signal: Signal) => Behavior<T> | undefined): Behavior<T> {
    return new ReceiveBehavior<T>(() => UNHANDLED, handler);
  },

  /** Keep the current behavior. */
  same<T>(): Behavior<T> {
    return SAME;
  },

  /**
   * Stop the actor. `postStop` runs after the PostStop signal was delivered to the last
   * behavior (LIF-03).
   */
  stopped<T>(postStop?: () => void): Behavior<T> {
    return postStop ? new StoppedBehavior<T>(postStop) : STOPPED;
  },

  /** Keep the current behavior and report the message as unhandled (event stream). */
  unhandled<T>(): Behavior<T> {
    return UNHANDLED;
  },

  /** A behavior that treats every message as unhandled. */
  empty<T>(): Behavior<T> {
    return EMPTY;
  },

  /** A behavior that silently discards every message and signal. */
  ignore<T>(): Behavior<T> {
    return IGNORE;
  },

  /**
   * Wraps `behavior` in a supervisor: `.onFailure(strategy)` or
   * `.onFailure(ErrorClass, strategy)`. A restart re-installs exactly `behavior`; state held
   * outside it (e.g. in an enclosing `setup`) survives.
   */
  supervise<T>(behavior: Behavior<T>): Supervise<T> {
    return new Supervise(behavior);
  },

  /**
   * A setup that also creates a stash buffer of `capacity` messages, fresh each time this
   * part of the behavior is (re)started.
   */
  withStash<T>(capacity: number, factory: (stash: StashBuffer<T>) => Behavior<T>): Behavior<T> {
    if (!(Number.isInteger(capacity) && capacity >= 0)) throw new RangeError(`withStash: capacity must be a non-negative integer, got ${capacity}`);
    return new WithStashBehavior(capacity, factory);
  },

  /** A setup with access to the actor's timers (cancelled on restart and stop, LIF-07). */
  withTimers<T>(factory: (timers: TimerScheduler<T>) => Behavior<T>): Behavior<T> {
    return new WithTimersBehavior(factory);
  },

  /**
   * Turns a GoAkt-style object actor into a behavior; `factory` runs for every incarnation.
   * See {@link Actor} for the hook contract.
   */
  fromActor<T>(factory: () => Actor<T>, options: FromActorOptions = {}): Behavior<T> {
    return new FromActorBehavior(factory, options);
  },
};
