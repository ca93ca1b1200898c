import {
  Behaviors,
  DurableStateBehavior,
  Effect,
  PersistenceId,
  PostStop,
  RecoveryCompleted,
  ReplyEffect,
  RecoveryFailed,
  SupervisorStrategy,
  Terminated,
  type ActorRef,
  type Behavior,
  type DurableStateStore,
} from '../../../src/index.js';
import type { DeferredCommand, DurableEntityBlueprint, EffectStep, EntityCommand } from '../../../spec/model/index.js';
import type { TestEnvironment } from '../../contract/RuntimeAdapter.js';
import type { SuiteStore } from '../../contract/SuiteStore.js';

/** What an entity replies: the adapter reports it as `probe.reply` (DS-17). */
export interface EntityReply {
  readonly path: string;
  readonly id: number;
  readonly state: number;
}

async function* nothing(): AsyncIterable<never> {}

/** The suite's store seen through the runtime's store interface (tag queries are not used by entities). */
export function storeOver(store: SuiteStore): DurableStateStore {
  return {
    capabilities: {
      revisionCheck: true,
      deleteRevisionCheck: true,
      hardDelete: false,
      deleteOfUnknownId: 'tombstone',
      tagQueries: false,
      liveChanges: false,
      durable: false,
    },
    getObject: async <S>(persistenceId: string) => {
      const { value, revision } = await store.getObject(persistenceId);
      return { value: value as S | undefined, revision };
    },
    upsertObject: (persistenceId, revision, value, tag) => store.upsertObject(persistenceId, revision, value as number, tag),
    deleteObject: (persistenceId, revision) => store.deleteObject(persistenceId, revision),
    currentChanges: () => nothing(),
    changes: () => nothing(),
  };
}

/** How the reference entity is built: correct, or with one of the mutants' bugs. */
export interface EntityOptions {
  /** Resolves the name of another entity (for `watch`). */
  readonly entityRef: (name: string) => ActorRef<never> | undefined;
  /** The signal handler sees the state being written, not the last written one (a bug, DS-18). */
  readonly signalsSeePendingState?: boolean;
  /** Timer messages that arrive while a write is in flight are lost instead of held (a bug, DS-20). */
  readonly timerMessagesDroppedDuringWrite?: boolean;
  /** An unhandled termination notice counts as handled, so no death pact (a bug, WATCH-06, DS-18). */
  readonly terminatedAlwaysHandled?: boolean;
}

