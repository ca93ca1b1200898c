import { describe, expect, it } from 'vitest';
import { emptyStoreBelief, observeStore, type StoreSemantics, type StoreWrite } from '../../../spec/model/store/index.js';

const strict: StoreSemantics = { revisionCheck: true, deleteRevisionCheck: true, hardDelete: true, deleteOfUnknownId: 'either' };
const lax: StoreSemantics = { ...strict, revisionCheck: false };
const racers: StoreWrite[] = [
  { op: 'upsert', id: 'p', revision: 1, value: { n: 1, by: 'a' }, tag: 't' },
  { op: 'upsert', id: 'p', revision: 1, value: { n: 2, by: 'b' }, tag: 't' },
];

describe('store model', () => {
  it('with revision checks exactly one of two writers of one revision wins (STORE-04)', () => {
    const batch = { op: 'concurrent' as const, writes: racers };
    expect(observeStore(strict, emptyStoreBelief, batch, { op: 'write', ok: [true, false] }).problems).toEqual([]);
    expect(observeStore(strict, emptyStoreBelief, batch, { op: 'write', ok: [false, true] }).problems).toEqual([]);
    expect(observeStore(strict, emptyStoreBelief, batch, { op: 'write', ok: [true, true] }).problems[0]).toMatch(/not allowed/);
    const lastWins = observeStore(lax, emptyStoreBelief, batch, { op: 'write', ok: [true, true] });
    expect(lastWins.problems).toEqual([]);
    // Either writer may have been last; a read tells which.
    expect(lastWins.next).toHaveLength(2);
    const read = observeStore(lax, lastWins.next, { op: 'get', id: 'p' }, { op: 'get', value: { n: 2, by: 'b' }, revision: 1 });
    expect(read.next).toHaveLength(1);
  });

  it('accepts a tombstone or nothing for a delete of an unknown id, then narrows on read (STORE-08)', () => {
    const deleted = observeStore(strict, emptyStoreBelief, { op: 'delete', id: 'q', revision: 1 }, { op: 'write', ok: [true] });
    expect(deleted.next).toHaveLength(2);
    expect(deleted.exercised).toContain('STORE-08');
    const tombstone = observeStore(strict, deleted.next, { op: 'get', id: 'q' }, { op: 'get', value: undefined, revision: 1 });
    expect(tombstone.next).toHaveLength(1);
    const bad = observeStore(strict, deleted.next, { op: 'get', id: 'q' }, { op: 'get', value: undefined, revision: 2 });
    expect(bad.problems[0]).toMatch(/allowed: \(null, r1\) \| \(null, r0\)/);
  });

  it('rejects a change stream that shows a refused write or loses the latest change (STORE-09, TAG-02)', () => {
    const written = observeStore(strict, emptyStoreBelief, { op: 'concurrent', writes: racers }, { op: 'write', ok: [true, false] });
    const change = (by: string, offset: number) => ({ type: 'updated' as const, persistenceId: 'p', revision: 1, tag: 't', offset, value: { n: by === 'a' ? 1 : 2, by } });
    const query = { op: 'query' as const, tag: 't', resumeAt: 0 };
    expect(observeStore(strict, written.next, query, { op: 'query', full: [change('a', 1)], resumedFrom: 1, resumed: [] }).problems).toEqual([]);
    expect(observeStore(strict, written.next, query, { op: 'query', full: [change('b', 1)], resumedFrom: 1, resumed: [] }).problems.join()).toMatch(/written tag 't' value/);
    expect(observeStore(strict, written.next, query, { op: 'query', full: [], resumedFrom: 0, resumed: [] }).problems.join()).toMatch(/misses the latest change of p/);
  });
});
