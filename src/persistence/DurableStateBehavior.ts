import type { Behavior } from '../Behavior.js';
import { Behaviors } from '../Behaviors.js';
import { SupervisorStrategy, type BackoffStrategy } from '../SupervisorStrategy.js';
import type { DurableStateContext } from './DurableStateContext.js';
import type { DurableStateSignal } from './DurableStateSignal.js';
import { DurableStateStoreExtension } from './DurableStateStoreExtension.js';
import type { Effect, ReplyEffect } from './Effect.js';
import { DurableStateBehaviorError } from './errors.js';
import type { PersistenceId } from './PersistenceId.js';
import { DurableStateRunner } from './_internals/DurableStateRunner.js';
import {
  DEFAULT_RECOVERY_TIMEOUT_MS,
  DEFAULT_STASH_CAPACITY,
  type DurableStateSettings,
  type StashOverflowStrategy,
} from './_internals/DurableStateSettings.js';
import { StashState } from './_internals/StashState.js';

export type { StashOverflowStrategy } from './_internals/DurableStateSettings.js';

/**
 * Turns the current state and a command into an {@link Effect}. The optional third argument
 * gives access to the revision and the actor context.
 *
 * @public
 */
export type DurableStateCommandHandler<C, S, E extends Effect<S> = Effect<S>> = (
  state: S,
  command: C,
  context: DurableStateContext<C>,
) => E;

/**
 * Receives lifecycle and recovery signals with the last successfully written state. Return
 * `false` to leave a signal unhandled (an unhandled `Terminated` raises a death pact).
 *
 * @public
 */
export type DurableStateSignalHandler<C, S> = (
  state: S,
  signal: DurableStateSignal<S>,
  context: DurableStateContext<C>,
) => void | false;

/** The arguments of {@link DurableStateBehavior.create}. @public */
export interface DurableStateBehaviorOptions<C, S, E extends Effect<S> = Effect<S>> {
  /** The entity's stable id in the store. */
  readonly persistenceId: PersistenceId;
  /** The state of an entity that was never written (or was deleted). */
  readonly emptyState: S;
  /** Decides, per command, what to write and what to do after the write. */
  readonly commandHandler: DurableStateCommandHandler<C, S, E>;
}

/**
 * A behavior whose state is kept in a durable-state store: on start it reads the stored state
 * and revision, and every `Effect.persist` replaces the stored state at the next revision
 * before the next command is handled. It is a `Behavior<C>`: spawn it, wrap it in
 * `Behaviors.setup`/`supervise`/`withTimers` like any other.
 *
 * Every `with…` method returns a new behavior.
 *
 * @public
 */
export interface DurableStateBehavior<C, S> extends Behavior<C> {
  /** The entity's id in the store. */
  readonly persistenceId: PersistenceId;
  /** Tags every write with `tag`, for tag queries on the store (TAG-01). Default: untagged. */
  withTag(tag: string): DurableStateBehavior<C, S>;
  /** Sets the handler of `RecoveryCompleted`, `RecoveryFailed`, `PostStop`, `PreRestart`, `Terminated`. */
  receiveSignal(handler: DurableStateSignalHandler<C, S>): DurableStateBehavior<C, S>;
  /**
   * On a failed write or recovery, restart with backoff instead of stopping (DS-09): the
   * restarted incarnation re-reads the store, then handles the commands that were stashed.
   */
  onPersistFailure(backoff: BackoffStrategy): DurableStateBehavior<C, S>;
  /** Capacity of each of the two stashes (internal and user); default 4096 (DS-15). */
  withStashCapacity(capacity: number): DurableStateBehavior<C, S>;
  /** What a full stash does with a command: `'drop'` it onto the event stream (default) or `'fail'` the actor. */
  withStashOverflowStrategy(strategy: StashOverflowStrategy): DurableStateBehavior<C, S>;
  /** How long recovery may wait for the store before failing (default 30 000 ms on the system clock). */
  withRecoveryTimeout(timeoutMs: number): DurableStateBehavior<C, S>;
}

function assertNonNegativeInteger(what: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`${what}: expected a non-negative integer, got ${value}`);
}

