import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  describeEvent,
  initialDurableState,
  predictDurable,
  predictDurableMatching,
  resolveDurable,
  type DurableModelState,
  type DurableOperation,
  type EntityCommand,
  type HistoryEvent,
} from '../../../../spec/model/index.js';

// The shrunk counterexample of the issue (seed 12): an entity watches an entity that already
// stopped, twice in one burst. A runtime that handles the notice as a system message handles it
// between the two watches, so the second one is a new watch with a notice of its own.

const spawn = (name: string): DurableOperation => ({ op: 'spawn', entity: { name, persistenceId: `p-${name}`, tag: 't' } });
const watch = (id: number, target: string): EntityCommand => ({ kind: 'watch', id, target, deathPact: false });

function play(operations: readonly DurableOperation[]): DurableModelState {
  return operations.reduce((state, operation) => {
    const prediction = predictDurable(state, operation);
    return resolveDurable(prediction.next, prediction.expected.events.filter((e) => !e.optional).map((e) => e.event));
  }, initialDurableState(0));
}

const handled = (id: number): HistoryEvent => ({ kind: 'handled', path: 'e1', id, state: 0, revision: 0 });
const callback = (id: number): HistoryEvent => ({ kind: 'callback', path: 'e1', id, step: 0, state: 0 });
const accepts = (state: DurableModelState, operation: DurableOperation, observed: readonly HistoryEvent[]) =>
  predictDurableMatching(state, operation, observed, (p) => checkHistory(p.expected, observed).ok);

describe('a termination notice in a durable entity (WATCH-03, DS-18)', () => {
  const state = play([spawn('e0'), { op: 'halt', path: 'e0', id: 1 }, spawn('e1')]);
  const burst: DurableOperation = { op: 'send', path: 'e1', commands: [watch(2, 'e0'), watch(3, 'e0')] };

  it('behind the queued command (one mailbox): one notice, for the first watch', () => {
    const first = predictDurable(state, burst);
    expect(first.expected.events.map((e) => describeEvent(e.event))).toEqual(['e1: handled 2 on 0 at r0', 'e1: handled 3 on 0 at r0', 'e1: callback 2.0 sees 0']);
  });

  it('ahead of it (a system message): the second watch is new and gets its own notice', () => {
    const eager = accepts(state, burst, [handled(2), callback(2), handled(3), callback(3)]);
    expect(eager).toBeDefined();
    expect(eager!.next.entities['e1']!.watching['e0']).toBeUndefined();
  });

  it('never a notice nobody asked for, nor one before its watch', () => {
    expect(accepts(state, burst, [handled(2), callback(2), handled(3), callback(3), callback(3)])).toBeUndefined();
    expect(accepts(state, burst, [callback(2), handled(2), handled(3)])).toBeUndefined();
  });
});

describe('entities reacting to store answers due at one instant (seed 11 of the pekko-dispatcher variant)', () => {
  // e0 and e1 share a persistence id: e0's write lands, e1's conflicts and stops it. e0 watches
  // e1; whether e0 reacts to its answer before or after e1's stop notice is the runtime's.
  const add = (id: number): EntityCommand => ({ kind: 'add', id, by: 1, then: [] });
  const both: DurableOperation[] = [
    { op: 'spawn', entity: { name: 'e0', persistenceId: 'd0', tag: 't' } },
    { op: 'spawn', entity: { name: 'e1', persistenceId: 'd0', tag: 't' } },
    { op: 'send', path: 'e0', commands: [watch(2, 'e1'), add(3)] },
    { op: 'send', path: 'e1', commands: [add(4)] },
  ];
  const state = both.reduce((s, operation) => {
    const prediction = predictDurable(s, operation);
    return resolveDurable(prediction.next, prediction.expected.events.filter((e) => !e.optional).map((e) => e.event));
  }, initialDurableState(5));
  const advance: DurableOperation = { op: 'advance', ms: 5 };
  const events = (seen: number): HistoryEvent[] => [
    { kind: 'write', path: 'store/d0', op: 'upsert', revision: 1, ok: true },
    { kind: 'write', path: 'store/d0', op: 'upsert', revision: 1, ok: false },
    { kind: 'signal', path: 'e1', signal: 'PostStop' },
    { kind: 'callback', path: 'e0', id: 2, step: 0, state: seen },
  ];

  it('accepts the notice after e0 took in its write (issue order) or before, against the last written state', () => {
    expect(checkHistory(predictDurable(state, advance).expected, events(1)).ok).toBe(true);
    const early = accepts(state, advance, events(0));
    expect(early).toBeDefined();
    expect(early!.next.entities['e0']!.state).toBe(1);
    expect(accepts(state, advance, events(2))).toBeUndefined();
  });
});
