/**
 * The adapter for this project's own runtime (`src/`), and the worked example of
 * `conformance/ADAPTERS.md`: one generic behavior realises every blueprint with the runtime's
 * public API and reports to the suite's probe.
 *
 * @packageDocumentation
 */
import {
  ActorInitializationError,
  ActorSystem,
  Behaviors,
  ChildFailed,
  DeathPactError,
  NotAChildError,
  PostStop,
  PreRestart,
  StashOverflowError,
  SupervisedBehavior,
  SupervisorStrategy,
  Terminated,
  WatchConflictError,
  DurableStateStoreExtension,
  type ActorContext,
  type ActorSystemOptions,
  type ActorRef,
  type Behavior,
  type ErrorClass,
  type StashBuffer,
  type TimerScheduler,
} from '../../src/index.js';
import type {
  ActorBlueprint,
  ActorCommand,
  DurableEntityBlueprint,
  EntityCommand,
  SupervisionLayer,
  SupervisorStrategy as StrategyData,
} from '../../spec/model/index.js';
import { durableEntity, reportStashDrop, storeOver, type EntityReply } from './_internals/referenceDurableEntity.js';
import { ReferenceHooks, type HookedGuardianMessage } from './_internals/referenceHookedActor.js';
import type { RuntimeAdapter, SystemUnderTest, TestEnvironment } from '../contract/RuntimeAdapter.js';
import type { RuntimeMutation } from '../mutants/RuntimeMutation.js';

/** What the generic behavior handles: the suite's commands plus the message `watchWith` registers. */
type Message = ActorCommand | WatchNotice;
interface WatchNotice {
  readonly kind: 'watchNotice';
  readonly of: string;
}

/** Logical paths ↔ refs of every actor this system created (latest ref per path). */
class Directory {
  private readonly refs = new Map<string, ActorRef<Message>>();
  private readonly paths = new Map<ActorRef<never>, string>();
  private readonly byRuntimePath = new Map<string, string>();
  private readonly notices = new Map<string, WatchNotice>();

  register(path: string, ref: ActorRef<Message>): void {
    this.stoppedPaths.delete(path);
    this.refs.set(path, ref);
    this.paths.set(ref, path);
    this.byRuntimePath.set(ref.path, path);
  }

  private readonly stoppedPaths = new Set<string>();

  /** The actor at `path` stopped (until another starts there). */
  stopped(path: string): void {
    this.stoppedPaths.add(path);
  }

  hasStopped(path: string): boolean {
    return this.stoppedPaths.has(path);
  }

  /** The logical path of the actor the runtime calls `runtimePath`. */
  logicalPath(runtimePath: string): string | undefined {
    return this.byRuntimePath.get(runtimePath);
  }

  refOf(path: string): ActorRef<Message> | undefined {
    return this.refs.get(path);
  }

  pathOf(ref: ActorRef<never>): string {
    return this.paths.get(ref) ?? ref.path;
  }

  /** The same message object for the same watcher and target, so re-registering `watchWith` is idempotent. */
  noticeFor(watcher: string, target: string): WatchNotice {
    const key = `${watcher}\u0000${target}`;
    let notice = this.notices.get(key);
    if (!notice) {
      notice = { kind: 'watchNotice', of: target };
      this.notices.set(key, notice);
    }
    return notice;
  }
}

function strategyOf(data: StrategyData): SupervisorStrategy {
  switch (data.kind) {
    case 'stop':
      return SupervisorStrategy.stop();
    case 'resume':
      return SupervisorStrategy.resume();
    case 'restart': {
      let s = SupervisorStrategy.restart();
      if (data.limit) s = s.withLimit(data.limit.max, data.limit.withinMs);
      if (data.stopChildren === false) s = s.withStopChildren(false);
      if (data.bufferCapacity !== undefined) s = s.withStashCapacity(data.bufferCapacity);
      return s;
    }
    case 'backoff': {
      let s = SupervisorStrategy.restartWithBackoff(data.minMs, data.maxMs, 0);
      // Each option survives the ones set after it (the builder copies the strategy).
      if (data.stopChildren === false) s = s.withStopChildren(false);
      if (data.bufferCapacity !== undefined) s = s.withStashCapacity(data.bufferCapacity);
      if (data.maxRestarts !== undefined) s = s.withMaxRestarts(data.maxRestarts);
      if (data.resetAfterMs !== undefined) s = s.withResetBackoffAfter(data.resetAfterMs);
      return s;
    }
  }
}

