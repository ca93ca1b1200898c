import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  describeEvent,
  initialModelState,
  predict,
  type ActorBlueprint,
  type ErrorHierarchy,
  type ModelState,
  type Operation,
  type HappensBefore,
  type Prediction,
} from '../../../spec/model/index.js';

const hierarchy: ErrorHierarchy = [{ name: 'E1' }, { name: 'E2', parent: 'E1' }, { name: 'F' }];

function actor(name: string, extra: Partial<ActorBlueprint> = {}): ActorBlueprint {
  return { name, supervision: [], children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 0, ...extra };
}

/** The edges without the rules that require them. */
const pairs = (edges: readonly HappensBefore[]) => edges.map(([before, after]) => [before, after]);

/** Applies operations in turn; returns each step's prediction and the final state. */
function run(ops: readonly Operation[]): { steps: Prediction[]; state: ModelState } {
  let state = initialModelState(hierarchy);
  const steps: Prediction[] = [];
  for (const op of ops) {
    const p = predict(state, op);
    steps.push(p);
    state = p.next;
  }
  return { steps, state };
}

const lines = (p: Prediction) => p.expected.events.map((e) => describeEvent(e.event));
const last = (r: { steps: Prediction[] }) => r.steps[r.steps.length - 1]!;
const tell = (path: string, command: Operation & { op: 'tell' } extends { command: infer C } ? C : never): Operation => ({
  op: 'tell',
  path,
  command,
});

describe('predict: lifecycle', () => {
  it('runs setup eagerly, parent before children (LIF-01)', () => {
    const r = run([{ op: 'spawn', blueprint: actor('a', { children: [actor('b'), actor('c')] }) }]);
    const p = last(r);
    expect(lines(p)).toEqual(['a: setup #1', 'a/b: setup #1', 'a/c: setup #1']);
    expect(pairs(p.expected.before)).toEqual(expect.arrayContaining([[0, 1], [0, 2]]));
    expect(p.exercised).toContain('LIF-01');
  });

  it('stops children before the parent, siblings unordered (LIF-03, LIF-04)', () => {
    const r = run([
      { op: 'spawn', blueprint: actor('a', { children: [actor('b'), actor('c')] }) },
      tell('a', { kind: 'stop', id: 1 }),
    ]);
    const p = last(r);
    expect(lines(p)).toEqual(['a/b: PostStop', 'a/c: PostStop', 'a: PostStop']);
    const ok = checkHistory(p.expected, [p.expected.events[1]!.event, p.expected.events[0]!.event, p.expected.events[2]!.event]);
    expect(ok.problems).toEqual([]);
    const bad = checkHistory(p.expected, [p.expected.events[2]!.event, p.expected.events[0]!.event, p.expected.events[1]!.event]);
    expect(bad.ok).toBe(false);
    expect(r.state.actors).toEqual({});
  });
});

