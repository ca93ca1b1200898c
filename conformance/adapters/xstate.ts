/**
 * The adapter for xstate 5.33.3 (https://stately.ai/docs), written from `conformance/ADAPTERS.md`
 * the way an outsider would. xstate's actor model maps onto a blueprint like this:
 *
 * - a test actor is a **state machine** whose context holds the message count; every blueprint
 *   gets its own machine, and the machine's `systemId` is the blueprint's logical path, so
 *   `system.get(path)` finds whatever is alive there;
 * - setup is the machine's **context factory**: xstate runs it once, eagerly, when the actor is
 *   created, and its `spawn` is the documented way to create the initial children. (Root `entry`
 *   actions would not do: xstate starts the initial children *before* it runs their parent's
 *   entry actions, so parents would set up after their children.)
 * - `stop` is a transition to a top-level **final state**, how a machine ends itself;
 *   `unhandled` is an event no transition handles, which xstate ignores;
 * - PostStop is the end of the actor as its **observer** sees it (`complete` when stopped or done,
 *   `error` when it failed). xstate gives a machine no hook of its own when it is stopped (exit
 *   actions do not run), so the observer, attached through the system's `inspect` API, is the
 *   only place an ending can be seen;
 * - timers are delayed self-events, `raise(event, { id: key, delay })` and `cancel(key)`, on
 *   xstate's injectable `clock`, which is the suite's clock; xstate cancels an actor's delayed
 *   events when it stops.
 *
 * Not declared, and not emulated (an emulation would test this file, not xstate):
 *
 * - **Supervision.** xstate has none: an action that throws ends the actor in status `error`,
 *   and its parent receives `xstate.error.actor.<id>`. A blueprint's supervision (`stop` only,
 *   with nothing declared) is therefore realised by doing nothing. A "restart" in xstate is the
 *   *parent* stopping the failed child and spawning a new actor under the same id: a new actor
 *   with a new mailbox (whatever was queued behind the failure is lost), decided by the parent,
 *   and impossible for a top-level actor, which has no parent. That is not the restart of
 *   `supervision.restart` (same actor, same mailbox, decided by the actor's own wrapper), and
 *   without a PreRestart signal no property could check it anyway. So the manual restart
 *   pattern is left undeclared rather than written here.
 * - **Death watch.** xstate tells a parent, and only its parent, when a child fails or reaches a
 *   final state, without any registration; nothing can watch an arbitrary actor or unwatch. The
 *   `watch` capability needs both, so the child notices are not declared. A blueprint's
 *   `watchChildren: 'none'` is realised literally: the parent machine has no handler for its
 *   children's events, and xstate's default for an unhandled child error is to fail the parent
 *   with the same error (`docs/xstate-findings.md` reports what the suite makes of that).
 * - PreRestart, stash, dead letters (xstate drops events to stopped actors silently), durable
 *   state (persisted snapshots carry no revision and no store contract).
 *
 * @packageDocumentation
 */