/** A class whose `instanceof` accepts `declared` itself but none of its subclasses (a mutant's supervisor matching). */
function exactly(declared: ErrorClass): ErrorClass {
  return class {
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof declared && Object.getPrototypeOf(value) === declared.prototype;
    }
  } as unknown as ErrorClass;
}

/** A class of its own whose `instanceof` accepts what `declared` accepts (a mutant's supervisor type). */
function lookalike(declared: ErrorClass): ErrorClass {
  return class {
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof declared;
    }
  } as unknown as ErrorClass;
}

/**
 * A mutant's mailbox: what is told in one turn is delivered at the end of it, with the first two
 * messages swapped when they go to the same actor.
 */
function swappingMailbox(deliver: (path: string, command: ActorCommand) => void): (path: string, command: ActorCommand) => void {
  let pending: { readonly path: string; readonly command: ActorCommand }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    const [first, second] = batch;
    if (first && second && first.path === second.path) batch.splice(0, 2, second, first);
    for (const { path, command } of batch) deliver(path, command);
  };
  return (path, command) => {
    if (pending.length === 0) queueMicrotask(flush);
    pending.push({ path, command });
  };
}

/** Replays the stash newest first (a mutant's `unstashAll`). */
function unstashReversed(stash: StashBuffer<Message>, behavior: Behavior<Message>): Behavior<Message> {
  const stashed: Message[] = [];
  stash.forEach((message) => stashed.push(message));
  stash.clear();
  for (const message of stashed.reverse()) stash.stash(message);
  return stash.unstashAll(behavior);
}

/** Single timers scheduled straight on the clock, per actor and owned by no incarnation (a mutant's timers). */
class UnownedTimers {
  private readonly pending = new Map<string, { cancel(): void }>();

  constructor(private readonly clock: TestEnvironment['clock']) {}

  start(key: string, delayMs: number, fire: () => void): void {
    this.cancel(key);
    this.pending.set(
      key,
      this.clock.setTimer(delayMs, () => {
        this.pending.delete(key);
        fire();
      }),
    );
  }

  cancel(key: string): void {
    this.pending.get(key)?.cancel();
    this.pending.delete(key);
  }
}

/**
 * No child has the name: stopping an actor that is not a child (here the actor itself) must
 * raise an error and leave everything running (LIF-09), so the command stays a no-op.
 */
function stopNonChild(context: ActorContext<Message>): void {
  try {
    context.stop(context.self);
  } catch (error) {
    if (!(error instanceof NotAChildError)) throw error;
  }
}