describe('predict: supervision', () => {
  it('resume keeps the count, restart resets it (SUP-02, SUP-03)', () => {
    const resume = run([
      { op: 'spawn', blueprint: actor('a', { supervision: [{ on: 'E1', strategy: { kind: 'resume' } }] }) },
      tell('a', { kind: 'ping', id: 1 }),
      tell('a', { kind: 'fail', id: 2, error: 'E2' }),
      tell('a', { kind: 'ping', id: 3 }),
    ]);
    expect(resume.steps.flatMap(lines)).toEqual(['a: setup #1', 'a: received ping 1 (count 0)', 'a: received ping 3 (count 1)']);
    const restart = run([
      { op: 'spawn', blueprint: actor('a', { supervision: [{ on: 'E1', strategy: { kind: 'restart' } }] }) },
      tell('a', { kind: 'ping', id: 1 }),
      tell('a', { kind: 'fail', id: 2, error: 'E2' }),
      tell('a', { kind: 'ping', id: 3 }),
    ]);
    expect(restart.steps.flatMap(lines)).toEqual([
      'a: setup #1',
      'a: received ping 1 (count 0)',
      'a: PreRestart',
      'a: setup #2',
      'a: received ping 3 (count 0)',
    ]);
    expect(restart.steps[2]!.exercised).toEqual(expect.arrayContaining(['SUP-03', 'SUP-04', 'LIF-05']));
  });

  it('an error outside the matched type stops the actor; innermost matching layer decides (SUP-04, SUP-05)', () => {
    const r = run([
      {
        op: 'spawn',
        blueprint: actor('a', {
          supervision: [
            { on: 'E2', strategy: { kind: 'stop' } },
            { on: 'any', strategy: { kind: 'restart' } },
          ],
        }),
      },
      tell('a', { kind: 'fail', id: 1, error: 'E1' }),
      tell('a', { kind: 'fail', id: 2, error: 'E2' }),
    ]);
    expect(lines(r.steps[1]!)).toEqual(['a: PreRestart', 'a: setup #2']);
    expect(lines(r.steps[2]!)).toEqual(['a: PostStop']);
    expect(r.steps[2]!.exercised).toContain('SUP-05');
  });

  it('restart orders PreRestart < children PostStop < setup, then respawns children (SUP-12, WATCH-10)', () => {
    const r = run([
      {
        op: 'spawn',
        blueprint: actor('p', {
          supervision: [{ on: 'any', strategy: { kind: 'restart' } }],
          children: [actor('c', { children: [actor('g')] })],
          watchChildren: 'watch',
        }),
      },
      tell('p', { kind: 'fail', id: 1, error: 'F' }),
    ]);
    const p = last(r);
    expect(lines(p)).toEqual(['p: PreRestart', 'p/c/g: PostStop', 'p/c: PostStop', 'p: setup #2', 'p/c: setup #2', 'p/c/g: setup #2']);
    expect(pairs(p.expected.before)).toEqual(expect.arrayContaining([[0, 1], [0, 2], [1, 2], [2, 3], [3, 4], [4, 5]]));
    expect(p.exercised).toEqual(expect.arrayContaining(['SUP-12', 'WATCH-10']));
  });

  it('keeps children with stopChildren false (SUP-13)', () => {
    const r = run([
      {
        op: 'spawn',
        blueprint: actor('p', {
          supervision: [{ on: 'any', strategy: { kind: 'restart', stopChildren: false } }],
          children: [actor('c')],
        }),
      },
      tell('p/c', { kind: 'ping', id: 1 }),
      tell('p', { kind: 'fail', id: 2, error: 'F' }),
      tell('p/c', { kind: 'ping', id: 3 }),
    ]);
    expect(lines(r.steps[2]!)).toEqual(['p: PreRestart', 'p: setup #2']);
    expect(lines(r.steps[3]!)).toEqual(['p/c: received ping 3 (count 1)']);
  });

  it('limits restarts within a window, and a closed window starts counting again (SUP-07)', () => {
    const limited = actor('a', { supervision: [{ on: 'any', strategy: { kind: 'restart', limit: { max: 2, withinMs: 100 } } }] });
    const inside = run([
      { op: 'spawn', blueprint: limited },
      tell('a', { kind: 'fail', id: 1, error: 'F' }),
      tell('a', { kind: 'fail', id: 2, error: 'F' }),
      tell('a', { kind: 'fail', id: 3, error: 'F' }),
    ]);
    expect(inside.steps.slice(1).map(lines)).toEqual([
      ['a: PreRestart', 'a: setup #2'],
      ['a: PreRestart', 'a: setup #3'],
      ['a: PostStop'],
    ]);
    const spaced = run([
      { op: 'spawn', blueprint: limited },
      tell('a', { kind: 'fail', id: 1, error: 'F' }),
      tell('a', { kind: 'fail', id: 2, error: 'F' }),
      { op: 'advance', ms: 150 },
      tell('a', { kind: 'fail', id: 3, error: 'F' }),
    ]);
    expect(lines(last(spaced))).toEqual(['a: PreRestart', 'a: setup #4']);
  });

  it('an exhausted restart limit hands the failure to the enclosing supervisor (SUP-07, SUP-04)', () => {
    const nested = (outer: 'resume' | 'stop') =>
      actor('a', {
        supervision: [
          { on: 'any', strategy: { kind: 'restart', limit: { max: 1, withinMs: 100 } } },
          { on: 'any', strategy: { kind: outer } },
        ],
      });
    const resumed = run([
      { op: 'spawn', blueprint: nested('resume') },
      tell('a', { kind: 'fail', id: 1, error: 'F' }),
      tell('a', { kind: 'ping', id: 2 }),
      tell('a', { kind: 'fail', id: 3, error: 'F' }),
      tell('a', { kind: 'ping', id: 4 }),
    ]);
    // The second failure is past the limit: the outer resume keeps the incarnation and its count.
    expect(resumed.steps.slice(1).map(lines)).toEqual([
      ['a: PreRestart', 'a: setup #2'],
      ['a: received ping 2 (count 0)'],
      [],
      ['a: received ping 4 (count 1)'],
    ]);
    expect(resumed.steps[3]!.exercised).toEqual(expect.arrayContaining(['SUP-07', 'SUP-02']));
    const stopped = run([
      { op: 'spawn', blueprint: nested('stop') },
      tell('a', { kind: 'fail', id: 1, error: 'F' }),
      tell('a', { kind: 'fail', id: 2, error: 'F' }),
    ]);
    expect(lines(last(stopped))).toEqual(['a: PostStop']);
  });

  it('setup failing on first start: unlimited restart gives up, a limit retries (SUP-08)', () => {
    const unlimited = run([
      { op: 'failNextSetup', path: 'a', error: 'F' },
      { op: 'spawn', blueprint: actor('a', { supervision: [{ on: 'any', strategy: { kind: 'restart' } }] }) },
    ]);
    expect(lines(last(unlimited))).toEqual(['a: setup #1']);
    expect(unlimited.state.actors).toEqual({});
    const limited = run([
      { op: 'failNextSetup', path: 'a', error: 'F' },
      { op: 'failNextSetup', path: 'a', error: 'F' },
      { op: 'failNextSetup', path: 'a', error: 'F' },
      { op: 'spawn', blueprint: actor('a', { supervision: [{ on: 'any', strategy: { kind: 'restart', limit: { max: 2, withinMs: 1000 } } }] }) },
    ]);
    expect(lines(last(limited))).toEqual(['a: setup #1', 'a: setup #2', 'a: setup #3']);
    expect(limited.state.actors).toEqual({});
  });

  it('backoff buffers messages until the delayed restart, then delivers them in order (SUP-10, SUP-11)', () => {
    const r = run([
      { op: 'spawn', blueprint: actor('a', { supervision: [{ on: 'any', strategy: { kind: 'backoff', minMs: 10, maxMs: 100 } }] }) },
      tell('a', { kind: 'fail', id: 1, error: 'F' }),
      tell('a', { kind: 'ping', id: 2 }),
      tell('a', { kind: 'ping', id: 3 }),
      { op: 'advance', ms: 9 },
      { op: 'advance', ms: 1 },
    ]);
    expect(r.steps.slice(1).map(lines)).toEqual([
      ['a: PreRestart'],
      [],
      [],
      [],
      ['a: setup #2', 'a: received ping 2 (count 0)', 'a: received ping 3 (count 1)'],
    ]);
  });

  it('backoff keeps children and drops (reports) what exceeds its buffer capacity (SUP-10, SUP-13)', () => {
    const r = run([
      {
        op: 'spawn',
        blueprint: actor('a', {
          supervision: [{ on: 'any', strategy: { kind: 'backoff', minMs: 10, maxMs: 100, stopChildren: false, bufferCapacity: 1 } }],
          children: [actor('c')],
        }),
      },
      tell('a', { kind: 'fail', id: 1, error: 'F' }),
      tell('a', { kind: 'ping', id: 2 }),
      tell('a', { kind: 'ping', id: 3 }),
      { op: 'advance', ms: 10 },
    ]);
    expect(r.steps.slice(1).map(lines)).toEqual([['a: PreRestart'], [], ['a: dead letter 3'], ['a: setup #2', 'a: received ping 2 (count 0)']]);
  });
});

