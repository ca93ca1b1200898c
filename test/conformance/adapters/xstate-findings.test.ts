// Standalone reproductions of what the xstate adapter found (docs/xstate-findings.md): plain
// xstate 5.33.3 code, no conformance suite, so each claim is checked without our kit. The last
// block replays the same cases through the adapter and the suite's own model and checker.
import { describe, expect, it } from 'vitest';
import { assign, createActor, createMachine, enqueueActions, SimulatedClock, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { xstateAdapter } from '../../../conformance/adapters/xstate.js';
import { suiteEnvironment } from '../../../conformance/_internals/suiteEnvironment.js';
import {
  checkHistory,
  initialModelState,
  predict,
  type ActorBlueprint,
  type ErrorHierarchy,
  type Operation,
} from '../../../spec/model/index.js';

/** A child that counts `ping`s and ends itself on `stop`. */
const child = createMachine({
  context: { pings: 0 },
  initial: 'running',
  states: {
    running: { on: { ping: { actions: assign({ pings: ({ context }) => context.pings + 1 }) }, stop: 'done' } },
    done: { type: 'final' },
  },
});

/** An action that throws, as a failing actor's does. */
const throwing = (message: string) => () => {
  throw new Error(message);
};

/** A parent that spawns `child` as `c0` at start and throws on `boom`. */
const parentMachine = createMachine({
  context: ({ spawn }) => {
    spawn(child, { id: 'c0' });
    return {};
  },
  on: { boom: { actions: throwing('boom') } },
});

/** Starts a root actor with an error observer (without one, xstate rethrows the error in a later macrotask). */
function startObserved(machine: AnyStateMachine): { parent: AnyActorRef; errors: unknown[] } {
  const errors: unknown[] = [];
  const parent = createActor(machine);
  parent.subscribe({ error: (error) => errors.push(error) });
  parent.start();
  return { parent, errors };
}

function childOf(parent: AnyActorRef): AnyActorRef {
  const ref = (parent.getSnapshot() as { children: Record<string, AnyActorRef> }).children['c0'];
  if (!ref) throw new TypeError('no child c0');
  return ref;
}

describe('xstate 5.33.3 on its own (no conformance kit)', () => {
  it('BUG: a machine whose own action throws ends in error but leaves its children running (statelyai/xstate#5153)', () => {
    const { parent, errors } = startObserved(parentMachine);
    const c0 = childOf(parent);
    parent.send({ type: 'boom' });
    expect(parent.getSnapshot().status).toBe('error');
    expect(errors).toHaveLength(1);
    // The child was neither stopped nor told: it is still active and still handles events.
    expect(c0.getSnapshot().status).toBe('active');
    c0.send({ type: 'ping' });
    expect(c0.getSnapshot().context).toEqual({ pings: 1 });
    // Not even stopping the root afterwards reaches it: the errored root has nothing left to stop.
    parent.stop();
    expect(c0.getSnapshot().status).toBe('active');
  });

  it('by contrast, a machine failing through an unhandled child error does stop its other children (fixed in 5.33.3, #5792)', () => {
    const sibling = createMachine({ initial: 'running', states: { running: {} } });
    const failing = createMachine({ on: { boom: { actions: throwing('child boom') } } });
    const twoChildren = createMachine({
      context: ({ spawn }) => {
        spawn(failing, { id: 'failing' });
        spawn(sibling, { id: 'sibling' });
        return {};
      },
    });
    const { parent } = startObserved(twoChildren);
    const children = (parent.getSnapshot() as { children: Record<string, AnyActorRef> }).children;
    const siblingRef = children['sibling']!;
    children['failing']!.send({ type: 'boom' });
    expect(parent.getSnapshot().status).toBe('error');
    expect(siblingRef.getSnapshot().status).toBe('stopped');
  });

  it('DIFFERENCE: a parent that does not handle its child\'s error event fails with the same error; handling it keeps the parent alive', () => {
    const failingChild = createMachine({ on: { boom: { actions: throwing('child boom') } } });
    // Unhandled, `xstate.error.actor.c0` fails the parent; handled (even by doing nothing), it does not.
    const withFailingChild = (handle: boolean) =>
      createMachine({
        context: ({ spawn }) => {
          spawn(failingChild, { id: 'c0' });
          return {};
        },
        on: handle ? { 'xstate.error.actor.c0': { actions: () => {} } } : {},
      });
    for (const handle of [false, true]) {
      const { parent, errors } = startObserved(withFailingChild(handle));
      childOf(parent).send({ type: 'boom' });
      expect(parent.getSnapshot().status, `handled: ${handle}`).toBe(handle ? 'active' : 'error');
      expect(errors.map((e) => (e as Error).message), `handled: ${handle}`).toEqual(handle ? [] : ['child boom']);
    }
  });

  it('DIFFERENCE: escalation passes the original error up, with no death-pact kind of its own', () => {
    const grandchild = createMachine({ on: { boom: { actions: throwing('grandchild boom') } } });
    const middle = createMachine({
      context: ({ spawn }) => {
        spawn(grandchild, { id: 'g0' });
        return {};
      },
    });
    const causes: unknown[] = [];
    const top = createMachine({
      context: ({ spawn }) => {
        spawn(middle, { id: 'c0' });
        return {};
      },
      on: { 'xstate.error.actor.c0': { actions: ({ event }) => causes.push(event.error) } },
    });
    const { parent } = startObserved(top);
    const g0 = (childOf(parent).getSnapshot() as { children: Record<string, AnyActorRef> }).children['g0']!;
    g0.send({ type: 'boom' });
    expect(childOf(parent).getSnapshot().status).toBe('error');
    expect(causes.map((e) => (e as Error).message)).toEqual(['grandchild boom']);
  });

  it('DIFFERENCE: a child that ends itself tells its parent, and leaving that unhandled does not fail the parent', () => {
    const dones: string[] = [];
    const watching = createMachine({
      context: ({ spawn }) => {
        spawn(child, { id: 'c0' });
        return {};
      },
    });
    const { parent, errors } = startObserved(watching);
    parent.system.inspect((inspection) => {
      if (inspection.type === '@xstate.event' && inspection.event.type.startsWith('xstate.done.actor.')) dones.push(inspection.event.type);
    });
    childOf(parent).send({ type: 'stop' });
    expect(dones).toEqual(['xstate.done.actor.c0']);
    expect(parent.getSnapshot().status).toBe('active');
    expect(errors).toEqual([]);
  });

  it('BUG: two delayed events under one id both fire, and once the first has fired `cancel(id)` no longer cancels the second', () => {
    const clock = new SimulatedClock();
    const received: number[] = [];
    const machine = createMachine({
      types: {} as { events: { type: 'schedule'; n: number; delay: number } | { type: 'cancel' } | { type: 'tick'; n: number } },
      on: {
        schedule: { actions: enqueueActions(({ enqueue, event }) => enqueue.raise({ type: 'tick', n: event.n }, { id: 'timer', delay: event.delay })) },
        cancel: { actions: enqueueActions(({ enqueue }) => enqueue.cancel('timer')) },
        tick: { actions: ({ event }) => received.push(event.n) },
      },
    });
    const actor = createActor(machine, { clock }).start();
    actor.send({ type: 'schedule', n: 1, delay: 10 });
    actor.send({ type: 'schedule', n: 2, delay: 20 }); // does not replace the first (a difference, see the docs)
    clock.increment(10);
    expect(received).toEqual([1]);
    actor.send({ type: 'cancel' }); // the first event's firing deleted the handle of the second
    clock.increment(10);
    expect(received).toEqual([1, 2]);
  });

  it('cancel-then-raise, the idiom the adapter uses, does give one timer per id', () => {
    const clock = new SimulatedClock();
    const received: number[] = [];
    const machine = createMachine({
      types: {} as { events: { type: 'schedule'; n: number } | { type: 'tick'; n: number } },
      on: {
        schedule: {
          actions: enqueueActions(({ enqueue, event }) => {
            enqueue.cancel('timer');
            enqueue.raise({ type: 'tick', n: event.n }, { id: 'timer', delay: 10 });
          }),
        },
        tick: { actions: ({ event }) => received.push(event.n) },
      },
    });
    const actor = createActor(machine, { clock }).start();
    actor.send({ type: 'schedule', n: 1 });
    actor.send({ type: 'schedule', n: 2 });
    clock.increment(10);
    expect(received).toEqual([2]);
  });

  it('why PostStop is the observer\'s end: stopping an actor runs no exit action (by design, statelyai/xstate#4630)', () => {
    const log: string[] = [];
    const machine = createMachine({ exit: () => log.push('exit'), initial: 'a', states: { a: { exit: () => log.push('exit a') } } });
    const actor = createActor(machine);
    actor.subscribe({ complete: () => log.push('complete') });
    actor.start();
    actor.stop();
    expect(log).toEqual(['complete']);
  });

  it('why setup is the context factory: initial children run their entry actions before their parent does', () => {
    const log: string[] = [];
    const leaf = createMachine({ context: () => (log.push('child context'), {}), entry: () => log.push('child entry') });
    const machine = createMachine({
      context: ({ spawn }) => {
        log.push('parent context');
        spawn(leaf, { id: 'c0' });
        return {};
      },
      entry: () => log.push('parent entry'),
    });
    createActor(machine).start();
    expect(log).toEqual(['parent context', 'child context', 'child entry', 'parent entry']);
  });
});

// --- The same cases through the adapter, checked by the suite's model (spec/model) ---

const hierarchy: ErrorHierarchy = [{ name: 'E0' }];
const leafBlueprint = (name: string): ActorBlueprint => ({ name, supervision: [], children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 0 });

/** Applies operations through the adapter and returns, per operation, the checker's problems (empty: conforming). */
async function divergences(operations: readonly Operation[]): Promise<(readonly string[])[]> {
  const { env, recorder } = suiteEnvironment(hierarchy, xstateAdapter.runtimeErrors);
  const sut = await xstateAdapter.start(env);
  let state = initialModelState(hierarchy);
  const problems: (readonly string[])[] = [];
  for (const operation of operations) {
    if (operation.op === 'spawn') sut.spawn(operation.blueprint);
    if (operation.op === 'tell') sut.tell(operation.path, operation.command);
    await sut.settle?.();
    const prediction = predict(state, operation);
    const verdict = checkHistory(prediction.expected, recorder.takeNew());
    problems.push(verdict.ok ? [] : verdict.problems);
    state = prediction.next;
  }
  recorder.close();
  await sut.shutdown();
  return problems;
}

describe('the same cases through the adapter, judged by the suite\'s model', () => {
  const parent: ActorBlueprint = { ...leafBlueprint('a0'), children: [leafBlueprint('c0'), leafBlueprint('c1')] };

  it('a failing parent: the children\'s PostStop is missing (LIF-04, SUP-01)', async () => {
    const problems = await divergences([
      { op: 'spawn', blueprint: parent },
      { op: 'tell', path: 'a0', command: { kind: 'fail', id: 1, error: 'E0' } },
    ]);
    expect(problems[0]).toEqual([]);
    expect(problems[1]?.join('\n')).toMatch(/missing event: a0\/c0: PostStop/);
  });

  it('a failing unwatched child: the parent and its sibling stop too, where Pekko stops only the child', async () => {
    const problems = await divergences([
      { op: 'spawn', blueprint: parent },
      { op: 'tell', path: 'a0/c0', command: { kind: 'fail', id: 1, error: 'E0' } },
    ]);
    expect(problems[0]).toEqual([]);
    const text = problems[1]?.join('\n') ?? '';
    expect(text).toMatch(/unexpected event .*a0\/c1: PostStop/);
    expect(text).toMatch(/unexpected event .*a0: PostStop/);
  });

  it('stops, child stops, spawns and pings conform', async () => {
    const problems = await divergences([
      { op: 'spawn', blueprint: parent },
      { op: 'tell', path: 'a0/c0', command: { kind: 'ping', id: 1 } },
      { op: 'tell', path: 'a0', command: { kind: 'stopChild', name: 'c1' } },
      { op: 'tell', path: 'a0', command: { kind: 'spawn', child: leafBlueprint('s0') } },
      { op: 'tell', path: 'a0/c0', command: { kind: 'stop', id: 2 } },
      { op: 'tell', path: 'a0', command: { kind: 'stop', id: 3 } },
    ]);
    expect(problems).toEqual([[], [], [], [], [], []]);
  });
});
