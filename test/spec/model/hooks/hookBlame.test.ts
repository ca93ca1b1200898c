import { describe, expect, it } from 'vitest';
import {
  initialHookState,
  predictHooks,
  type HistoryEvent,
  type HookedActorBlueprint,
  type HookModelState,
  type HookOperation,
  type HookPolicy,
  type HookPrediction,
} from '../../../../spec/model/index.js';
import { blameOf } from '../_internals/blameOf.js';

const pekko: HookPolicy = { restartedChildren: 'stopped', stopHookOnRestart: false };
const actor = (name: string, more: Partial<HookedActorBlueprint> = {}): HookedActorBlueprint => ({ name, startDelayMs: 0, extensions: [], children: [], ...more });

/** The prediction of the last operation, after the others. */
function lastPrediction(operations: readonly HookOperation[]): HookPrediction {
  let state: HookModelState = initialHookState();
  let last: HookPrediction | undefined;
  for (const operation of operations) {
    last = predictHooks(state, operation, pekko);
    state = last.next;
  }
  return last!;
}

const blame = (prediction: HookPrediction, observed: readonly HistoryEvent[]) => blameOf(prediction.expected, observed);

describe('blame on the hooks model', () => {
  it('a command handled before a slow start hook finished is HOOK-01', () => {
    const p = lastPrediction([
      { op: 'spawn', actor: actor('h0', { startDelayMs: 5 }) },
      { op: 'send', path: 'h0', commands: [{ kind: 'add', id: 1, by: 1, flush: false }] },
    ]);
    expect(p.expected.events).toEqual([]);
    expect(blame(p, [{ kind: 'handled', path: 'h0', id: 1, state: 0, revision: 0 }])).toEqual(['HOOK-01']);
  });

  it("a parent that stops before its child's stop hook flushed is HOOK-09: it hears of the child as watchers do", () => {
    const p = lastPrediction([
      { op: 'spawn', actor: actor('h0', { children: [actor('c0')] }) },
      { op: 'send', path: 'h0/c0', commands: [{ kind: 'add', id: 1, by: 1, flush: false }] },
      { op: 'stop', path: 'h0' },
    ]);
    const childStop: HistoryEvent = { kind: 'signal', path: 'h0/c0', signal: 'PostStop' };
    const flush: HistoryEvent = { kind: 'write', path: 'store/h0/c0', op: 'upsert', revision: 1, ok: true };
    const parentStop: HistoryEvent = { kind: 'signal', path: 'h0', signal: 'PostStop' };
    expect(p.expected.events.map((e) => e.event)).toEqual([childStop, flush, parentStop]);
    expect(blame(p, [childStop, parentStop, flush])).toEqual(['HOOK-09']);
  });

  it('a first start whose load failed and that starts anyway is HOOK-02', () => {
    const p = lastPrediction([{ op: 'failNextRead' }, { op: 'spawn', actor: actor('h0') }]);
    expect(blame(p, [{ kind: 'setup', path: 'h0', incarnation: 1 }, { kind: 'recovered', path: 'h0', state: 0, revision: 0 }])).toEqual(['HOOK-02']);
  });
});