/** Builds the runtime behavior for `settings` and attaches the `with…` methods. */
function durableStateBehavior<C, S>(settings: DurableStateSettings<C, S>): DurableStateBehavior<C, S> {
  const behavior = Behaviors.setup<C>((context) => {
    const store = DurableStateStoreExtension.storeOf(context.system);
    // Created outside the persist-failure supervisor so a backoff restart keeps the stashes (DS-09).
    const stashes = new StashState<C>(settings.stashCapacity);
    const incarnation = Behaviors.setup<C>((incarnationContext) =>
      new DurableStateRunner(incarnationContext, settings, store, stashes).start(),
    );
    // Always supervised: even under a user's restarting supervisor a failed write stops (or
    // backs off), because the outcome of the write is unknown (DS-08).
    return Behaviors.supervise(incarnation).onFailure(
      DurableStateBehaviorError,
      settings.persistFailure ?? SupervisorStrategy.stop(),
    );
  });
  const change = (update: Partial<DurableStateSettings<C, S>>) => durableStateBehavior({ ...settings, ...update });
  return Object.assign(behavior, {
    persistenceId: settings.persistenceId,
    withTag: (tag: string) => change({ tag }),
    receiveSignal: (signalHandler: DurableStateSignalHandler<C, S>) => change({ signalHandler }),
    onPersistFailure: (persistFailure: BackoffStrategy) => change({ persistFailure }),
    withStashCapacity: (stashCapacity: number) => {
      assertNonNegativeInteger('withStashCapacity', stashCapacity);
      return change({ stashCapacity });
    },
    withStashOverflowStrategy: (stashOverflow: StashOverflowStrategy) => change({ stashOverflow }),
    withRecoveryTimeout: (recoveryTimeoutMs: number) => {
      if (!(recoveryTimeoutMs >= 0)) throw new RangeError(`withRecoveryTimeout: expected a non-negative number, got ${recoveryTimeoutMs}`);
      return change({ recoveryTimeoutMs });
    },
  });
}

function fromOptions<C, S>(options: DurableStateBehaviorOptions<C, S, Effect<S>>): DurableStateBehavior<C, S> {
  return durableStateBehavior<C, S>({
    persistenceId: options.persistenceId,
    emptyState: options.emptyState,
    commandHandler: options.commandHandler,
    signalHandler: undefined,
    // Stryker disable next-line StringLiteral: unspecified: the tag of an entity without withTag; DS-05 only says writes carry the entity's tag
    tag: '',
    persistFailure: undefined,
    stashCapacity: DEFAULT_STASH_CAPACITY,
    // Stryker disable next-line StringLiteral: equivalent: the strategy is only compared with 'fail'
    stashOverflow: 'drop',
    recoveryTimeoutMs: DEFAULT_RECOVERY_TIMEOUT_MS,
  });
}

/**
 * Factories of {@link DurableStateBehavior}s, mirroring Akka's `DurableStateBehavior`.
 *
 * @example
 * ```ts
 * type Command = { type: 'add'; amount: number } | { type: 'get'; replyTo: ActorRef<number> };
 * const counter = DurableStateBehavior.create<Command, number>({
 *   persistenceId: PersistenceId.of('Counter', 'c-1'),
 *   emptyState: 0,
 *   commandHandler: (total, command) =>
 *     command.type === 'add' ? Effect.persist(total + command.amount) : Effect.reply(command.replyTo, total),
 * }).withTag('counters');
 * const system = ActorSystem.create(counter, 'demo', { durableStateStore: new SqliteDurableStateStore({ filename: 'state.db' }) });
 * ```
 *
 * @public
 */
export const DurableStateBehavior = {
  /** A durable-state behavior whose command handler returns any {@link Effect}. */
  create<C, S>(options: DurableStateBehaviorOptions<C, S, Effect<S>>): DurableStateBehavior<C, S> {
    return fromOptions(options);
  },

  /**
   * Like {@link DurableStateBehavior.create}, but the command handler must return a
   * {@link ReplyEffect} (`Effect.reply`, `noReply`, `thenReply`, `thenNoReply`), so every
   * command decides about its reply at compile time.
   */
  withEnforcedReplies<C, S>(options: DurableStateBehaviorOptions<C, S, ReplyEffect<S>>): DurableStateBehavior<C, S> {
    return fromOptions<C, S>(options);
  },
};
