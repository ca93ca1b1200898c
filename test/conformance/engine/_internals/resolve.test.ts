import { describe, expect, it } from 'vitest';
import { resolveStep, runModel } from '../../../../conformance/engine/_internals/resolve.js';
import { initialModelState, predict, type ActorBlueprint, type ModelState } from '../../../../spec/model/index.js';

const blueprint: ActorBlueprint = { name: 'a0', supervision: [], children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 2 };

/** A model state in which the only actor, a0, has stopped. */
function stoppedActorState(): ModelState {
  let state = initialModelState([{ name: 'E1' }]);
  state = predict(state, { op: 'spawn', blueprint }).next;
  return predict(state, { op: 'tell', path: 'a0', command: { kind: 'stop', id: 1 } }).next;
}

describe('resolveStep with tellStopped', () => {
  it('sends to a stopped actor only when the profile asks for it and nothing is alive', () => {
    const state = stoppedActorState();
    const ping = { step: 'tell', target: 0, command: { kind: 'ping' } } as const;
    expect(resolveStep(ping, runModel(state))).toBeUndefined();
    expect(resolveStep(ping, runModel(state, true, true))).toEqual({ op: 'tell', path: 'a0', command: { kind: 'ping', id: 1 } });
  });

  it('sends a stopped actor only commands a dead letter can report', () => {
    const m = runModel(stoppedActorState(), true, true);
    expect(resolveStep({ step: 'tell', target: 0, command: { kind: 'unstashAll' } }, m)).toBeUndefined();
    expect(resolveStep({ step: 'burst', target: 0, commands: [{ kind: 'unstashAll' }, { kind: 'stop' }] }, m)).toEqual({
      op: 'burst',
      path: 'a0',
      commands: [{ kind: 'stop', id: 1 }],
    });
  });
});
