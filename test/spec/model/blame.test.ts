import { describe, expect, it } from 'vitest';
import {
  initialModelState,
  predict,
  type ActorBlueprint,
  type HistoryEvent,
  type ModelState,
  type Operation,
  type Prediction,
} from '../../../spec/model/index.js';
import { blameOf } from './_internals/blameOf.js';

const hierarchy = [{ name: 'E1' }, { name: 'E2', parent: 'E1' }];

function actor(name: string, extra: Partial<ActorBlueprint> = {}): ActorBlueprint {
  return { name, supervision: [], children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 0, ...extra };
}

/** The prediction of the last operation, after the others were applied. */
function lastPrediction(ops: readonly Operation[]): Prediction {
  let state: ModelState = initialModelState(hierarchy);
  let prediction: Prediction | undefined;
  for (const op of ops) {
    prediction = predict(state, op);
    state = prediction.next;
  }
  return prediction!;
}

/** The rules blamed when `observed` is what a runtime reported for that prediction. */
const blame = (prediction: Prediction, observed: readonly HistoryEvent[]) => blameOf(prediction.expected, observed);

const restarting = actor('a', { supervision: [{ on: 'any', strategy: { kind: 'restart' } }] });
const fail = (path: string, error = 'E1'): Operation => ({ op: 'tell', path, command: { kind: 'fail', id: 9, error } });

describe('blameRules', () => {
  it('blames an extra PostStop at a restart on LIF-05 alone', () => {
    const p = lastPrediction([{ op: 'spawn', blueprint: restarting }, fail('a')]);
    const observed: HistoryEvent[] = [
      { kind: 'signal', path: 'a', signal: 'PostStop' },
      { kind: 'signal', path: 'a', signal: 'PreRestart' },
      { kind: 'setup', path: 'a', incarnation: 2 },
    ];
    expect(blame(p, observed)).toEqual(['LIF-05']);
  });

  it('blames a restart under resume on SUP-02', () => {
    const resuming = actor('a', { supervision: [{ on: 'any', strategy: { kind: 'resume' } }] });
    const p = lastPrediction([{ op: 'spawn', blueprint: resuming }, fail('a')]);
    expect(blame(p, [{ kind: 'signal', path: 'a', signal: 'PreRestart' }, { kind: 'setup', path: 'a', incarnation: 2 }])).toEqual(['SUP-02']);
  });

  it('blames a missing restart on what requires it: the subtype match (SUP-04), PreRestart (LIF-05) and the new setup (SUP-03)', () => {
    const scoped = actor('a', { supervision: [{ on: 'E1', strategy: { kind: 'restart' } }] });
    const p = lastPrediction([{ op: 'spawn', blueprint: scoped }, fail('a', 'E2')]);
    expect(blame(p, [])).toEqual(['LIF-05', 'SUP-03', 'SUP-04']);
  });

  it('blames a parent stopping before its child on LIF-04, the rule of that order', () => {
    const p = lastPrediction([
      { op: 'spawn', blueprint: actor('a', { children: [actor('c')] }) },
      { op: 'tell', path: 'a', command: { kind: 'stop', id: 1 } },
    ]);
    const observed: HistoryEvent[] = [
      { kind: 'signal', path: 'a', signal: 'PostStop' },
      { kind: 'signal', path: 'a/c', signal: 'PostStop' },
    ];
    expect(blame(p, observed)).toEqual(['LIF-04']);
  });

  it('blames a restart past the limit on SUP-07', () => {
    const limited = actor('a', { supervision: [{ on: 'any', strategy: { kind: 'restart', limit: { max: 1, withinMs: 100 } } }] });
    const p = lastPrediction([{ op: 'spawn', blueprint: limited }, fail('a'), fail('a')]);
    expect(blame(p, [{ kind: 'signal', path: 'a', signal: 'PreRestart' }, { kind: 'setup', path: 'a', incarnation: 3 }])).toContain('SUP-07');
  });

  it('blames a notice after unwatch on WATCH-04', () => {
    const p = lastPrediction([
      { op: 'spawn', blueprint: actor('a') },
      { op: 'spawn', blueprint: actor('b') },
      { op: 'tell', path: 'a', command: { kind: 'watch', target: 'b' } },
      { op: 'tell', path: 'a', command: { kind: 'unwatch', target: 'b' } },
      { op: 'tell', path: 'b', command: { kind: 'stop', id: 1 } },
    ]);
    const observed: HistoryEvent[] = [
      { kind: 'signal', path: 'b', signal: 'PostStop' },
      { kind: 'terminated', path: 'a', of: 'b' },
    ];
    expect(blame(p, observed)).toEqual(['WATCH-04']);
  });

  it('falls back to the given rules for an event no rule explains', () => {
    const p = lastPrediction([{ op: 'spawn', blueprint: actor('a') }]);
    expect(blame(p, [{ kind: 'setup', path: 'a', incarnation: 1 }, { kind: 'signal', path: 'z', signal: 'PostStop' }])).toEqual(['FALLBACK']);
  });

  it('blames an expected event reported with other content on its own rules, not on what is withheld at its actor', () => {
    const expected = {
      events: [{ event: { kind: 'callback', path: 'e', id: 1, step: 0, state: 0 } as const, rules: ['DS-18'] }],
      before: [],
      withheld: [{ path: 'e', classes: ['callback'], rules: ['DS-06'] }],
    };
    expect(blameOf(expected, [{ kind: 'callback', path: 'e', id: 1, step: 0, state: 1 }])).toEqual(['DS-18']);
    const another: HistoryEvent[] = [{ kind: 'callback', path: 'e', id: 1, step: 0, state: 0 }, { kind: 'callback', path: 'e', id: 2, step: 0, state: 0 }];
    expect(blameOf(expected, another)).toEqual(['DS-06']);
  });
});

