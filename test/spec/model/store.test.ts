import { describe, expect, it } from 'vitest';
import {
  attemptsAfter,
  emptyStoreBelief,
  observeStore,
  type StoreAttempt,
  type StoreBelief,
  type StoreObservation,
  type StoreOperation,
  type StoreSemantics,
  type StoreWrite,
} from '../../../spec/model/store/index.js';

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
    expect(observeStore(strict, written.next, query, { op: 'query', full: [change('b', 1)], resumedFrom: 1, resumed: [] }).problems.join()).toMatch(/reported value .*written value/);
    expect(observeStore(strict, written.next, query, { op: 'query', full: [], resumedFrom: 0, resumed: [] }).problems.join()).toMatch(/misses the latest change of p/);
  });
});

/** Feeds operations and what a store answered through the oracle, as a store property does. */
function replay(semantics: StoreSemantics, steps: readonly (readonly [StoreOperation, StoreObservation])[]) {
  let belief: StoreBelief = emptyStoreBelief;
  let attempts: readonly StoreAttempt[] = [];
  for (const [operation, observation] of steps) {
    const verdict = observeStore(semantics, belief, operation, observation, attempts);
    if (verdict.problems.length > 0) return verdict;
    belief = verdict.next;
    attempts = attemptsAfter(attempts, operation, observation);
  }
  return { next: belief, problems: [], blamed: [], exercised: [] };
}

const up = (id: string, revision: number, by: string, tag = 't'): StoreWrite => ({ op: 'upsert', id, revision, value: { n: 0, by }, tag });
const ok = (...results: boolean[]): StoreObservation => ({ op: 'write', ok: results });
const updated = (id: string, revision: number, by: string, offset: number, tag = 't') => ({ type: 'updated' as const, persistenceId: id, revision, tag, offset, value: { n: 0, by } });
const query = (tag = 't'): StoreOperation => ({ op: 'query', tag, resumeAt: 0 });
const full = (...changes: ReturnType<typeof updated>[]): StoreObservation => ({ op: 'query', full: changes, resumedFrom: 0, resumed: changes });