/** A counter entity whose command handler interprets the suite's entity commands (`halt` is its parent's business). */
export function durableEntity(
  entity: DurableEntityBlueprint,
  env: TestEnvironment,
  replies: ActorRef<EntityReply>,
  options: EntityOptions,
): Behavior<EntityCommand> {
  const { probe } = env.durable;
  const path = entity.name;
  const chain = (effect: Effect<number>, id: number, steps: readonly EffectStep[]): Effect<number> =>
    steps.reduce((e, step, k) => {
      switch (step) {
        case 'run':
          return e.thenRun((state) => probe.callback(path, id, k, state));
        case 'reply':
          return e.thenReply(replies, (state) => ({ path, id, state }));
        case 'unstashAll':
          return e.thenUnstashAll();
        case 'stop':
          return e.thenStop();
      }
    }, effect);
  // Every command decides about its reply (`withEnforcedReplies`): a chain without a reply ends in `thenNoReply`.
  const decided = (effect: Effect<number>): ReplyEffect<number> => (effect instanceof ReplyEffect ? effect : effect.thenNoReply());
  const timed = Behaviors.withTimers<EntityCommand>((timers) => {
    // Watches by the watched actor: the watch command that asked, and its name for nobody but us.
    const watches = new Map<ActorRef<never>, { readonly id: number; readonly deathPact: boolean }>();
    // Only for the mutants: the state of the write in flight, if any, and whether one is in flight.
    let pending: number | undefined;
    let writing = false;
    const write = (effect: Effect<number>, state: number): Effect<number> => {
      pending = state;
      if (options.timerMessagesDroppedDuringWrite !== true) return effect;
      writing = true;
      return effect.thenRun(() => {
        writing = false;
      });
    };
    const startTimer = (command: DeferredCommand, delayMs: number, self: ActorRef<EntityCommand>): void => {
      if (options.timerMessagesDroppedDuringWrite !== true) {
        timers.startSingleTimer(`later-${command.id}`, command, delayMs);
        return;
      }
      // The bug: the timer message goes around the internal stash and is lost while a write is in flight.
      env.clock.setTimer(delayMs, () => {
        if (!writing) self.tell(command);
      });
    };
    // Every handler result decides its reply, so either factory takes it; entities alternate
    // between them (by the parity of their number) so that both are exercised.
    const factory = Number(entity.name.replace(/\D/g, '')) % 2 === 0 ? DurableStateBehavior.withEnforcedReplies : DurableStateBehavior.create;
    const behavior = factory<EntityCommand, number>({
      persistenceId: PersistenceId.ofUniqueId(entity.persistenceId),
      emptyState: 0,
      commandHandler: (state, command, context) => {
        pending = undefined;
        // Passivation as sharding does it with a stop message: handled in mailbox order, never reported (DS-19).
        if (command.kind === 'passivate' || command.kind === 'halt') return Effect.stop<number>().thenNoReply();
        probe.handled(path, command.id, state, context.lastRevision);
        switch (command.kind) {
          case 'add':
            return decided(chain(write(Effect.persist(state + command.by), state + command.by), command.id, command.then));
          case 'remove':
            return decided(chain(write(Effect.delete<number>(), 0), command.id, command.then));
          case 'read':
            return Effect.none<number>()
              .thenRun((current) => probe.callback(path, command.id, 0, current))
              .thenNoReply();
          case 'ask':
            return Effect.reply(replies, { path, id: command.id, state });
          case 'unsupported':
            return decided(Effect.unhandled<number>());
          case 'park':
            return Effect.stash<number>().thenNoReply();
          case 'release':
            return Effect.unstashAll<number>().thenNoReply();
          case 'crash':
            throw env.errors.create('E0');
          case 'watch': {
            const target = options.entityRef(command.target);
            if (target !== undefined && !watches.has(target)) {
              watches.set(target, { id: command.id, deathPact: command.deathPact });
              context.actorContext.watch(target);
            }
            return Effect.noReply<number>();
          }
          case 'later':
            if (command.delayMs === 0) context.actorContext.self.tell(command.command);
            else startTimer(command.command, command.delayMs, context.actorContext.self);
            return Effect.noReply<number>();
        }
      },
    })
      .withTag(entity.tag)
      .receiveSignal((state, signal) => {
        if (signal instanceof RecoveryCompleted) probe.recovered(path, signal.state as number, signal.revision);
        // DS-03's RecoveryFailed carries the cause of the failure.
        else if (signal instanceof RecoveryFailed && signal.cause instanceof Error) probe.recoveryFailed(path);
        else if (signal === PostStop) env.probe.signal(path, 'PostStop');
        else if (signal instanceof Terminated) {
          const watch = watches.get(signal.ref);
          watches.delete(signal.ref);
          if (watch === undefined || watch.deathPact) return options.terminatedAlwaysHandled === true ? undefined : false;
          probe.callback(path, watch.id, 0, options.signalsSeePendingState ? (pending ?? state) : state);
        }
        return undefined;
      });
    const capped = entity.stashCapacity === undefined ? behavior : behavior.withStashCapacity(entity.stashCapacity);
    const sized = entity.stashOverflow === undefined ? capped : capped.withStashOverflowStrategy(entity.stashOverflow);
    const patient = entity.recoveryTimeoutMs === undefined ? sized : sized.withRecoveryTimeout(entity.recoveryTimeoutMs);
    const backoff = entity.persistFailureBackoff;
    return backoff === undefined ? patient : patient.onPersistFailure(SupervisorStrategy.restartWithBackoff(backoff.minMs, backoff.maxMs, 0));
  });
  // A user supervisor around the whole entity: a throwing handler restarts it (DS-12).
  return entity.restartOnFailure === true ? Behaviors.supervise(timed).onFailure(SupervisorStrategy.restart()) : timed;
}

/**
 * Reports a command a full stash of an entity dropped (the runtime's `Dropped` event with reason
 * `stash-overflow`, DS-15) to the durable probe; events about other actors are ignored.
 */
export function reportStashDrop(entities: ReadonlyMap<string, ActorRef<EntityCommand>>, env: TestEnvironment, recipient: string, message: unknown): void {
  const id = (message as Partial<EntityCommand> | null)?.id;
  if (typeof id !== 'number') return;
  for (const [name, ref] of entities) {
    if (ref.path === recipient) env.durable.probe.dropped(name, id);
  }
}
