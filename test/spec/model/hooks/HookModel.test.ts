import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  describeEvent,
  initialHookState,
  predictHooks,
  type HistoryEvent,
  type HookCommand,
  type HookedActorBlueprint,
  type HookModelState,
  type HookOperation,
  type HookPolicy,
} from '../../../../spec/model/index.js';

const pekko: HookPolicy = { restartedChildren: 'stopped', stopHookOnRestart: false };
const goakt: HookPolicy = { restartedChildren: 'rebuilt', stopHookOnRestart: true };

const actor = (name: string, more: Partial<HookedActorBlueprint> = {}): HookedActorBlueprint => ({ name, startDelayMs: 0, extensions: [], children: [], ...more });
const add = (id: number, by: number, flush = false): HookCommand => ({ kind: 'add', id, by, flush });

/** Applies operations in turn; returns the final state and, per operation, the expected events rendered. */
function play(operations: readonly HookOperation[], policy: HookPolicy = pekko, from: HookModelState = initialHookState()) {
  let state = from;
  const steps = operations.map((operation) => {
    const prediction = predictHooks(state, operation, policy);
    state = prediction.next;
    return prediction;
  });
  const shown = steps.map((p) => p.expected.events.map((e) => `${describeEvent(e.event)}${e.optional ? ' ?' : ''}`));
  return { state, steps, shown, last: steps[steps.length - 1]! };
}