/** Builds the behavior of the actor at `path` from its blueprint. */
function realise(blueprint: ActorBlueprint, path: string, env: TestEnvironment, directory: Directory, mutation: RuntimeMutation = {}): Behavior<Message> {
  const { probe, errors } = env;
  /**
   * Wraps `inner` in `layers`, innermost first: each onFailure wraps the behavior built so far.
   * `disguised` (a mutant's) gives each supervisor a class of its own that matches the same
   * errors, so the runtime never sees it as the same type as another and stacks it.
   */
  const superviseIn = (inner: Behavior<Message>, layers: readonly SupervisionLayer[], disguised = false): Behavior<Message> => {
    let wrapped = inner;
    for (const layer of layers) {
      let strategy = strategyOf(mutation.strategy ? mutation.strategy(layer.strategy) : layer.strategy);
      if (mutation.restartBufferCapacity !== undefined && (strategy.kind === 'restart' || strategy.kind === 'backoff')) {
        strategy = strategy.withStashCapacity(mutation.restartBufferCapacity);
      }
      // An outer layer around a supervised behavior is chained (`.onFailure` again), the first one uses `supervise`: both spellings are exercised.
      const chained = wrapped instanceof SupervisedBehavior ? (wrapped as SupervisedBehavior<Message>) : undefined;
      if (layer.on === 'any' && !disguised) {
        wrapped = chained ? chained.onFailure(strategy) : Behaviors.supervise(wrapped).onFailure(strategy);
        continue;
      }
      const declared = layer.on === 'any' ? Error : errors.classOf(layer.on);
      const matcher = mutation.exactErrorMatching ? exactly(declared) : disguised ? lookalike(declared) : declared;
      wrapped = chained ? chained.onFailure(matcher, strategy) : Behaviors.supervise(wrapped).onFailure(matcher, strategy);
    }
    return wrapped;
  };
  const unownedTimers = mutation.timersSurviveRestart ? new UnownedTimers(env.clock) : undefined;
  /** Non-child actors this actor watches (a mutant's restart drops their watches). */
  const watchedOthers = new Set<ActorRef<Message>>();
  /** The last incarnation's count, which a mutant's restart carries over. */
  let carriedCount = 0;
  /** Whether a mutant already reported PostStop, ahead of the children. */
  let postStopReported = false;
  /**
   * LIF-03: after a `stop` command the actor stops with `stopped(callback)`; the first PostStop only
   * marks `postStopSignalled` and the callback reports it, so a callback that never runs, or runs
   * before the signal, loses the PostStop the model expects.
   */
  let stoppingItself = false;
  let postStopSignalled = false;
  const spawnChild = (ctx: ActorContext<Message>, child: ActorBlueprint): ActorRef<Message> => {
    const childPath = `${path}/${child.name}`;
    const ref = ctx.spawn(realise(child, childPath, env, directory, mutation), child.name);
    directory.register(childPath, ref);
    return ref;
  };

  const incarnation = (context: ActorContext<Message>, stash: StashBuffer<Message> | undefined, timers: TimerScheduler<Message>) => {
    let count = mutation.restartKeepsState ? carriedCount : 0;
    /** Whether the message being handled threw (a mutant skips PostStop then). */
    let failing = false;
    // receiveMessage (the context comes from setup): an unsupervised actor then runs on the runtime's plain-message fast path.
    const behavior: Behavior<Message> = Behaviors.receiveMessage<Message>((message) => {
      failing = message.kind === 'fail';
      switch (message.kind) {
        case 'ping':
          probe.received(path, message.id, count);
          count += 1;
          carriedCount = count;
          return Behaviors.same();
        case 'fail':
          throw errors.create(message.error);
        case 'stop':
          if (mutation.supervisedStopIgnored && blueprint.supervision.some((l) => l.strategy.kind !== 'stop')) return Behaviors.same();
          if (mutation.postStopBeforeChildren && blueprint.children.some((c) => context.child(c.name))) {
            probe.signal(path, 'PostStop');
            postStopReported = true;
          }
          stoppingItself = true;
          return Behaviors.stopped(() => {
            if (postStopSignalled && !postStopReported) probe.signal(path, 'PostStop');
          });
        case 'unhandled':
          return Behaviors.unhandled();
        case 'spawn':
          spawnChild(context, message.child);
          return Behaviors.same();
        case 'stopChild': {
          const child = context.child(message.name);
          if (child) context.stop(child);
          else if (mutation.stoppingAbsentChildStopsSelf) return Behaviors.stopped();
          else stopNonChild(context);
          return Behaviors.same();
        }
        case 'watch':
        case 'watchWith':
        case 'unwatch': {
          const target = directory.refOf(message.target);
          if (!target) return Behaviors.same();
          if (mutation.deadTargetsUnwatchable && message.kind !== 'unwatch' && directory.hasStopped(message.target)) return Behaviors.same();
          if (message.kind === 'watch' || (message.kind === 'watchWith' && mutation.watchWithSignals)) context.watch(target);
          else if (message.kind === 'watchWith') context.watchWith(target, directory.noticeFor(path, message.target));
          else if (!mutation.unwatchIgnored) context.unwatch(target);
          if (message.kind === 'unwatch') watchedOthers.delete(target);
          else if (!message.target.startsWith(`${path}/`)) watchedOthers.add(target);
          return Behaviors.same();
        }
        case 'stash':
          stash?.stash(message.command);
          return Behaviors.same();
        case 'unstashAll':
          if (stash && mutation.unstashAllReversed) return unstashReversed(stash, behavior);
          // Unstashing into `same` (the current behavior) as well as into a named behavior (`unstash` below).
          return stash ? stash.unstashAll(Behaviors.same()) : Behaviors.same();
        case 'unstash':
          if (stash && mutation.unstashCountIgnored) return stash.unstashAll(behavior);
          return stash ? stash.unstash(behavior, message.n) : Behaviors.same();
        case 'clearStash':
          stash?.clear();
          return Behaviors.same();
        case 'startTimer': {
          const tick: Message = { kind: 'ping', id: message.id };
          if (unownedTimers) {
            const self = context.self;
            unownedTimers.start(message.key, message.delayMs, () => self.tell(tick));
          } else timers.startSingleTimer(message.key, tick, message.delayMs);
          return Behaviors.same();
        }
        case 'cancelTimer':
          if (unownedTimers) unownedTimers.cancel(message.key);
          else timers.cancel(message.key);
          return Behaviors.same();
        case 'watchNotice':
          probe.watchMessage(path, message.of);
          return Behaviors.same();
        case 'supervise':
          // The same behavior (its count kept) inside one more supervisor, which replaces a same-type one (SUP-06).
          return superviseIn(behavior, [message.layer], mutation.addedSupervisorsStack);
        case 'become':
          // LIF-11: the runtime's own marker behaviors replace this one until a restart.
          return message.marker === 'empty' ? Behaviors.empty() : Behaviors.ignore();
      }
    }).receiveSignal(function handleSignal(context, signal) {
      // A mutant's runtime hands the behavior PostStop as well when it restarts it.
      if (signal === PreRestart && mutation.postStopOnRestart) handleSignal(context, PostStop);
      if (signal === PreRestart || signal === PostStop) {
        if (signal === PostStop) directory.stopped(path);
        if (signal === PreRestart && mutation.restartDropsWatches) for (const target of watchedOthers) context.unwatch(target);
        const silent = signal === PostStop && ((failing && mutation.noPostStopOnFailure) || postStopReported);
        const deferred = signal === PostStop && stoppingItself && !postStopSignalled; // reported by the stop callback
        if (deferred) postStopSignalled = true;
        if (!silent && !deferred) probe.signal(path, signal.signalName);
        if (signal === PreRestart && mutation.restartReportsChildren && blueprint.watchChildren === 'watch') {
          for (const child of blueprint.children) if (context.child(child.name)) probe.terminated(path, `${path}/${child.name}`);
        }
        if (blueprint.signalHandlerFailure !== undefined) throw errors.create(blueprint.signalHandlerFailure);
        return Behaviors.same();
      }
      // Leaving Terminated unhandled is how a blueprint asks for the death pact (WATCH-06), by
      // either of the two ways a handler may leave a signal unhandled (by path, so both are exercised).
      if (!blueprint.handlesTerminated) return mutation.terminatedAlwaysHandled ? Behaviors.same() : path.length % 2 === 0 ? Behaviors.unhandled() : undefined;
      // Told apart by their public names, as a user's handler may (WATCH-02).
      if (signal.signalName === 'ChildFailed' && signal instanceof ChildFailed && !mutation.childFailureCauseLost) {
        probe.childFailed(path, directory.pathOf(signal.ref), errors.nameOf(signal.cause));
      } else if ((signal.signalName === 'Terminated' || signal.signalName === 'ChildFailed') && signal instanceof Terminated) {
        probe.terminated(path, directory.pathOf(signal.ref));
        if (mutation.terminatedTwice) probe.terminated(path, directory.pathOf(signal.ref));
      }
      if (blueprint.failOnTerminated !== undefined && !mutation.signalHandlerErrorsSwallowed) throw errors.create(blueprint.failOnTerminated);
      return Behaviors.same();
    });
    return behavior;
  };

  const behavior: Behavior<Message> = Behaviors.setup<Message>((ctx) => {
    probe.setupStarted(path); // throws when the suite wants this attempt to fail
    for (const child of blueprint.children) {
      if (ctx.child(child.name)) continue; // kept across a restart with stopChildren(false)
      const ref = spawnChild(ctx, child);
      if (blueprint.watchChildren === 'watch') ctx.watch(ref);
      else if (blueprint.watchChildren === 'watchWith') ctx.watchWith(ref, directory.noticeFor(path, `${path}/${child.name}`));
    }
    return Behaviors.withTimers<Message>((timers) =>
      blueprint.stashCapacity > 0
        ? Behaviors.withStash<Message>(blueprint.stashCapacity * (mutation.stashUnbounded ? 100 : 1), (stash) => incarnation(ctx, stash, timers))
        : incarnation(ctx, undefined, timers),
    );
  });
  const layers: readonly SupervisionLayer[] =
    blueprint.supervision.length === 0 && mutation.unsupervisedRestarts ? [{ on: 'any', strategy: { kind: 'restart' } }] : blueprint.supervision;
  return superviseIn(behavior, mutation.outermostSupervisorFirst ? [...layers].reverse() : layers);
}

