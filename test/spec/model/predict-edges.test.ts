import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  describeEvent,
  initialModelState,
  predict,
  type ActorBlueprint,
  type HistoryEvent,
  type ModelState,
  type Operation,
  type Prediction,
} from '../../../spec/model/index.js';

function actor(name: string, extra: Partial<ActorBlueprint> = {}): ActorBlueprint {
  return { name, supervision: [], children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 0, ...extra };
}

function run(ops: readonly Operation[]): Prediction[] {
  let state: ModelState = initialModelState([{ name: 'E0' }]);
  return ops.map((op) => {
    const p = predict(state, op);
    state = p.next;
    return p;
  });
}

const lines = (p: Prediction) => p.expected.events.map((e) => describeEvent(e.event));
const restart = [{ on: 'any', strategy: { kind: 'restart' as const } }];

describe('predict: dead letters, unhandled and failing handlers', () => {
  it('a burst after a stop goes to dead letters, after PostStop (LIF-02, LIF-08)', () => {
    const [, burst] = run([
      { op: 'spawn', blueprint: actor('a') },
      { op: 'burst', path: 'a', commands: [{ kind: 'ping', id: 1 }, { kind: 'stop', id: 2 }, { kind: 'ping', id: 3 }] },
    ]);
    expect(lines(burst!)).toEqual(['a: received ping 1 (count 0)', 'a: PostStop', 'a: dead letter 3']);
    expect(burst!.exercised).toEqual(expect.arrayContaining(['LIF-02', 'LIF-08']));
  });

  it('an unhandled command while unstashing changes nothing and unstashing goes on (STASH-04)', () => {
    const steps = run([
      { op: 'spawn', blueprint: actor('a', { stashCapacity: 3 }) },
      { op: 'tell', path: 'a', command: { kind: 'stash', command: { kind: 'unhandled', id: 1 } } },
      { op: 'tell', path: 'a', command: { kind: 'stash', command: { kind: 'ping', id: 2 } } },
      { op: 'tell', path: 'a', command: { kind: 'unstashAll' } },
    ]);
    expect(lines(steps[3]!)).toEqual(['a: received ping 2 (count 0)']);
    expect(steps[3]!.exercised).toContain('STASH-04');
  });

  it('a Terminated handler that throws is supervised like a message handler (SUP-14)', () => {
    const steps = run([
      { op: 'spawn', blueprint: actor('w', { supervision: restart, failOnTerminated: 'E0' }) },
      { op: 'spawn', blueprint: actor('t') },
      { op: 'tell', path: 'w', command: { kind: 'watch', target: 't' } },
      { op: 'tell', path: 't', command: { kind: 'stop', id: 1 } },
    ]);
    expect(lines(steps[3]!)).toEqual(['t: PostStop', 'w: Terminated(t)', 'w: PreRestart', 'w: setup #2']);
    expect(steps[3]!.exercised).toContain('SUP-14');
  });

  it('failing PreRestart/PostStop handlers do not stop the restart or the stop (LIF-10)', () => {
    const steps = run([
      { op: 'spawn', blueprint: actor('a', { supervision: restart, signalHandlerFailure: 'E0' }) },
      { op: 'tell', path: 'a', command: { kind: 'fail', id: 1, error: 'E0' } },
      { op: 'tell', path: 'a', command: { kind: 'stop', id: 2 } },
    ]);
    expect(steps.slice(1).map(lines)).toEqual([['a: PreRestart', 'a: setup #2'], ['a: PostStop']]);
    expect(steps[1]!.exercised).toContain('LIF-10');
  });
});