import { assign, cancel, createActor, enqueueActions, setup, type ActorOptions, type AnyActorLogic, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { describeBlueprint, type ActorBlueprint, type ActorCommand } from '../../spec/model/index.js';
import type { RuntimeAdapter, SystemUnderTest, TestEnvironment } from '../contract/RuntimeAdapter.js';
import type { SuiteClock, SuiteTimer } from '../contract/SuiteClock.js';

/** An xstate event is tagged by `type`; the suite's commands by `kind`. This carries both. */
type CommandEvent<C extends ActorCommand = ActorCommand> = C extends ActorCommand ? C & { readonly type: C['kind'] } : never;

/** The commands this adapter interprets; the others need capabilities it does not declare. */
const supported: ReadonlySet<ActorCommand['kind']> = new Set(['ping', 'fail', 'stop', 'unhandled', 'spawn', 'stopChild', 'startTimer', 'cancelTimer']);

function toEvent(command: ActorCommand): CommandEvent {
  return { ...command, type: command.kind } as CommandEvent;
}

/**
 * Refuses, before xstate sees them, the blueprint features xstate cannot express. The suite only
 * generates them for capabilities this adapter does not declare, so meeting one is a suite bug.
 */
function assertExpressible(blueprint: ActorBlueprint): void {
  const inexpressible =
    blueprint.supervision.some((layer) => layer.strategy.kind !== 'stop') || // no supervision but "fail and stop"
    blueprint.watchChildren !== 'none' ||
    blueprint.stashCapacity > 0 ||
    blueprint.failOnTerminated !== undefined ||
    blueprint.signalHandlerFailure !== undefined; // an observer cannot fail the actor it observes
  if (inexpressible) throw new TypeError(`xstate adapter: ${describeBlueprint(blueprint)} needs a capability this adapter does not declare`);
  blueprint.children.forEach(assertExpressible);
}

/** xstate's clock interface (not exported by name), which schedules delayed events. */
type XstateClock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/** The suite's clock in the shape of xstate's clock. */
function xstateClock(clock: SuiteClock): XstateClock {
  return {
    setTimeout: (callback: () => void, delayMs: number): SuiteTimer => clock.setTimer(delayMs, callback),
    clearTimeout: (timer: SuiteTimer) => timer.cancel(),
  };
}

/**
 * Reports the end of an actor as its PostStop: xstate completes an actor's observers when it is
 * stopped or reaches a final state, and errors them when it fails.
 */
function observeEnd(actor: AnyActorRef, path: string, env: TestEnvironment): AnyActorRef {
  const postStop = () => env.probe.signal(path, 'PostStop');
  actor.subscribe({ complete: postStop, error: postStop });
  return actor;
}

/** The machine of one blueprint living at `path`: the generic behavior, as a statechart. */
function machineFor(blueprint: ActorBlueprint, path: string, env: TestEnvironment): AnyStateMachine {
  const { probe, errors } = env;
  // Spawns a child under its name, registered in the system under its logical path.
  const spawnObserved = (spawn: unknown, child: ActorBlueprint) => {
    const childPath = `${path}/${child.name}`;
    // xstate types a child `id` only for actor sources declared in `setup`; ours are built per blueprint.
    const spawnWithId = spawn as (logic: AnyStateMachine, options: { id: string; systemId: string }) => AnyActorRef;
    observeEnd(spawnWithId(machineFor(child, childPath, env), { id: child.name, systemId: childPath }), childPath, env);
  };
  return setup({ types: {} as { context: { count: number }; events: CommandEvent } }).createMachine({
    id: blueprint.name,
    // Setup: runs once, when xstate creates the actor, and spawns the initial children.
    context: ({ spawn }) => {
      probe.setupStarted(path); // throws when the suite wants this setup to fail
      for (const child of blueprint.children) spawnObserved(spawn, child);
      return { count: 0 };
    },
    initial: 'running',
    states: {
      running: {
        // No transition for `unhandled`: xstate ignores an event that nothing handles.
        on: {
          ping: {
            actions: [({ context, event }) => probe.received(path, event.id, context.count), assign({ count: ({ context }) => context.count + 1 })],
          },
          fail: {
            actions: ({ event }) => {
              throw errors.create(event.error);
            },
          },
          stop: { target: 'stopped' },
          // `assign` is where a running machine gets `spawn`, which returns the new actor to observe.
          spawn: {
            actions: assign(({ spawn, event }) => {
              spawnObserved(spawn, event.child);
              return {};
            }),
          },
          // Stopping an absent child is a no-op in xstate, as the command wants.
          stopChild: { actions: enqueueActions(({ enqueue, event }) => enqueue.stopChild(event.name)) },
          // xstate keeps every delayed event scheduled under an id; the idiom for "a single timer
          // under this key" is to cancel the previous one first (docs/xstate-findings.md §2).
          startTimer: {
            actions: enqueueActions(({ enqueue, event }) => {
              enqueue.cancel(event.key);
              enqueue.raise(toEvent({ kind: 'ping', id: event.id }), { id: event.key, delay: event.delayMs });
            }),
          },
          cancelTimer: { actions: cancel(({ event }) => event.key) },
        },
      },
      stopped: { type: 'final' },
    },
  });
}

function start(env: TestEnvironment): SystemUnderTest {
  // Each top-level actor is the root of its own xstate system; its descendants live in it.
  const roots = new Map<string, AnyActorRef>();
  const clock = xstateClock(env.clock);
  return {
    spawn: (blueprint) => {
      assertExpressible(blueprint);
      const root = createActor(machineFor(blueprint, blueprint.name, env), { systemId: blueprint.name, clock });
      roots.set(blueprint.name, observeEnd(root, blueprint.name, env));
      root.start();
    },
    tell: (path, command) => {
      if (!supported.has(command.kind)) throw new TypeError(`xstate adapter: '${command.kind}' needs a capability this adapter does not declare`);
      if (command.kind === 'spawn') assertExpressible(command.child);
      const root = roots.get(path.split('/')[0] ?? path);
      // A stopped actor is unregistered from its system, so nothing is found and the command is dropped.
      root?.system.get(path)?.send(toEvent(command));
    },
    // xstate processes an event, and everything it causes, synchronously inside `send`.
    settle: async () => {},
    shutdown: async () => {
      for (const root of roots.values()) root.stop();
    },
  };
}

/**
 * xstate 5.33.3, declaring only what xstate itself can express (`spec/vocabulary.ts`). Left out
 * on purpose (see the top of this file): `lifecycle.pre-restart`, every `supervision.*`, every
 * `watch*`, `stash`, `dead-letters` and durable state.
 *
 * @public
 */
export const xstateAdapter: RuntimeAdapter = {
  name: 'xstate',
  version: '5.33.3',
  capabilities: [
    'lifecycle.post-stop', // the actor's observer completes (stopped, done) or errors
    'lifecycle.stop-child', // `stopChild(id)`
    'timers', // `raise(event, { id, delay })` and `cancel(id)`
    'time.manual', // `createActor(logic, { clock })`
  ],
  // xstate raises no errors of its own kinds (no death pact, no stash overflow).
  runtimeErrors: {},
  start,
};