type GuardianMessage =
  | { readonly spawn: ActorBlueprint }
  | { readonly entity: DurableEntityBlueprint }
  | { readonly halt: string }
  | { readonly reply: EntityReply };

/**
 * Where the reference runtime may choose how to schedule without leaving the rules (the legal
 * variants of `conformance/variants/` set these): `ActorSystemOptions` of the same names.
 *
 * @public
 */
export type ReferenceScheduling = Pick<ActorSystemOptions, 'throughput' | 'runQueue' | 'systemMessagePriority' | 'childStopOrder'>;

function start(env: TestEnvironment, mutation: RuntimeMutation = {}, scheduling: ReferenceScheduling = {}): SystemUnderTest {
  const directory = new Directory();
  const entities = new Map<string, ActorRef<EntityCommand>>();
  const hooks = new ReferenceHooks(env, mutation);
  const guardian = Behaviors.setup<GuardianMessage | HookedGuardianMessage>((ctx) => {
    // Entities reply to the guardian through a message adapter, which reports each reply (DS-17).
    const replies = ctx.messageAdapter<EntityReply>((reply) => ({ reply }));
    return Behaviors.receive<GuardianMessage | HookedGuardianMessage>((context, message) => {
      if (hooks.handles(context, message)) return Behaviors.same();
      if ('reply' in message) {
        const { path, id, state } = message.reply;
        env.durable.probe.reply(path, id, state);
      } else if ('entity' in message) {
        const { name } = message.entity;
        const options = {
          entityRef: (target: string) => entities.get(target),
          signalsSeePendingState: mutation.signalsSeePendingState === true,
          timerMessagesDroppedDuringWrite: mutation.timerMessagesDroppedDuringWrite === true,
          terminatedAlwaysHandled: mutation.terminatedAlwaysHandled === true,
        };
        entities.set(name, context.spawn(durableEntity(message.entity, env, replies, options), name));
      } else if ('halt' in message) {
        // An abrupt stop: the parent stops the entity around its mailbox (DS-19).
        const entity = entities.get(message.halt);
        if (entity !== undefined) context.stop(entity);
      } else {
        const name = message.spawn.name;
        directory.register(name, context.spawn(realise(message.spawn, name, env, directory, mutation), name));
      }
      return Behaviors.same();
    });
  });
  const system = ActorSystem.create(guardian, 'conformance', {
    clock: env.clock,
    random: () => 0,
    // Bursts (2-4 commands) and unstash replays outlast one turn, so the suite sees mail carried across turns.
    throughput: 2,
    ...scheduling,
    extensions: [new DurableStateStoreExtension(storeOver(mutation.durableStore ? mutation.durableStore(env.durable.store) : env.durable.store)), ...hooks.extensions],
  });
  system.eventStream.subscribe((event) => {
    if (event.type === 'Dropped' && event.reason === 'stash-overflow') reportStashDrop(entities, env, event.recipient, event.message);
    // A message a full restart buffer drops is reported like a dead letter (SUP-10).
    const lost = event.type === 'DeadLetter' || (event.type === 'Dropped' && event.reason === 'restart-buffer-full');
    if (!lost || mutation.deadLettersLost) return;
    const message = event.message as Partial<Message> | null;
    const path = directory.logicalPath(event.recipient);
    const reported = message?.kind === 'ping' || message?.kind === 'fail' || message?.kind === 'stop' || message?.kind === 'unhandled';
    if (path !== undefined && message && reported && 'id' in message && typeof message.id === 'number') {
      env.probe.deadLetter(path, message.id);
    }
  });
  return {
    spawn: (blueprint) => system.tell({ spawn: blueprint }),
    tell: mutation.mailboxNotFifo ? swappingMailbox((path, command) => directory.refOf(path)?.tell(command)) : (path, command) => directory.refOf(path)?.tell(command),
    spawnEntity: (entity) => system.tell({ entity }),
    tellEntity: (path, command) =>
      command.kind === 'halt' || (command.kind === 'passivate' && mutation.passivationStopsAtOnce === true)
        ? system.tell({ halt: path })
        : entities.get(path)?.tell(command),
    spawnHooked: (actor) => system.tell({ hooked: actor }),
    tellHooked: (path, command) => hooks.tell(path, command),
    stopHooked: (path) => system.tell({ stopHooked: path }),
    settle: () => hooks.settle(() => system.settled()),
    shutdown: () => system.terminate(),
  };
}