describe('store blame: each problem names the rule whose statement it breaks', () => {
  it('a refused write that shows up in a tag query breaks TAG-06 and STORE-09, not the order rules it upsets', () => {
    const verdict = replay(strict, [
      [up('p', 1, 'a'), ok(true)],
      [up('p', 3, 'b'), ok(false)],
      // The change-log row was written before the revision check refused the write.
      [query(), full(updated('p', 1, 'a', 1), updated('p', 3, 'b', 2))],
    ]);
    expect(verdict.problems.join()).toMatch(/refused/);
    expect(verdict.blamed).toEqual(['STORE-09', 'TAG-06']);
  });

  it('a refused write at the current revision whose row replaced the real one breaks TAG-06 and STORE-09', () => {
    const verdict = replay(strict, [
      [up('p', 1, 'a'), ok(true)],
      [up('p', 1, 'b'), ok(false)],
      [query(), full(updated('p', 1, 'b', 2))],
    ]);
    expect(verdict.blamed).toEqual(['STORE-09', 'TAG-06']);
  });

  it('a change left behind by a hard delete breaks STORE-07', () => {
    const verdict = replay(strict, [
      [up('p', 1, 'a'), ok(true)],
      [{ op: 'delete', id: 'p', revision: 0 }, ok(true)],
      [query(), full(updated('p', 1, 'a', 1))],
    ]);
    expect(verdict.blamed).toEqual(['STORE-07']);
  });

  it('a delete that loses its tag breaks TAG-01 where it shows, TAG-06 where it is missing', () => {
    const steps = [
      [up('p', 1, 'a'), ok(true)],
      [{ op: 'delete', id: 'p', revision: 2 }, ok(true)],
    ] as const;
    const lost = { type: 'deleted' as const, persistenceId: 'p', revision: 2, tag: '', offset: 2 };
    expect(replay(strict, [...steps, [query(''), { op: 'query', full: [lost], resumedFrom: 0, resumed: [lost] }]]).blamed).toEqual(['TAG-01']);
    expect(replay(strict, [...steps, [query(), full()]]).blamed).toEqual(['TAG-06']);
  });

  it('resuming that skips a change breaks TAG-04 alone; a decreasing offset too', () => {
    const base = [
      [up('p', 1, 'a'), ok(true)],
      [up('q', 1, 'b'), ok(true)],
    ] as const;
    const skipped = replay(strict, [...base, [query(), { op: 'query', full: [updated('p', 1, 'a', 1), updated('q', 1, 'b', 2)], resumedFrom: 0, resumed: [updated('p', 1, 'a', 1)] }]]);
    expect(skipped.blamed).toEqual(['TAG-04']);
    const backwards = replay(strict, [...base, [query(), full(updated('p', 1, 'a', 2), updated('q', 1, 'b', 1))]]);
    expect(backwards.blamed).toEqual(['TAG-04']);
  });

  it('an emitted value other than the one stored at that revision breaks TAG-05', () => {
    const verdict = replay(strict, [
      [up('p', 1, 'a'), ok(true)],
      [up('p', 2, 'b'), ok(true)],
      [query(), full(updated('p', 2, 'a', 2))],
    ]);
    expect(verdict.blamed).toEqual(['TAG-05']);
  });

  it('write results: a lost race breaks STORE-04, a refused valid delete STORE-05, a refused hard delete STORE-07', () => {
    const race = replay(strict, [[{ op: 'concurrent', writes: racers }, ok(true, true)]]);
    expect(race.blamed).toEqual(['STORE-04']);
    const wrongAccepted = replay(strict, [[up('p', 2, 'a'), ok(true)]]);
    expect(wrongAccepted.blamed).toEqual(['STORE-04']);
    const softRefused = replay(strict, [[up('p', 1, 'a'), ok(true)], [{ op: 'delete', id: 'p', revision: 2 }, ok(false)]]);
    expect(softRefused.blamed).toEqual(['STORE-05']);
    const hardRefused = replay(strict, [[up('p', 1, 'a'), ok(true)], [{ op: 'delete', id: 'p', revision: 0 }, ok(false)]]);
    expect(hardRefused.blamed).toEqual(['STORE-07']);
    const upsertAfterDelete = replay(strict, [[up('p', 1, 'a'), ok(true)], [{ op: 'delete', id: 'p', revision: 2 }, ok(true)], [up('p', 3, 'b'), ok(false)]]);
    expect(upsertAfterDelete.blamed).toEqual(['STORE-05']);
  });

  it('reads: another id\'s value breaks STORE-03, a refused value STORE-09, an unknown id at r1 STORE-01, a stale value STORE-02', () => {
    const get = (id: string): StoreOperation => ({ op: 'get', id });
    const read = (by: string | undefined, revision: number): StoreObservation => ({ op: 'get', value: by === undefined ? undefined : { n: 0, by }, revision });
    const two = [
      [up('p', 1, 'a'), ok(true)],
      [up('q', 1, 'b'), ok(true)],
    ] as const;
    expect(replay(strict, [...two, [get('p'), read('b', 1)]]).blamed).toEqual(['STORE-03']);
    expect(replay(strict, [...two, [up('p', 1, 'c'), ok(false)], [get('p'), read('c', 1)]]).blamed).toEqual(['STORE-09']);
    expect(replay(strict, [[get('p'), read(undefined, 1)]]).blamed).toEqual(['STORE-01']);
    expect(replay(strict, [...two, [up('p', 2, 'c'), ok(true)], [get('p'), read('a', 1)]]).blamed).toEqual(['STORE-02']);
    expect(replay(strict, [...two, [{ op: 'delete', id: 'p', revision: 2 }, ok(true)], [get('p'), read(undefined, 0)]]).blamed).toEqual(['STORE-05']);
    expect(replay(strict, [...two, [{ op: 'delete', id: 'p', revision: 0 }, ok(true)], [get('p'), read(undefined, 1)]]).blamed).toEqual(['STORE-07']);
  });
});
