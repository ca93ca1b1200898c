import { describe, expect, it } from 'vitest';
import { describeEvent, type DurableOperation, type EntityCommand } from '../../../../spec/model/index.js';
import { lastPrediction } from '../_internals/lastPrediction.js';

const backoff = { minMs: 10, maxMs: 40 };
const spawn = (name: string): DurableOperation => ({ op: 'spawn', entity: { name, persistenceId: 'd0', tag: 't', persistFailureBackoff: backoff } });
const send = (path: string, ...commands: EntityCommand[]): DurableOperation => ({ op: 'send', path, commands });
const add = (id: number): EntityCommand => ({ kind: 'add', id, by: 1, then: [] });

describe('DS-09: backoff restarts due at one instant', () => {
  // Seed 753551855 of durable-state.recovery-timeout: e1 then e0 fail a write on a conflict, both
  // restart 10 ms later; e1's restart timer was set first, so e1 recovers before e0 writes.
  it('happen in the order they were scheduled, not in spawn order', () => {
    const last = lastPrediction(
      [spawn('e0'), spawn('e1'), { op: 'externalWrite', persistenceId: 'd0', value: 100 }, send('e1', add(1)), send('e0', add(2), add(3)), { op: 'advance', ms: 10 }],
      0,
    );
    expect(last.expected.events.map((e) => describeEvent(e.event))).toEqual([
      'e1: recovered 100 at r1',
      'e0: recovered 100 at r1',
      'e0: handled 3 on 100 at r1',
      'store/d0: upsert r2 ok',
    ]);
  });
});