/** The reference runtime of this project, declaring every runtime capability it implements. @public */
export const referenceRuntimeAdapter: RuntimeAdapter = {
  name: 'reference-runtime',
  version: '0.1.0',
  capabilities: [
    'lifecycle.post-stop',
    'lifecycle.pre-restart',
    'lifecycle.stop-child',
    'behaviors.markers',
    'dead-letters',
    'supervision.resume',
    'supervision.restart',
    'supervision.restart-limit',
    'supervision.backoff',
    'supervision.error-type',
    'supervision.nesting',
    'supervision.stop-children-toggle',
    'supervision.restart-buffer',
    'timers',
    'watch',
    'watch.with-message',
    'watch.child-failed',
    'watch.death-pact',
    'stash',
    'hooks',
    'extensions',
    'time.manual',
    'durable-state',
    'durable-state.recovery-signals',
    'durable-state.delete',
    'durable-state.user-stash',
    'durable-state.stash-capacity',
    'durable-state.stash-overflow',
    'durable-state.persist-failure-backoff',
    'durable-state.recovery-timeout',
    'durable-state.reply-unhandled',
  ],
  hookPolicy: { restartedChildren: 'stopped', startTimeout: true },
  runtimeErrors: {
    DeathPact: DeathPactError,
    StashOverflow: StashOverflowError,
    WatchConflict: WatchConflictError,
    ActorInitialization: ActorInitializationError,
  },
  start,
};

/**
 * The reference runtime built with one deliberate bug (a mutant, see `conformance/mutants/`): the
 * same capabilities and errors as {@link referenceRuntimeAdapter}, under another name.
 *
 * @public
 */
export function referenceRuntimeWith(name: string, mutation: RuntimeMutation, scheduling: ReferenceScheduling = {}): RuntimeAdapter {
  return { ...referenceRuntimeAdapter, name, start: (env) => start(env, mutation, scheduling) };
}

/**
 * The runtime's embedded default store (`InMemoryDurableStateStore`, what
 * `DurableStateStoreExtension` uses when none is registered), exported so the command line
 * judges it with the runtime: `npx conformance` gives every rule of the catalogue a verdict.
 */
export { inMemoryStorePlugin as embeddedStorePlugin } from './in-memory-store.js';