describe('the hooks model (seed S000: recover in PreStart, flush in PostStop)', () => {
  it('HOOK-02 a start hook past its time limit fails the start; one within it loads as usual', () => {
    const { shown, state } = play([
      { op: 'spawn', actor: actor('h0', { startHangs: true, startTimeoutMs: 8 }) },
      { op: 'spawn', actor: actor('h1', { startDelayMs: 5, startTimeoutMs: 8 }) },
      { op: 'send', path: 'h0', commands: [add(1, 1)] },
      { op: 'advance', ms: 7 },
      { op: 'advance', ms: 1 },
    ]);
    expect(shown[3]).toEqual(['h1: recovered 0 at r0']);
    expect(shown[4]).toEqual(['h0: PostStop ?']);
    expect(Object.keys(state.actors)).toEqual(['h1']);
  });

  it('HOOK-03 what the stop hook flushes on a graceful stop is what the next start loads', () => {
    const { shown, last } = play([
      { op: 'spawn', actor: actor('h0') },
      { op: 'send', path: 'h0', commands: [add(1, 4), add(2, 3)] },
      { op: 'stop', path: 'h0' },
      { op: 'spawn', actor: actor('h0') },
    ]);
    expect(shown[1]).toEqual(['h0: handled 1 on 0 at r0', 'h0: handled 2 on 4 at r0']);
    expect(shown[2]).toEqual(['h0: PostStop', 'store/h0: upsert r1 ok']);
    expect(shown[3]).toEqual(['h0: setup #2', 'h0: recovered 7 at r1']);
    expect(last.exercised).toContain('HOOK-03');
  });

  it('HOOK-01 messages sent while a slow start hook loads wait for it', () => {
    const { shown, steps } = play([
      { op: 'spawn', actor: actor('h0', { startDelayMs: 5 }) },
      { op: 'send', path: 'h0', commands: [add(1, 2)] },
      { op: 'advance', ms: 4 },
      { op: 'advance', ms: 1 },
    ]);
    expect(shown.slice(0, 3)).toEqual([['h0: setup #1'], [], []]);
    expect(shown[3]).toEqual(['h0: recovered 0 at r0', 'h0: handled 1 on 0 at r0']);
    expect(steps[1]!.exercised).toEqual(['HOOK-01']);
    // An observed handling before the load is rejected.
    const early: HistoryEvent[] = [
      { kind: 'handled', path: 'h0', id: 1, state: 0, revision: 0 },
      { kind: 'recovered', path: 'h0', state: 0, revision: 0 },
    ];
    expect(checkHistory(steps[3]!.expected, early).ok).toBe(false);
  });

  it('HOOK-02 a start hook whose load fails handles nothing; whether its stop hook runs is left open', () => {
    const { shown, state, last } = play([
      { op: 'failNextRead' },
      { op: 'spawn', actor: actor('h0') },
      { op: 'send', path: 'h0', commands: [add(1, 2)] },
    ]);
    expect(shown[1]).toEqual(['h0: setup #1', 'h0: PostStop ?']);
    expect(shown[2]).toEqual([]);
    expect(state.actors).toEqual({});
    expect(last.exercised).toEqual([]);
  });

  it('HOOK-04 HOOK-05 after a crash and restart the state is the last flushed one, not the lost in-memory one', () => {
    const operations: HookOperation[] = [
      { op: 'spawn', actor: actor('h0', { directive: 'restart' }) },
      { op: 'send', path: 'h0', commands: [add(1, 5, true), add(2, 3), { kind: 'crash', id: 3 }, add(4, 1)] },
    ];
    const pekkoRun = play(operations, pekko);
    expect(pekkoRun.shown[1]).toEqual([
      'h0: handled 1 on 0 at r0',
      'store/h0: upsert r1 ok',
      'h0: handled 2 on 5 at r1',
      'h0: handled 3 on 8 at r1',
      'h0: setup #2',
      'h0: recovered 5 at r1',
      'h0: handled 4 on 5 at r1',
    ]);
    expect(pekkoRun.last.exercised).toEqual(expect.arrayContaining(['HOOK-04', 'HOOK-05', 'HOOK-06']));
    // GoAkt may run the stop hook before the restart: then it flushes, and that is what loads.
    const goaktRun = play(operations, goakt);
    expect(goaktRun.shown[1]).toContain('store/h0: upsert r2 ok');
    expect(goaktRun.shown[1]).toContain('h0: recovered 8 at r2');
  });

  it('HOOK-06 resume keeps the in-memory state, stop runs the stop hook, no directive stops', () => {
    const resume = play([
      { op: 'spawn', actor: actor('h0', { directive: 'resume' }) },
      { op: 'send', path: 'h0', commands: [add(1, 2), { kind: 'crash', id: 2 }, add(3, 1)] },
    ]);
    expect(resume.shown[1]).toEqual(['h0: handled 1 on 0 at r0', 'h0: handled 2 on 2 at r0', 'h0: handled 3 on 2 at r0']);
    for (const directive of ['stop', undefined] as const) {
      const stop = play([
        { op: 'spawn', actor: actor('h0', directive ? { directive } : {}) },
        { op: 'send', path: 'h0', commands: [add(1, 2), { kind: 'crash', id: 2 }, add(3, 1)] },
      ]);
      expect(stop.shown[1]).toEqual(['h0: handled 1 on 0 at r0', 'h0: handled 2 on 2 at r0', 'h0: PostStop', 'store/h0: upsert r1 ok']);
    }
  });

  it('HOOK-06 an escalating child stops and fails its parent, whose own directive applies', () => {
    const parent = actor('h0', { directive: 'restart', children: [actor('c0', { directive: 'escalate' })] });
    const { shown } = play([
      { op: 'spawn', actor: parent },
      { op: 'send', path: 'h0/c0', commands: [{ kind: 'crash', id: 1 }] },
    ]);
    expect(shown[1]).toEqual(['h0/c0: handled 1 on 0 at r0', 'h0/c0: PostStop', 'h0: setup #2', 'h0: recovered 0 at r0', 'h0/c0: setup #2', 'h0/c0: recovered 0 at r0']);
  });

  it('HOOK-07 a restart stops the children (Pekko) or rebuilds them (GoAkt), as the adapter declares', () => {
    const operations: HookOperation[] = [
      { op: 'spawn', actor: actor('h0', { directive: 'restart', children: [actor('c0')] }) },
      { op: 'send', path: 'h0/c0', commands: [add(1, 2)] },
      { op: 'send', path: 'h0', commands: [{ kind: 'crash', id: 2 }] },
    ];
    const stopped = play(operations, pekko);
    expect(stopped.shown[2]).toEqual([
      'h0: handled 2 on 0 at r0',
      'h0/c0: PostStop',
      'store/h0/c0: upsert r1 ok',
      'h0: setup #2',
      'h0: recovered 0 at r0',
      'h0/c0: setup #2',
      'h0/c0: recovered 2 at r1',
    ]);
    const rebuilt = play(operations, goakt);
    expect(rebuilt.shown[2]).toEqual([
      'h0: handled 2 on 0 at r0',
      'h0: PostStop',
      'h0: setup #2',
      'h0: recovered 0 at r0',
      'h0/c0: PostStop',
      'store/h0/c0: upsert r1 ok',
      'h0/c0: setup #2',
      'h0/c0: recovered 2 at r1',
    ]);
    expect(stopped.last.exercised).toContain('HOOK-07');
  });

  it('HOOK-09 a watcher hears of a stop after the stop hook and its flush', () => {
    const { steps, shown } = play([
      { op: 'spawn', actor: actor('h0') },
      { op: 'spawn', actor: actor('h1') },
      { op: 'send', path: 'h0', commands: [{ kind: 'watch', id: 1, target: 'h1' }, { kind: 'watch', id: 2, target: 'h1' }] },
      { op: 'send', path: 'h1', commands: [add(3, 1)] },
      { op: 'stop', path: 'h1' },
    ]);
    expect(shown[4]).toEqual(['h1: PostStop', 'store/h1: upsert r1 ok', 'h0: watchWith message (h1)']);
    const early: HistoryEvent[] = [
      { kind: 'signal', path: 'h1', signal: 'PostStop' },
      { kind: 'watchMessage', path: 'h0', of: 'h1' },
      { kind: 'write', path: 'store/h1', op: 'upsert', revision: 1, ok: true },
    ];
    expect(checkHistory(steps[4]!.expected, early).ok).toBe(false);
    // Watching an actor that already stopped gets its notice at once, once.
    const late = play([{ op: 'send', path: 'h0', commands: [{ kind: 'watch', id: 4, target: 'h1' }] }], pekko, play([
      { op: 'spawn', actor: actor('h0') },
      { op: 'spawn', actor: actor('h1') },
      { op: 'stop', path: 'h1' },
    ]).state);
    expect(late.shown[0]).toEqual(['h0: handled 4 on 0 at r0', 'h0: watchWith message (h1)']);
  });

  it('HOOK-08 every hook and handler call looks up each extension of the actor', () => {
    const { last } = play([
      { op: 'spawn', actor: actor('h0', { extensions: ['x'] }) },
      { op: 'send', path: 'h0', commands: [add(1, 1)] },
      { op: 'stop', path: 'h0' },
    ]);
    expect(last.lookups).toEqual([{ path: 'h0', site: 'postStop', id: 'x', optional: false }]);
    expect(play([{ op: 'spawn', actor: actor('h0', { extensions: ['x', 'y'] }) }]).last.lookups.map((l) => `${l.site} ${l.id}`)).toEqual(['preStart x', 'preStart y']);
  });

  it('a failed flush is a handler failure; a start hook whose load fails during a restart is retried', () => {
    const { shown } = play([
      { op: 'spawn', actor: actor('h0', { directive: 'restart' }) },
      { op: 'failNextWrite' },
      { op: 'failNextRead' },
      { op: 'send', path: 'h0', commands: [add(1, 2, true)] },
    ]);
    expect(shown[3]).toEqual(['h0: handled 1 on 0 at r0', 'store/h0: upsert r1 FAILED', 'h0: setup #2', 'h0: setup #3', 'h0: recovered 0 at r0']);
  });

  it('predicting never changes the state it is given', () => {
    const state = play([{ op: 'spawn', actor: actor('h0', { directive: 'restart' }) }]).state;
    const copy = structuredClone(state);
    predictHooks(state, { op: 'send', path: 'h0', commands: [add(1, 1), { kind: 'crash', id: 2 }] }, goakt);
    expect(state).toEqual(copy);
  });
});
