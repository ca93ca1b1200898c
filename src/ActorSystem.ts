import type { ActorRef } from './ActorRef.js';
import type { Behavior } from './Behavior.js';
import type { Clock } from './Clock.js';
import type { EventStream } from './EventStream.js';
import type { Extension } from './Extension.js';
import { createActorSystem } from './_internals/system.js';
import type { DurableStateStore } from './persistence/DurableStateStore.js';
import { DurableStateStoreExtension } from './persistence/DurableStateStoreExtension.js';

/** See {@link ActorSystemOptions.runQueue}. @public */
export type RunQueueOrder = 'fifo' | 'lifo' | 'alternating';

/** See {@link ActorSystemOptions.childStopOrder}. @public */
export type ChildStopOrder = 'creation' | 'reverse';

/** Options of {@link ActorSystem.create}. @public */
export interface ActorSystemOptions {
  /** Source of time for timers, restart windows, backoff and ask timeouts (default: {@link SystemClock}). */
  readonly clock?: Clock;
  /** System-wide services, unique by id (HOOK-08). */
  readonly extensions?: ReadonlyArray<Extension>;
  /** Source of uniform numbers in [0, 1) for backoff jitter (default `Math.random`). */
  readonly random?: () => number;
  /** Messages one actor processes before yielding to the next actor with mail (default 300). */
  readonly throughput?: number;
  /**
   * The order in which actors with work get their turns (default `'fifo'`): `'lifo'` runs the
   * latest scheduled first, `'alternating'` takes the oldest and the latest by turns. Actors
   * run concurrently, so no rule orders the turns of different actors; this only picks one order.
   */
  readonly runQueue?: RunQueueOrder;
  /**
   * Termination notices (`Terminated`, `ChildFailed`, a `watchWith` message) wait in a queue of
   * their own that is handled before the actor's next message, as Pekko handles its system
   * messages (default `false`: they join the mailbox behind the messages already there). A
   * restart buffer being replayed and an `unstash` in progress are never interrupted.
   */
  readonly systemMessagePriority?: boolean;
  /**
   * The order in which a stopping or restarting actor asks its children to stop (default
   * `'creation'`). Siblings stop concurrently; no rule orders them.
   */
  readonly childStopOrder?: ChildStopOrder;
  /**
   * The store of every `DurableStateBehavior` in this system (default: an in-memory store of
   * the system's own). Registered as a {@link DurableStateStoreExtension}.
   */
  readonly durableStateStore?: DurableStateStore;
}

/**
 * A running actor hierarchy. The system is itself a ref to its guardian actor (the
 * `guardian` behavior given at creation), so `system.tell(msg)` talks to the guardian.
 * The system terminates when the guardian stops or when {@link ActorSystem.terminate} is called.
 *
 * @public
 */
export interface ActorSystem<T> extends ActorRef<T> {
  /** The clock everything in this system schedules on. */
  readonly clock: Clock;
  /** Runtime events: dead letters, drops, unhandled messages, log records. */
  readonly eventStream: EventStream;
  /** Messages told to this ref are published as dead letters. */
  readonly deadLetters: ActorRef<unknown>;
  /** Stops the guardian (and so every actor); resolves once everything stopped. */
  terminate(): Promise<void>;
  /** Resolves once the system terminated, whatever the reason. */
  readonly whenTerminated: Promise<void>;
  /** Whether the system has fully terminated. */
  readonly isTerminated: boolean;
  /** The extension registered with `id`; throws {@link UnknownExtensionError}. */
  extension<E extends Extension>(id: string): E;
  /**
   * Resolves once no actor has mail, a pending async step (promise-returning hook) or a
   * restart in progress. Timers on the clock do not count: with a manual clock they only
   * fire when time is advanced.
   */
  settled(): Promise<void>;
}

/** Creates actor systems. @public */
export const ActorSystem = {
  /** Starts a system whose guardian actor runs `guardian`. */
  create<T>(guardian: Behavior<T>, name: string, options: ActorSystemOptions = {}): ActorSystem<T> {
    // Durable State (added by the persistence engineer): the store option becomes the extension
    // that DurableStateBehavior looks up, so the runtime itself needs no store logic.
    const store = options.durableStateStore;
    const withStore =
      store === undefined ? options : { ...options, extensions: [...(options.extensions ?? []), new DurableStateStoreExtension(store)] };
    return createActorSystem(guardian, name, withStore);
  },
};