describe('predict: watch', () => {
  it('the held notice of a child that failed during a backoff does not consume the watch on its successor (WATCH-02, WATCH-08)', () => {
    // seed 251582422 of supervision.child-stop-on-restart: Pekko watches an ActorRef (path and uid),
    // and the backoff replays the stashed ChildFailed only after the new setup watched the new child.
    const r = run([
      {
        op: 'spawn',
        blueprint: actor('a', {
          supervision: [{ on: 'any', strategy: { kind: 'backoff', minMs: 10, maxMs: 40, stopChildren: false } }],
          watchChildren: 'watch',
          children: [actor('c', { children: [actor('g')] })],
        }),
      },
      tell('a', { kind: 'fail', id: 1, error: 'F' }),
      tell('a/c', { kind: 'fail', id: 2, error: 'F' }),
      { op: 'advance', ms: 10 },
      tell('a/c', { kind: 'fail', id: 3, error: 'F' }),
    ]);
    expect(r.steps.slice(2).map(lines)).toEqual([
      ['a/c/g: PostStop', 'a/c: PostStop'],
      ['a: setup #2', 'a/c: setup #2', 'a/c/g: setup #2', 'a: ChildFailed(a/c, F)'],
      ['a/c/g: PostStop', 'a/c: PostStop', 'a: ChildFailed(a/c, F)'],
    ]);
    expect(last(r).exercised).toContain('WATCH-02');
    expect(last(r).exercised).not.toContain('WATCH-08');
  });

  it('bubbles a failure up a chain of death pacts (WATCH-06, WATCH-07)', () => {
    const r = run([
      {
        op: 'spawn',
        blueprint: actor('top', {
          watchChildren: 'watch',
          handlesTerminated: true,
          children: [actor('mid', { watchChildren: 'watch', handlesTerminated: false, children: [actor('leaf')] })],
        }),
      },
      tell('top/mid/leaf', { kind: 'fail', id: 1, error: 'F' }),
    ]);
    expect(lines(last(r))).toEqual(['top/mid/leaf: PostStop', 'top/mid: PostStop', 'top: ChildFailed(top/mid, DeathPact)']);
    expect(last(r).exercised).toEqual(expect.arrayContaining(['WATCH-06', 'WATCH-07']));
  });

  it('watching a dead actor still notifies; unwatch suppresses a notice (WATCH-03, WATCH-04)', () => {
    const r = run([
      { op: 'spawn', blueprint: actor('a') },
      { op: 'spawn', blueprint: actor('b') },
      tell('b', { kind: 'stop', id: 1 }),
      tell('a', { kind: 'watch', target: 'b' }),
    ]);
    expect(lines(last(r))).toEqual(['a: Terminated(b)']);
    const u = run([
      { op: 'spawn', blueprint: actor('a') },
      { op: 'spawn', blueprint: actor('b') },
      tell('a', { kind: 'watchWith', target: 'b' }),
      tell('a', { kind: 'unwatch', target: 'b' }),
      tell('b', { kind: 'stop', id: 1 }),
    ]);
    expect(lines(last(u))).toEqual(['b: PostStop']);
  });
});

