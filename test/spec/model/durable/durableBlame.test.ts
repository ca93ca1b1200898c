import { describe, expect, it } from 'vitest';
import { type DurableOperation, type DurablePrediction, type EntityCommand, type HistoryEvent } from '../../../../spec/model/index.js';
import { blameOf } from '../_internals/blameOf.js';
import { lastPrediction } from '../_internals/lastPrediction.js';

const spawn: DurableOperation = { op: 'spawn', entity: { name: 'e0', persistenceId: 'd0', tag: 't' } };
const send = (...commands: EntityCommand[]): DurableOperation => ({ op: 'send', path: 'e0', commands });
const handled = (id: number, state: number, revision: number): HistoryEvent => ({ kind: 'handled', path: 'e0', id, state, revision });
const callback = (id: number, step: number, state: number): HistoryEvent => ({ kind: 'callback', path: 'e0', id, step, state });
const write = (revision: number, ok = true): HistoryEvent => ({ kind: 'write', path: 'store/d0', op: 'upsert', revision, ok });
const postStop: HistoryEvent = { kind: 'signal', path: 'e0', signal: 'PostStop' };

const blame = (prediction: DurablePrediction, observed: readonly HistoryEvent[]) => blameOf(prediction.expected, observed);

describe('blame on the durable model', () => {
  it('a side effect run before a slow write is acknowledged is DS-06, and the write landing without it later is DS-06 again', () => {
    const sending = lastPrediction([spawn, send({ kind: 'add', id: 1, by: 2, then: ['run'] })], 5);
    expect(blame(sending, [handled(1, 0, 0), callback(1, 0, 2)])).toEqual(['DS-06']);
    const landing = lastPrediction([spawn, send({ kind: 'add', id: 1, by: 2, then: ['run'] }), { op: 'advance', ms: 5 }], 5);
    expect(blame(landing, [write(1)])).toEqual(['DS-06', 'DS-07']);
  });

  it('a command handled while a write is in flight is DS-04', () => {
    const p = lastPrediction([spawn, send({ kind: 'add', id: 1, by: 2, then: [] }, { kind: 'park', id: 2 })], 5);
    expect(blame(p, [handled(1, 0, 0), handled(2, 2, 1)])).toEqual(['DS-04']);
  });

  it('a failed write whose side effects run and that leaves the entity alive is DS-08', () => {
    const p = lastPrediction([spawn, { op: 'failNextWrite' }, send({ kind: 'add', id: 1, by: 2, then: ['run'] })], 0);
    expect(p.expected.events.map((e) => e.event)).toEqual([handled(1, 0, 0), write(1, false), postStop]);
    expect(blame(p, [handled(1, 0, 0), write(1, false), callback(1, 0, 2)])).toEqual(['DS-08']);
  });

  it('a passivation that stops before its write lands is DS-19', () => {
    const p = lastPrediction([spawn, send({ kind: 'add', id: 1, by: 2, then: [] }, { kind: 'passivate', id: 2 })], 5);
    expect(blame(p, [handled(1, 0, 0), postStop])).toEqual(['DS-19']);
  });

  it('a message to itself lost while a write is in flight is DS-20 when the write lands', () => {
    // The message to itself waits behind the add that the same burst brought.
    const sending = send({ kind: 'later', id: 1, delayMs: 0, command: { kind: 'read', id: 3 } }, { kind: 'add', id: 2, by: 2, then: [] });
    const p = lastPrediction([spawn, sending, { op: 'advance', ms: 5 }], 5);
    expect(p.expected.events.map((e) => e.event)).toEqual([write(1), handled(3, 2, 1), callback(3, 0, 2)]);
    expect(blame(p, [write(1)])).toEqual(['DS-06', 'DS-20']);
  });

  it('a command the full stash dropped, handled once the write lands, is DS-15', () => {
    const small: DurableOperation = { op: 'spawn', entity: { name: 'e0', persistenceId: 'd0', tag: 't', stashCapacity: 1 } };
    const p = lastPrediction([small, send({ kind: 'add', id: 1, by: 2, then: [] }, { kind: 'read', id: 2 }, { kind: 'park', id: 3 }), { op: 'advance', ms: 5 }], 5);
    expect(p.expected.events.map((e) => e.event)).toEqual([write(1), handled(2, 2, 1), callback(2, 0, 2)]);
    expect(blame(p, [write(1), handled(2, 2, 1), callback(2, 0, 2), handled(3, 2, 1)])).toEqual(['DS-15']);
  });

  it('a side effect run again on recovery is DS-11', () => {
    const p = lastPrediction([spawn], 0);
    expect(blame(p, [{ kind: 'recovered', path: 'e0', state: 0, revision: 0 }, callback(1, 0, 0)])).toEqual(['DS-11']);
  });
});

describe('blame on the durable model: bugs of other runtimes', () => {
  const restarting: DurableOperation = { op: 'spawn', entity: { name: 'e0', persistenceId: 'd0', tag: 't', restartOnFailure: true } };
  const recovered: HistoryEvent = { kind: 'recovered', path: 'e0', state: 0, revision: 0 };

  it('a RecoveryCompleted signalled after the first command is DS-02, not the rules of that command', () => {
    const p = lastPrediction([restarting, send({ kind: 'crash', id: 1 }, { kind: 'read', id: 2 })], 5);
    expect(p.expected.events.map((e) => e.event)).toEqual([handled(1, 0, 0), recovered, handled(2, 0, 0), callback(2, 0, 0)]);
    expect(blame(p, [handled(1, 0, 0), handled(2, 0, 0), callback(2, 0, 0), recovered])).toEqual(['DS-02']);
  });
});

describe('blame on the durable model: a delete that resets the revision', () => {
  it('a recovery after a delete that yields revision 0 is DS-13, not DS-12', () => {
    const restarting: DurableOperation = { op: 'spawn', entity: { name: 'e0', persistenceId: 'd0', tag: 't', restartOnFailure: true } };
    const p = lastPrediction([restarting, send({ kind: 'add', id: 1, by: 2, then: [] }), { op: 'advance', ms: 5 }, send({ kind: 'remove', id: 2, then: [] }), { op: 'advance', ms: 5 }, send({ kind: 'crash', id: 3 })], 5);
    const recovered = p.expected.events.find((e) => e.event.kind === 'recovered')!.event;
    expect(recovered).toEqual({ kind: 'recovered', path: 'e0', state: 0, revision: 2 });
    const observed = p.expected.events.map((e) => (e.event.kind === 'recovered' ? { ...e.event, revision: 0 } : e.event));
    expect(blame(p, observed)).toEqual(['DS-13']);
  });
});