describe('predict: what the rules leave open', () => {
  it('notices from actors that stopped together may arrive in either order', () => {
    const steps = run([
      { op: 'spawn', blueprint: actor('w') },
      { op: 'spawn', blueprint: actor('p', { children: [actor('c')] }) },
      { op: 'tell', path: 'w', command: { kind: 'watch', target: 'p' } },
      { op: 'tell', path: 'w', command: { kind: 'watch', target: 'p/c' } },
      { op: 'tell', path: 'p', command: { kind: 'stop', id: 1 } },
    ]);
    const p = steps[4]!;
    const events = p.expected.events.map((e) => e.event);
    expect(lines(p)).toEqual(['p/c: PostStop', 'p: PostStop', 'w: Terminated(p/c)', 'w: Terminated(p)']);
    const swapped: HistoryEvent[] = [events[0]!, events[1]!, events[3]!, events[2]!];
    expect(checkHistory(p.expected, swapped).problems).toEqual([]);
  });

  it('watching a child after it failed allows Terminated or ChildFailed (WATCH-02, WATCH-03)', () => {
    const steps = run([
      { op: 'spawn', blueprint: actor('p', { children: [actor('c')] }) },
      { op: 'tell', path: 'p/c', command: { kind: 'fail', id: 1, error: 'E0' } },
      { op: 'tell', path: 'p', command: { kind: 'watch', target: 'p/c' } },
    ]);
    const p = steps[2]!;
    expect(checkHistory(p.expected, [{ kind: 'childFailed', path: 'p', of: 'p/c', cause: 'E0' }]).ok).toBe(true);
    expect(checkHistory(p.expected, [{ kind: 'terminated', path: 'p', of: 'p/c' }]).ok).toBe(true);
    expect(checkHistory(p.expected, [{ kind: 'childFailed', path: 'p', of: 'p/c', cause: 'E1' }]).ok).toBe(false);
    expect(checkHistory(p.expected, []).problems).toEqual(['missing event: p: ChildFailed(p/c, E0)']);
  });

  it('backoff forgets its count after the reset time without failures (SUP-11)', () => {
    const backoff = [{ on: 'any', strategy: { kind: 'backoff' as const, minMs: 10, maxMs: 80, resetAfterMs: 30 } }];
    const steps = run([
      { op: 'spawn', blueprint: actor('a', { supervision: backoff }) },
      { op: 'tell', path: 'a', command: { kind: 'fail', id: 1, error: 'E0' } },
      { op: 'advance', ms: 10 },
      { op: 'advance', ms: 30 },
      { op: 'tell', path: 'a', command: { kind: 'fail', id: 2, error: 'E0' } },
      { op: 'advance', ms: 9 },
      { op: 'advance', ms: 1 },
    ]);
    expect(lines(steps[2]!)).toEqual(['a: setup #2']);
    // Reset at 10 + 30: the next delay is minMs again, not 2·minMs.
    expect(lines(steps[5]!)).toEqual([]);
    expect(lines(steps[6]!)).toEqual(['a: setup #3']);
  });
});

describe('predict: deliveries held across operations', () => {
  it('a notice held during a backoff and released in a later operation is ordered only after the watcher’s new setup', () => {
    const backoff = (name: string, children: ActorBlueprint[] = []): ActorBlueprint => ({
      name,
      supervision: [{ on: 'any', strategy: { kind: 'backoff', minMs: 10, maxMs: 40 } }],
      children,
      watchChildren: 'none',
      handlesTerminated: true,
      stashCapacity: 0,
    });
    const ops: Operation[] = [
      { op: 'spawn', blueprint: backoff('a0', [backoff('c0')]) },
      { op: 'spawn', blueprint: backoff('a2', [backoff('c0')]) },
      { op: 'tell', path: 'a0', command: { kind: 'watch', target: 'a2/c0' } },
      { op: 'tell', path: 'a0', command: { kind: 'fail', id: 1, error: 'E0' } },
      // a2/c0 stops while a0 waits for its backoff: the notice is held, caused by events of this operation.
      { op: 'tell', path: 'a2', command: { kind: 'fail', id: 2, error: 'E0' } },
    ];
    let state = initialModelState([{ name: 'E0' }]);
    for (const op of ops) state = predict(state, op).next;
    const released = predict(state, { op: 'advance', ms: 10 }).expected;
    const byLine = new Map(released.events.map((e) => [describeEvent(e.event), e.event] as const));
    // The reference runtime releases the notice before the new child's setup: nothing orders them.
    const observed = ['a0: setup #2', 'a0: Terminated(a2/c0)', 'a2: setup #2', 'a0/c0: setup #2', 'a2/c0: setup #2'].map((l) => byLine.get(l)!);
    expect(checkHistory(released, observed).problems).toEqual([]);
  });
});