describe('predict: marker behaviors', () => {
  const parent = (strategy: 'stop' | 'restart') =>
    actor('p', { supervision: [{ on: 'any', strategy: { kind: strategy } }], watchChildren: 'watch', children: [actor('c'), actor('d')] });

  it('empty handles nothing more and dies of a watched child stopping, without PostStop of its own (LIF-11, WATCH-06)', () => {
    const r = run([
      { op: 'spawn', blueprint: parent('stop') },
      tell('p', { kind: 'become', marker: 'empty' }),
      tell('p', { kind: 'ping', id: 1 }),
      tell('p', { kind: 'stop', id: 2 }),
      tell('p/c', { kind: 'stop', id: 3 }),
    ]);
    expect(lines(r.steps[2]!)).toEqual([]);
    expect(lines(r.steps[3]!)).toEqual([]);
    expect(lines(last(r))).toEqual(['p/c: PostStop', 'p/d: PostStop']);
    expect(r.state.actors).toEqual({});
    expect(last(r).exercised).toEqual(expect.arrayContaining(['LIF-11', 'WATCH-06']));
  });

  it('a restart after the death pact reinstalls the behavior, without PreRestart from the marker (LIF-11)', () => {
    const r = run([
      { op: 'spawn', blueprint: parent('restart') },
      tell('p', { kind: 'become', marker: 'empty' }),
      tell('p/c', { kind: 'stop', id: 1 }),
      tell('p', { kind: 'ping', id: 2 }),
    ]);
    expect(lines(r.steps[2]!)).toEqual(['p/c: PostStop', 'p/d: PostStop', 'p: setup #2', 'p/c: setup #2', 'p/d: setup #2']);
    expect(lines(last(r))).toEqual(['p: received ping 2 (count 0)']);
  });

  it('ignore drops every message and notice, and stops with its parent without PostStop (LIF-11)', () => {
    const r = run([
      { op: 'spawn', blueprint: actor('top', { children: [parent('stop')] }) },
      tell('top/p', { kind: 'become', marker: 'ignore' }),
      tell('top/p/c', { kind: 'fail', id: 1, error: 'F' }),
      tell('top/p', { kind: 'fail', id: 2, error: 'F' }),
      tell('top', { kind: 'stop', id: 3 }),
    ]);
    expect(lines(r.steps[2]!)).toEqual(['top/p/c: PostStop']);
    expect(lines(r.steps[3]!)).toEqual([]);
    expect(lines(last(r))).toEqual(['top/p/d: PostStop', 'top: PostStop']);
  });
});

