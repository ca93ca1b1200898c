import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  initialModelState,
  predict,
  predictMatching,
  predictOutcomes,
  type ActorBlueprint,
  type ActorCommand,
  type HistoryEvent,
  type ModelState,
  type Operation,
} from '../../../spec/model/index.js';

// A termination notice may overtake the messages waiting for its watcher (a runtime handling it
// as a system message) or wait behind them (one mailbox): the model accepts both and whatever a
// concurrent arrival gives in between, never a notice inside a restart buffer's replay.

function actor(name: string, children: ActorBlueprint[] = [], extra: Partial<ActorBlueprint> = {}): ActorBlueprint {
  return { name, supervision: [], children, watchChildren: 'watch', handlesTerminated: true, stashCapacity: 2, ...extra };
}

const ping = (id: number): ActorCommand => ({ kind: 'ping', id });
const received = (path: string, id: number, count: number): HistoryEvent => ({ kind: 'received', path, id, count });
const terminated = (path: string, of: string): HistoryEvent => ({ kind: 'terminated', path, of });
const postStop = (path: string): HistoryEvent => ({ kind: 'signal', path, signal: 'PostStop' });

function after(ops: readonly Operation[]): ModelState {
  return ops.reduce((state, op) => predict(state, op).next, initialModelState([{ name: 'E0' }]));
}

/** Whether the model accepts `observed` for `operation` from `state`, and with which next state. */
function accepts(state: ModelState, operation: Operation, observed: readonly HistoryEvent[]) {
  return predictMatching(state, operation, observed, (p) => checkHistory(p.expected, observed).ok);
}

describe('a notice overtaking queued messages', () => {
  const parent = after([{ op: 'spawn', blueprint: actor('p', [actor('c', [], { watchChildren: 'none' })]) }]);
  const burst: Operation = { op: 'burst', path: 'p', commands: [{ kind: 'stopChild', name: 'c' }, ping(1), ping(2)] };

  it('is accepted ahead of, between or behind the pings queued after the stop', () => {
    const orders = [
      [postStop('p/c'), terminated('p', 'p/c'), received('p', 1, 0), received('p', 2, 1)],
      [postStop('p/c'), received('p', 1, 0), terminated('p', 'p/c'), received('p', 2, 1)],
      [postStop('p/c'), received('p', 1, 0), received('p', 2, 1), terminated('p', 'p/c')],
    ];
    // The first outcome is the reference runtime's: arrival order.
    expect(checkHistory(predict(parent, burst).expected, orders[2]!).ok).toBe(true);
    expect(checkHistory(predict(parent, burst).expected, orders[0]!).ok).toBe(false);
    for (const observed of orders) expect(accepts(parent, burst, observed), JSON.stringify(observed)).toBeDefined();
    expect(predictOutcomes(parent, burst)).toHaveLength(3);
  });

  it('never comes before the stop it reports, nor twice', () => {
    expect(accepts(parent, burst, [terminated('p', 'p/c'), postStop('p/c'), received('p', 1, 0), received('p', 2, 1)])).toBeUndefined();
    expect(
      accepts(parent, burst, [postStop('p/c'), terminated('p', 'p/c'), received('p', 1, 0), terminated('p', 'p/c'), received('p', 2, 1)]),
    ).toBeUndefined();
  });

  it('changes what follows: a second watch of a dead actor after the first notice is a new watch (WATCH-03)', () => {
    const two = after([
      { op: 'spawn', blueprint: actor('x', [], { watchChildren: 'none' }) },
      { op: 'tell', path: 'x', command: { kind: 'stop', id: 0 } },
      { op: 'spawn', blueprint: actor('w', [], { watchChildren: 'none' }) },
    ]);
    const watches: Operation = { op: 'burst', path: 'w', commands: [{ kind: 'watch', target: 'x' }, { kind: 'watch', target: 'x' }] };
    // One mailbox: the second watch finds the first still there, one notice.
    expect(checkHistory(predict(two, watches).expected, [terminated('w', 'x')]).ok).toBe(true);
    // System-message priority: the first notice is handled between the watches, the second watches anew.
    const eager = accepts(two, watches, [terminated('w', 'x'), terminated('w', 'x')]);
    expect(eager).toBeDefined();
    expect(eager!.next.actors['w']!.watching['x']).toBeUndefined();
    expect(accepts(two, watches, [terminated('w', 'x'), terminated('w', 'x'), terminated('w', 'x')])).toBeUndefined();
  });

  it('from siblings stopped one after the other, in any order: their stops are concurrent', () => {
    const family = after([{ op: 'spawn', blueprint: actor('p', ['a', 'b', 'c'].map((n) => actor(n, [], { watchChildren: 'none' }))) }]);
    const stops: Operation = { op: 'burst', path: 'p', commands: ['a', 'b', 'c'].map((name) => ({ kind: 'stopChild' as const, name })) };
    const stopped = ['p/a', 'p/b', 'p/c'].map(postStop);
    const notices = (...of: string[]) => of.map((o) => terminated('p', o));
    expect(accepts(family, stops, [...stopped, ...notices('p/c', 'p/b', 'p/a')])).toBeDefined();
    expect(accepts(family, stops, [...stopped, ...notices('p/b', 'p/a', 'p/c')])).toBeDefined();
    expect(accepts(family, stops, [...stopped, ...notices('p/a', 'p/a', 'p/c')])).toBeUndefined();
  });

  it('stays behind the notice of a stop that caused its own', () => {
    const pact = after([
      { op: 'spawn', blueprint: actor('p', [actor('a', [], { watchChildren: 'none' }), actor('s', [], { watchChildren: 'none', handlesTerminated: false })]) },
      { op: 'tell', path: 'p/s', command: { kind: 'watch', target: 'p/a' } },
    ]);
    const stop: Operation = { op: 'tell', path: 'p', command: { kind: 'stopChild', name: 'a' } };
    const first = predict(pact, stop).expected.events.map((e) => e.event);
    const failed = first.find((e) => e.kind === 'childFailed')!;
    expect(failed).toMatchObject({ path: 'p', of: 'p/s', cause: 'DeathPact' });
    expect(accepts(pact, stop, first)).toBeDefined();
    const swapped = [...first.filter((e) => e !== failed && !(e.kind === 'terminated' && e.path === 'p')), failed, terminated('p', 'p/a')];
    expect(checkHistory(predict(pact, stop).expected, swapped).ok).toBe(false);
    expect(accepts(pact, stop, swapped)).toBeUndefined();
  });

  it('never splits the replay of a restart buffer', () => {
    const backoff = actor('b', [actor('k', [], { watchChildren: 'none' })], {
      supervision: [{ on: 'any', strategy: { kind: 'backoff', minMs: 10, maxMs: 10, stopChildren: false } }],
    });
    const state = after([
      { op: 'spawn', blueprint: backoff },
      { op: 'burst', path: 'b', commands: [{ kind: 'fail', id: 1, error: 'E0' }, { kind: 'stopChild', name: 'k' }, ping(2), ping(3)] },
    ]);
    const replay = predict(state, { op: 'advance', ms: 10 });
    const events = replay.expected.events.map((e) => e.event);
    const notice = events.findIndex((e) => e.kind === 'terminated');
    expect(notice).toBeGreaterThanOrEqual(0);
    const between = [...events];
    const [moved] = between.splice(notice, 1);
    between.splice(between.findIndex((e) => e.kind === 'received' && e.id === 2) + 1, 0, moved!);
    expect(accepts(state, { op: 'advance', ms: 10 }, events)).toBeDefined();
    expect(accepts(state, { op: 'advance', ms: 10 }, between)).toBeUndefined();
  });
});

