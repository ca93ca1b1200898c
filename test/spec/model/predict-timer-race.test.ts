import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  initialModelState,
  predict,
  predictOutcomes,
  type ActorBlueprint,
  type HistoryEvent,
  type ModelState,
  type Operation,
  type Prediction,
  type SupervisorStrategy,
} from '../../../spec/model/index.js';

// Shrunk counterexamples of CI seeds 2829292 (LIF-04) and 78799471 (SUP-11, SUP-12): a parent
// and a descendant each have a backoff restart due at the same instant. The timers only put a
// message in each mailbox and the actors run concurrently, so every order is allowed.

const hierarchy = [{ name: 'E0' }];

function node(name: string, children: ActorBlueprint[] = [], strategy?: SupervisorStrategy, watch = false): ActorBlueprint {
  return {
    name,
    supervision: strategy ? [{ on: 'any', strategy }] : [],
    children,
    watchChildren: watch ? 'watch' : 'none',
    handlesTerminated: true,
    stashCapacity: 0,
  };
}

const backoff = (extra: Partial<Extract<SupervisorStrategy, { kind: 'backoff' }>> = {}): SupervisorStrategy => ({ kind: 'backoff', minMs: 10, maxMs: 40, ...extra });
const fails = (path: string, ...ids: number[]): Operation => ({ op: 'burst', path, commands: ids.map((id) => ({ kind: 'fail' as const, id, error: 'E0' })) });
const setup = (path: string, incarnation: number): HistoryEvent => ({ kind: 'setup', path, incarnation });
const postStop = (path: string): HistoryEvent => ({ kind: 'signal', path, signal: 'PostStop' });
const preRestart = (path: string): HistoryEvent => ({ kind: 'signal', path, signal: 'PreRestart' });

/** The state after `ops`, each step taking the model's first outcome (no timers race before the last step). */
function after(ops: readonly Operation[]): ModelState {
  return ops.reduce((state, op) => predict(state, op).next, initialModelState(hierarchy));
}

/** The outcome of advancing `ms` from `state` whose history is `observed`, if the rules accept it. */
function accepted(state: ModelState, ms: number, observed: readonly HistoryEvent[]): Prediction | undefined {
  return predictOutcomes(state, { op: 'advance', ms }).find((o) => checkHistory(o.expected, observed).ok);
}

describe('predict: backoff restarts of a parent and a descendant due at one instant race', () => {
  describe('seed 2829292: the parent replays a failure that stops it, keeping its children, while a grandchild restarts', () => {
    const a1 = node('a1', [node('c0', [node('c0', [], backoff())]), node('c1', [node('c0')])], backoff({ maxRestarts: 1, stopChildren: false }));
    const state = after([{ op: 'spawn', blueprint: a1 }, fails('a1', 1, 2), fails('a1/c0/c0', 3)]);
    const stops = [postStop('a1/c1/c0'), postStop('a1/c0'), postStop('a1/c1'), postStop('a1')];

    it('accepts the grandchild stopped before its restart (the model’s first order)', () => {
      const first = predictOutcomes(state, { op: 'advance', ms: 10 })[0]!;
      expect(first).toEqual(predict(state, { op: 'advance', ms: 10 }));
      const outcome = accepted(state, 10, [setup('a1', 2), ...stops]);
      expect(outcome?.next.incarnations['a1/c0/c0']).toBe(1);
    });

    it('accepts the grandchild restarted before the parent’s stop reaches it', () => {
      const outcome = accepted(state, 10, [setup('a1', 2), setup('a1/c0/c0', 2), postStop('a1/c0/c0'), ...stops]);
      expect(outcome?.next.incarnations['a1/c0/c0']).toBe(2);
      expect(outcome!.next.actors.a1).toBeUndefined();
    });

    it('still rejects a restarted grandchild that never stops, or stops after its parent', () => {
      expect(accepted(state, 10, [setup('a1', 2), setup('a1/c0/c0', 2), ...stops])).toBeUndefined();
      expect(accepted(state, 10, [setup('a1', 2), setup('a1/c0/c0', 2), ...stops, postStop('a1/c0/c0')])).toBeUndefined();
      expect(accepted(state, 10, [setup('a1', 2), setup('a1/c0/c0', 2), setup('a1/c0/c0', 3), postStop('a1/c0/c0'), ...stops])).toBeUndefined();
    });
  });

  describe('seed 78799471: the child replays a failure that stops it while its parent, keeping children, restarts', () => {
    const tree = (parent: SupervisorStrategy, watch = false) =>
      node('a0', [node('c0', [node('c0')], backoff({ maxRestarts: 1 }))], parent, watch);
    const start = (blueprint: ActorBlueprint) => after([{ op: 'spawn', blueprint }, fails('a0/c0', 1, 2), fails('a0', 3, 4)]);

    it('accepts the child stopped before the parent’s setup, which spawns it again (the model’s first order)', () => {
      const state = start(tree(backoff({ stopChildren: false })));
      const history = [setup('a0/c0', 2), setup('a0/c0/c0', 2), postStop('a0/c0/c0'), postStop('a0/c0'), setup('a0', 2), setup('a0/c0', 3), setup('a0/c0/c0', 3), preRestart('a0')];
      expect(accepted(state, 10, history)?.next.actors['a0/c0']).toBeDefined();
    });

    it('accepts the parent’s setup while the child is still there: it is not spawned again', () => {
      const state = start(tree(backoff({ stopChildren: false })));
      const history = [setup('a0/c0', 2), setup('a0', 2), preRestart('a0'), setup('a0/c0/c0', 2), postStop('a0/c0/c0'), postStop('a0/c0')];
      const outcome = accepted(state, 10, history);
      expect(outcome?.next.incarnations['a0/c0']).toBe(2);
      expect(outcome!.next.actors['a0/c0']).toBeUndefined();
    });

    it('accepts the watching parent stopping in its turn while the child stops itself', () => {
      const state = start(tree(backoff({ maxRestarts: 1, stopChildren: false }), true));
      const history = [setup('a0/c0', 2), setup('a0', 2), setup('a0/c0/c0', 2), postStop('a0/c0/c0'), postStop('a0/c0'), postStop('a0')];
      const outcome = accepted(state, 10, history);
      expect(outcome).toBeDefined();
      expect(outcome!.next.actors.a0).toBeUndefined();
    });

    it('still rejects a child that neither stops nor is spawned again, and a replay cut off from its restart', () => {
      const state = start(tree(backoff({ maxRestarts: 1, stopChildren: false }), true));
      expect(accepted(state, 10, [setup('a0/c0', 2), setup('a0', 2), setup('a0/c0/c0', 2), postStop('a0')])).toBeUndefined();
      // The child's held failure 2 is replayed in its restart's turn: never a dead letter of the parent's stop.
      const cutOff = [setup('a0/c0', 2), setup('a0/c0/c0', 2), setup('a0', 2), postStop('a0/c0/c0'), postStop('a0/c0'), postStop('a0'), { kind: 'deadLetter', path: 'a0/c0', id: 2 } as const];
      expect(accepted(state, 10, cutOff)).toBeUndefined();
    });
  });

  it('has a single outcome when timers of only one actor are due', () => {
    const state = after([{ op: 'spawn', blueprint: node('a', [node('c')], backoff()) }, fails('a', 1, 2)]);
    expect(predictOutcomes(state, { op: 'advance', ms: 10 })).toHaveLength(1);
  });
});