describe('predict: stash and timers', () => {
  it('unstashes in FIFO order; timers die with the incarnation (STASH-02, LIF-07)', () => {
    const r = run([
      { op: 'spawn', blueprint: actor('a', { stashCapacity: 2, supervision: [{ on: 'any', strategy: { kind: 'restart' } }] }) },
      tell('a', { kind: 'stash', command: { kind: 'ping', id: 1 } }),
      tell('a', { kind: 'stash', command: { kind: 'ping', id: 2 } }),
      tell('a', { kind: 'ping', id: 3 }),
      tell('a', { kind: 'unstashAll' }),
      tell('a', { kind: 'startTimer', key: 't', delayMs: 5, id: 4 }),
      tell('a', { kind: 'fail', id: 5, error: 'F' }),
      { op: 'advance', ms: 10 },
    ]);
    expect(lines(r.steps[4]!)).toEqual(['a: received ping 1 (count 1)', 'a: received ping 2 (count 2)']);
    expect(r.steps[6]!.exercised).toContain('LIF-07');
    expect(lines(last(r))).toEqual([]);
  });

  it('a clear replayed from the stash skips the rest of the replay; the cleared ones are not dead letters (STASH-03)', () => {
    const r = run([
      { op: 'spawn', blueprint: actor('a', { stashCapacity: 4 }) },
      tell('a', { kind: 'stash', command: { kind: 'ping', id: 1 } }),
      tell('a', { kind: 'stash', command: { kind: 'clearStash' } }),
      tell('a', { kind: 'stash', command: { kind: 'ping', id: 2 } }),
      tell('a', { kind: 'unstashAll' }),
      tell('a', { kind: 'unstashAll' }),
      tell('a', { kind: 'stop', id: 3 }),
    ]);
    expect(lines(r.steps[4]!)).toEqual(['a: received ping 1 (count 0)']);
    expect(r.steps[4]!.exercised).toContain('STASH-03');
    expect(lines(r.steps[5]!)).toEqual([]);
    expect(lines(last(r))).toEqual(['a: PostStop']);
  });
});