/** Bugs of runtimes the suite had not seen, each as the history it reports: blame names the broken rule alone. */
describe('blameRules on bugs of other runtimes', () => {
  const failing = (_path: string) => ({ kind: 'fail' as const, id: 7, error: 'E1' });
  const parentWithChild = actor('p', { children: [actor('c')], watchChildren: 'watch' });

  it('a non-parent watcher told ChildFailed instead of Terminated breaks WATCH-02, not WATCH-01', () => {
    const p = lastPrediction([
      { op: 'spawn', blueprint: parentWithChild },
      { op: 'spawn', blueprint: actor('w') },
      { op: 'tell', path: 'w', command: { kind: 'watch', target: 'p/c' } },
      { op: 'tell', path: 'p/c', command: failing('p/c') },
    ]);
    const observed = p.expected.events.map((e): HistoryEvent => (e.event.kind === 'terminated' && e.event.path === 'w' ? { kind: 'childFailed', path: 'w', of: 'p/c', cause: 'E1' } : e.event));
    expect(observed.some((e) => e.kind === 'childFailed' && e.path === 'w')).toBe(true);
    expect(blame(p, observed)).toEqual(['WATCH-02']);
  });

  it('a parent told Terminated instead of ChildFailed breaks WATCH-02 alone', () => {
    const p = lastPrediction([{ op: 'spawn', blueprint: parentWithChild }, { op: 'tell', path: 'p/c', command: failing('p/c') }]);
    const observed = p.expected.events.map((e): HistoryEvent => (e.event.kind === 'childFailed' ? { kind: 'terminated', path: e.event.path, of: e.event.of } : e.event));
    expect(blame(p, observed)).toEqual(['WATCH-02']);
  });

  it('an unsupervised actor that survives a throw breaks SUP-01 (with LIF-06: its missing PostStop looks the same)', () => {
    const thrown = lastPrediction([{ op: 'spawn', blueprint: actor('a') }, fail('a')]);
    expect(blame(thrown, [])).toEqual(['LIF-06', 'SUP-01']);
  });

  it('a restart of an actor whose first start failed breaks SUP-08; the children its new setup starts are not blamed apart', () => {
    const p = lastPrediction([
      { op: 'failNextSetup', path: 'a', error: 'E1' },
      { op: 'spawn', blueprint: actor('a', { supervision: [{ on: 'any', strategy: { kind: 'restart' } }], children: [actor('c')] }) },
    ]);
    const observed: HistoryEvent[] = [
      { kind: 'setup', path: 'a', incarnation: 1 },
      { kind: 'setup', path: 'a', incarnation: 2 },
      { kind: 'setup', path: 'a/c', incarnation: 1 },
    ];
    expect(blame(p, observed)).toEqual(['SUP-08']);
  });
});