describe("a first start failing under restart.withLimit(1) (SUP-08, Pekko's handleExceptionOnStart)", () => {
  const limited = actor('a', [], { supervision: [{ on: 'any', strategy: { kind: 'restart', limit: { max: 1, withinMs: 1000 } } }] });
  const spawn: Operation = { op: 'spawn', blueprint: limited, failingSetup: 'E0' };
  const empty = initialModelState([{ name: 'E0' }]);
  const setup = (incarnation: number): HistoryEvent => ({ kind: 'setup', path: 'a', incarnation });

  it('is retried once (the counting of SUP-08, the reference runtime) or not at all (Pekko)', () => {
    const retried = predict(empty, spawn);
    expect(retried.expected.events.map((e) => e.event)).toEqual([setup(1), setup(2)]);
    expect(retried.next.actors['a']).toBeDefined();
    const pekko = accepts(empty, spawn, [setup(1)]);
    expect(pekko).toBeDefined();
    expect(pekko!.next.actors['a']).toBeUndefined();
  });

  it('is a freedom of limit 1 only: withLimit(2) retries in Pekko too', () => {
    const two = { ...spawn, blueprint: { ...limited, supervision: [{ on: 'any', strategy: { kind: 'restart' as const, limit: { max: 2, withinMs: 1000 } } }] } };
    expect(accepts(empty, two, [setup(1)])).toBeUndefined();
    expect(accepts(empty, two, [setup(1), setup(2)])).toBeDefined();
  });
});

describe('supervisors for one error type given together at spawn (SUP-05, SUP-07; Pekko merges them at start)', () => {
  const layered = actor('a', [], {
    supervision: [
      { on: 'E0', strategy: { kind: 'restart', limit: { max: 1, withinMs: 1000 } } },
      { on: 'E0', strategy: { kind: 'resume' } },
    ],
  });
  const state = after([{ op: 'spawn', blueprint: layered }, { op: 'tell', path: 'a', command: { kind: 'fail', id: 1, error: 'E0' } }]);
  const failAgain: Operation = { op: 'tell', path: 'a', command: { kind: 'fail', id: 2, error: 'E0' } };

  it('hand an exhausted limit on to the outer one (the reference runtime) or stop the actor (Pekko kept only the inner one)', () => {
    const kept = predict(state, failAgain);
    expect(kept.expected.events).toEqual([]);
    expect(kept.next.actors['a']).toBeDefined();
    const merged = accepts(state, failAgain, [postStop('a')]);
    expect(merged).toBeDefined();
    expect(merged!.next.actors['a']).toBeUndefined();
  });

  it('stays decided: once merged, the outer supervisor is gone for good', () => {
    const merged = accepts(state, failAgain, [postStop('a')])!;
    expect(merged.next.actors['a']).toBeUndefined();
    const kept = accepts(state, failAgain, [])!;
    expect(kept.next.actors['a']!.mergedAtStart).toBe(false);
  });
});
