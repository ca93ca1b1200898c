import { describe, expect, it } from 'vitest';
import { reportableHistory } from '../../../conformance/engine/_internals/undeclaredEvents.js';
import type { Capability } from '../../../spec/index.js';
import { checkHistory, describeEvent, initialModelState, predict, type ActorBlueprint } from '../../../spec/model/index.js';

const child: ActorBlueprint = { name: 'c', supervision: [], children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 0 };
const parent: ActorBlueprint = { ...child, name: 'a', children: [child], supervision: [{ on: 'any', strategy: { kind: 'restart' } }] };

/** The prediction of a restart of `a`, whose child `a/c` is stopped and re-created. */
function restartPrediction() {
  const spawned = predict(initialModelState([{ name: 'E0' }]), { op: 'spawn', blueprint: parent });
  return predict(spawned.next, { op: 'tell', path: 'a', command: { kind: 'fail', id: 1, error: 'E0' } }).expected;
}

describe('reportableHistory', () => {
  it('keeps everything for an adapter that declares the signals and dead letters', () => {
    const expected = restartPrediction();
    expect(reportableHistory(expected, new Set<Capability>(['lifecycle.pre-restart', 'lifecycle.post-stop', 'dead-letters']))).toBe(expected);
  });

  it('leaves out PreRestart without lifecycle.pre-restart, keeping the order it stood for', () => {
    const cut = reportableHistory(restartPrediction(), new Set<Capability>(['lifecycle.post-stop']));
    expect(cut.events.map((e) => describeEvent(e.event))).toEqual(['a/c: PostStop', 'a: setup #2', 'a/c: setup #2']);
    const inOrder = cut.events.map((e) => e.event);
    expect(checkHistory(cut, inOrder).ok).toBe(true);
    // The child's PostStop still comes before the new setup; a reported PreRestart is unexpected.
    expect(checkHistory(cut, [inOrder[1]!, inOrder[0]!, inOrder[2]!]).ok).toBe(false);
    expect(checkHistory(cut, [{ kind: 'signal', path: 'a', signal: 'PreRestart' }, ...inOrder]).problems).toEqual([
      'unexpected event #0: a: PreRestart',
    ]);
  });

  it('leaves out PostStop without lifecycle.post-stop and makes dead letters optional without dead-letters', () => {
    const spawned = predict(initialModelState([{ name: 'E0' }]), { op: 'spawn', blueprint: child });
    const stopped = predict(spawned.next, { op: 'burst', path: 'c', commands: [{ kind: 'stop', id: 1 }, { kind: 'ping', id: 2 }] });
    const cut = reportableHistory(stopped.expected, new Set<Capability>());
    expect(cut.events).toEqual([expect.objectContaining({ event: { kind: 'deadLetter', path: 'c', id: 2 }, optional: true })]);
    expect(checkHistory(cut, []).ok).toBe(true);
  });
});
