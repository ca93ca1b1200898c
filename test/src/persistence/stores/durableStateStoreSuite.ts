import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { DurableStateChange, DurableStateStore } from '../../../../src/persistence/DurableStateStore.js';
import { RevisionConflictError } from '../../../../src/persistence/errors.js';

/** A fresh, empty store; `reopen` (durable stores only) closes it and opens the same storage again. */
export interface StoreUnderTest {
  readonly store: DurableStateStore;
  readonly reopen?: () => Promise<DurableStateStore>;
}

/**
 * Creates a fresh store for one test. `reopenable` is true only for the test that reopens the
 * store; other tests may get a faster, non-durable variant (e.g. SQLite `:memory:`).
 */
export type StoreFactory = (options: { readonly reopenable: boolean }) => Promise<StoreUnderTest>;

/** Drains a completing query. */
export async function collect(changes: AsyncIterable<DurableStateChange>): Promise<DurableStateChange[]> {
  const out: DurableStateChange[] = [];
  for await (const change of changes) out.push(change);
  return out;
}

/** Expects `promise` to reject with an error whose `code` is `code`. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

/** Starts a live query and returns its iterator, for pulling one change at a time. */
function live(store: DurableStateStore, tag: string, offset?: number): AsyncIterator<DurableStateChange> {
  return store.changes(tag, offset)[Symbol.asyncIterator]();
}

async function pull(iterator: AsyncIterator<DurableStateChange>): Promise<DurableStateChange> {
  const result = await iterator.next();
  if (result.done === true) throw new Error('live query completed');
  return result.value;
}

/**
 * Registers the shared durable-state store tests (STORE-01..09, TAG-01..07) for one store.
 * Every test name starts with the rule it checks.
 */
export function describeDurableStateStore(name: string, factory: StoreFactory): void {
  describe(`${name} (shared store suite)`, () => {
    const opened: DurableStateStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close?.();
    });
    const fresh = async (reopenable = false): Promise<StoreUnderTest> => {
      const underTest = await factory({ reopenable });
      opened.push(underTest.store);
      return underTest;
    };
    const freshStore = async () => (await fresh()).store;
    const reopened = async (underTest: StoreUnderTest) => {
      if (underTest.reopen === undefined) throw new Error(`${name} has no reopen`);
      const store = await underTest.reopen();
      opened.push(store);
      return store;
    };

    it('STORE-01 getObject of an unknown id is (undefined, 0)', async () => {
      const store = await freshStore();
      expect(await store.getObject('nobody')).toEqual({ value: undefined, revision: 0 });
    });

    it('STORE-02 an upsert at revision 1 is read back, and each next revision replaces it', async () => {
      const store = await freshStore();
      await store.upsertObject('p', 1, { count: 1 }, '');
      expect(await store.getObject('p')).toEqual({ value: { count: 1 }, revision: 1 });
      await store.upsertObject('p', 2, { count: 2 }, '');
      await store.upsertObject('p', 3, { count: 3, note: 'ü\u0000' }, '');
      expect(await store.getObject('p')).toEqual({ value: { count: 3, note: 'ü\u0000' }, revision: 3 });
    });

    it('STORE-03 different persistence ids are independent', async () => {
      const store = await freshStore();
      await store.upsertObject('a', 1, 'a1', 't');
      await store.upsertObject('b', 1, 'b1', 'u');
      await store.upsertObject('a', 2, 'a2', 't');
      await store.deleteObject('b', 2);
      expect(await store.getObject('a')).toEqual({ value: 'a2', revision: 2 });
      expect(await store.getObject('b')).toEqual({ value: undefined, revision: 2 });
      expect(await store.getObject('c')).toEqual({ value: undefined, revision: 0 });
    });

    it('STORE-04 an upsert whose revision is not stored + 1 is rejected and changes nothing', async () => {
      const store = await freshStore();
      expect(store.capabilities.revisionCheck).toBe(true);
      await expectCode(store.upsertObject('p', 2, 'skip', ''), 'REVISION_CONFLICT');
      await store.upsertObject('p', 1, 'one', '');
      const duplicate = store.upsertObject('p', 1, 'again', '');
      await expect(duplicate).rejects.toBeInstanceOf(RevisionConflictError);
      await expect(duplicate).rejects.toMatchObject({ persistenceId: 'p', expectedRevision: 2, actualRevision: 1 });
      await expectCode(store.upsertObject('p', 3, 'ahead', ''), 'REVISION_CONFLICT');
      expect(await store.getObject('p')).toEqual({ value: 'one', revision: 1 });
    });

    it('STORE-04 many concurrent writers on one id: exactly one wins each revision, no update is lost', async () => {
      const store = await freshStore();
      const writers = 8;
      const incrementsEach = 5;
      const winners = new Map<number, number>();
      const writer = async (id: number) => {
        for (let done = 0; done < incrementsEach; ) {
          const { value, revision } = await store.getObject<{ count: number }>('counter');
          try {
            await store.upsertObject('counter', revision + 1, { count: (value?.count ?? 0) + 1, by: id }, '');
          } catch (error) {
            expect(error).toBeInstanceOf(RevisionConflictError);
            continue;
          }
          expect(winners.has(revision + 1)).toBe(false);
          winners.set(revision + 1, id);
          done++;
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, id) => writer(id)));
      const total = writers * incrementsEach;
      const final = await store.getObject<{ count: number; by: number }>('counter');
      expect(final.revision).toBe(total);
      expect(final.value?.count).toBe(total); // every increment saw the one before it
      expect([...winners.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(final.value?.by).toBe(winners.get(total));
    });

    it('STORE-05 a delete at stored + 1 soft-deletes, keeps the revision, and the id can be written again', async () => {
      const store = await freshStore();
      await store.upsertObject('p', 1, 'one', 'tag');
      await store.deleteObject('p', 2);
      expect(await store.getObject('p')).toEqual({ value: undefined, revision: 2 });
      await store.upsertObject('p', 3, 'three', 'tag');
      expect(await store.getObject('p')).toEqual({ value: 'three', revision: 3 });
    });

    it('STORE-06 a delete with a wrong revision is rejected and changes nothing', async () => {
      const store = await freshStore();
      expect(store.capabilities.deleteRevisionCheck).toBe(true);
      await store.upsertObject('p', 1, 'one', '');
      await store.upsertObject('p', 2, 'two', '');
      for (const wrong of [1, 2, 4]) {
        await expect(store.deleteObject('p', wrong)).rejects.toMatchObject({
          code: 'REVISION_CONFLICT',
          expectedRevision: 3,
          actualRevision: wrong,
        });
      }
      expect(await store.getObject('p')).toEqual({ value: 'two', revision: 2 });
    });

    it('STORE-07 a delete at revision 0 hard-deletes back to (undefined, 0), emitting nothing', async () => {
      const store = await freshStore();
      expect(store.capabilities.hardDelete).toBe(true);
      await store.upsertObject('p', 1, 'one', 't');
      await store.upsertObject('p', 2, 'two', 't');
      await store.deleteObject('p', 0);
      expect(await store.getObject('p')).toEqual({ value: undefined, revision: 0 });
      expect(await collect(store.currentChanges('t'))).toEqual([]);
      await store.deleteObject('never-written', 0);
      expect(await store.getObject('never-written')).toEqual({ value: undefined, revision: 0 });
      await store.upsertObject('p', 1, 'again', 't');
      expect(await store.getObject('p')).toEqual({ value: 'again', revision: 1 });
    });

    it('STORE-08 deleting a never-written id at revision 1 writes an untagged tombstone', async () => {
      const store = await freshStore();
      expect(store.capabilities.deleteOfUnknownId).toBe('tombstone');
      await store.deleteObject('ghost', 1);
      expect(await store.getObject('ghost')).toEqual({ value: undefined, revision: 1 });
      expect(await collect(store.currentChanges(''))).toMatchObject([{ type: 'deleted', persistenceId: 'ghost', revision: 1, tag: '' }]);
      await expectCode(store.deleteObject('ghost2', 2), 'REVISION_CONFLICT');
    });

    it('STORE-09 rejected writes (conflicts, invalid arguments) are invisible, in reads and in change streams', async () => {
      const store = await freshStore();
      await store.upsertObject('p', 1, 'one', 't');
      await expectCode(store.upsertObject('p', 1, 'dup', 't'), 'REVISION_CONFLICT');
      await expectCode(store.deleteObject('p', 5), 'REVISION_CONFLICT');
      await expectCode(store.upsertObject('p', 2, undefined, 't'), 'INVALID_STORE_ARGUMENT');
      await expectCode(store.upsertObject('p', 1.5, 'x', 't'), 'INVALID_STORE_ARGUMENT');
      await expectCode(store.upsertObject('p', 0, 'x', 't'), 'INVALID_STORE_ARGUMENT');
      await expectCode(store.deleteObject('p', -1), 'INVALID_STORE_ARGUMENT');
      await expectCode(store.upsertObject('', 1, 'x', 't'), 'INVALID_STORE_ARGUMENT');
      expect(await store.getObject('p')).toEqual({ value: 'one', revision: 1 });
      expect((await collect(store.currentChanges('t'))).map((c) => [c.persistenceId, c.revision])).toEqual([['p', 1]]);
    });

    it('STORE-01..06 model-based: random upserts, deletes and gets agree with a Map model', async () => {
      const ids = ['a', 'b', 'c'];
      const tags = ['', 'x'];
      const operation = fc.oneof(
        fc.record({
          kind: fc.constant('upsert' as const),
          id: fc.constantFrom(...ids),
          delta: fc.integer({ min: -1, max: 2 }), // 1 is valid; the rest are stale, duplicate or ahead
          value: fc.oneof(fc.integer(), fc.string(), fc.record({ n: fc.integer() })),
          tag: fc.constantFrom(...tags),
        }),
        fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...ids), delta: fc.integer({ min: -1, max: 2 }) }),
        fc.record({ kind: fc.constant('hardDelete' as const), id: fc.constantFrom(...ids) }),
        fc.record({ kind: fc.constant('get' as const), id: fc.constantFrom(...ids) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { maxLength: 25 }), async (operations) => {
          const { store } = await factory({ reopenable: false });
          try {
            const model = new Map<string, { value: unknown; revision: number; tag: string }>();
            for (const op of operations) {
              const current = model.get(op.id) ?? { value: undefined, revision: 0, tag: '' };
              if (op.kind === 'get') {
                expect(await store.getObject(op.id)).toEqual({ value: current.value, revision: current.revision });
              } else if (op.kind === 'hardDelete') {
                await store.deleteObject(op.id, 0);
                model.delete(op.id);
              } else {
                const revision = Math.max(1, current.revision + op.delta);
                const write =
                  op.kind === 'upsert'
                    ? store.upsertObject(op.id, revision, op.value, op.tag)
                    : store.deleteObject(op.id, revision);
                if (revision === current.revision + 1) {
                  await write;
                  model.set(
                    op.id,
                    op.kind === 'upsert'
                      ? { value: op.value, revision: current.revision + 1, tag: op.tag }
                      : { value: undefined, revision: current.revision + 1, tag: current.tag },
                  );
                } else {
                  await expectCode(write, 'REVISION_CONFLICT');
                }
              }
            }
            for (const id of ids) {
              const expected = model.get(id);
              expect(await store.getObject(id)).toEqual({ value: expected?.value, revision: expected?.revision ?? 0 });
            }
            for (const tag of tags) {
              const latest = (await collect(store.currentChanges(tag))).map((c) => [c.persistenceId, c.revision]);
              const wanted = [...model].filter(([, m]) => m.tag === tag).map(([id, m]) => [id, m.revision]);
              expect(latest.sort()).toEqual(wanted.sort());
            }
          } finally {
            await store.close?.();
          }
        }),
        { numRuns: 40 },
      );
    });

    it('TAG-01 every upsert carries its tag, a delete keeps the entity tag, and retagging moves the entity', async () => {
      const store = await freshStore();
      await store.upsertObject('p', 1, 'one', 'red');
      await store.deleteObject('p', 2);
      expect(await collect(store.currentChanges('red'))).toMatchObject([{ type: 'deleted', persistenceId: 'p', revision: 2, tag: 'red' }]);
      await store.upsertObject('p', 3, 'three', 'blue');
      expect(await collect(store.currentChanges('red'))).toEqual([]);
      expect(await collect(store.currentChanges('blue'))).toMatchObject([{ type: 'updated', revision: 3, value: 'three', tag: 'blue' }]);
    });

    it('TAG-02 currentChanges emits the latest change of each id with the tag as of the call, then completes', async () => {
      const store = await freshStore();
      expect(store.capabilities.tagQueries).toBe(true);
      await store.upsertObject('a', 1, 'a1', 't');
      await store.upsertObject('b', 1, 'b1', 't');
      await store.upsertObject('other', 1, 'o1', 'u');
      await store.upsertObject('a', 2, 'a2', 't');
      const query = store.currentChanges('t');
      await store.upsertObject('b', 2, 'b2', 't'); // after the call: b must still appear
      const changes = await collect(query);
      const latestOf = (id: string) => changes.filter((c) => c.persistenceId === id).at(-1);
      expect(latestOf('a')).toMatchObject({ type: 'updated', revision: 2, value: 'a2', tag: 't' });
      expect(latestOf('b')?.revision).toBeGreaterThanOrEqual(1);
      expect(changes.some((c) => c.persistenceId === 'other')).toBe(false);
      expect(await collect(store.currentChanges('nothing-tagged'))).toEqual([]);
    });

    it('TAG-03 changes never completes on its own: a pull waits for the next commit', async () => {
      const store = await freshStore();
      expect(store.capabilities.liveChanges).toBe(true);
      await store.upsertObject('a', 1, 'a1', 't');
      const iterator = live(store, 't');
      expect(await pull(iterator)).toMatchObject({ persistenceId: 'a', revision: 1 });
      const waiting = iterator.next(); // nothing more yet: must not complete
      await store.upsertObject('b', 1, 'b1', 'other-tag');
      await store.upsertObject('a', 2, 'a2', 't');
      expect(await waiting).toMatchObject({ done: false, value: { persistenceId: 'a', revision: 2, value: 'a2' } });
      await iterator.return?.();
    });

    it('TAG-03 a live query ends when the consumer stops, even while it waits, and when the store closes', async () => {
      const store = await freshStore();
      const iterator = live(store, 't');
      const waiting = iterator.next();
      expect(await iterator.return?.()).toMatchObject({ done: true });
      expect(await waiting).toMatchObject({ done: true });
      await store.upsertObject('a', 1, 'a1', 't');
      let offsetOfA = -1;
      for await (const change of store.changes('t', 0)) {
        expect(change.revision).toBe(1);
        offsetOfA = change.offset;
        break; // for-await calls return()
      }
      const other = live(store, 't', offsetOfA);
      const pending = other.next();
      await store.upsertObject('a', 2, 'a2', 't');
      expect(await pending).toMatchObject({ done: false, value: { revision: 2 } });
      const afterClose = other.next();
      await store.close?.();
      if (store.close !== undefined) expect(await afterClose).toMatchObject({ done: true });
    });

    it('TAG-04 offsets increase; resuming from an emitted offset loses no later change', async () => {
      const store = await freshStore();
      for (const id of ['a', 'b', 'c']) await store.upsertObject(id, 1, id, 't');
      const first = await collect(store.currentChanges('t'));
      const offsets = first.map((c) => c.offset);
      expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
      expect(new Set(offsets).size).toBe(3);
      const resumeAt = first[0]!.offset;
      await store.upsertObject('d', 1, 'd', 't');
      const resumed = await collect(store.currentChanges('t', resumeAt));
      expect(resumed.map((c) => c.persistenceId)).toEqual(['b', 'c', 'd']);
      expect(resumed.every((c) => c.offset > resumeAt)).toBe(true);
      const iterator = live(store, 't', resumed.at(-1)!.offset);
      const next = iterator.next();
      await store.upsertObject('a', 2, 'a2', 't');
      expect(await next).toMatchObject({ value: { persistenceId: 'a', revision: 2 } });
      expect((await next).value!.offset).toBeGreaterThan(resumed.at(-1)!.offset);
      await iterator.return?.();
      expect(() => store.currentChanges('t', -1)).toThrow(expect.objectContaining({ code: 'INVALID_STORE_ARGUMENT' }));
      expect(() => store.changes('t', 0.5)).toThrow(expect.objectContaining({ code: 'INVALID_STORE_ARGUMENT' }));
    });

    it('TAG-05 per id, a live stream emits strictly increasing revisions whose values are the stored ones', async () => {
      const store = await freshStore();
      const written = new Map<string, unknown>();
      const iterator = live(store, 't');
      const seen: DurableStateChange[] = [];
      const lastRevision = 6;
      const consumer = (async () => {
        while (!seen.some((c) => c.persistenceId === 'b' && c.revision === lastRevision)) seen.push(await pull(iterator));
      })();
      for (let revision = 1; revision <= lastRevision; revision++) {
        for (const id of ['a', 'b']) {
          const value = { id, revision };
          written.set(`${id}@${revision}`, value);
          await store.upsertObject(id, revision, value, 't');
        }
      }
      await consumer;
      await iterator.return?.();
      for (const id of ['a', 'b']) {
        const revisions = seen.filter((c) => c.persistenceId === id).map((c) => c.revision);
        expect(revisions).toEqual([...new Set(revisions)].sort((x, y) => x - y));
      }
      for (const change of seen) {
        expect(change.type).toBe('updated');
        if (change.type === 'updated') expect(change.value).toEqual(written.get(`${change.persistenceId}@${change.revision}`));
      }
    });

    it('TAG-06 soft deletes appear as deleted changes with the delete revision; failed writes never appear', async () => {
      const store = await freshStore();
      const iterator = live(store, 't');
      await store.upsertObject('p', 1, 'one', 't');
      expect(await pull(iterator)).toMatchObject({ type: 'updated', revision: 1 });
      await expectCode(store.deleteObject('p', 3), 'REVISION_CONFLICT');
      await expectCode(store.upsertObject('p', 1, 'dup', 't'), 'REVISION_CONFLICT');
      await store.deleteObject('p', 2);
      const deleted = await pull(iterator);
      expect(deleted).toEqual({ type: 'deleted', persistenceId: 'p', revision: 2, tag: 't', offset: deleted.offset, timestamp: deleted.timestamp });
      await iterator.return?.();
      expect((await collect(store.currentChanges('t'))).map((c) => [c.type, c.revision])).toEqual([['deleted', 2]]);
    });

    it('TAG-07 capabilities are declared as data', async () => {
      const { capabilities } = await freshStore();
      for (const key of ['revisionCheck', 'deleteRevisionCheck', 'hardDelete', 'tagQueries', 'liveChanges', 'durable'] as const) {
        expect(typeof capabilities[key]).toBe('boolean');
      }
      expect(['tombstone', 'ignore']).toContain(capabilities.deleteOfUnknownId);
    });

    it('STORE-02 a closed store rejects further use with STORE_CLOSED', async () => {
      const store = await freshStore();
      await store.upsertObject('p', 1, 'one', '');
      if (store.close === undefined) return;
      await store.close();
      await expectCode(store.getObject('p'), 'STORE_CLOSED');
      await expectCode(store.upsertObject('p', 2, 'two', ''), 'STORE_CLOSED');
    });

    it('STORE-02 TAG-04 durable stores keep state, tags and offset order across a reopen', async (context) => {
      const underTest = await fresh(true);
      if (!underTest.store.capabilities.durable || underTest.reopen === undefined) return context.skip();
      const { store } = underTest;
      await store.upsertObject('a', 1, { n: 1 }, 't');
      await store.upsertObject('b', 1, { n: 2 }, 't');
      await store.deleteObject('b', 2);
      await store.upsertObject('c', 1, { n: 3 }, 't');
      const before = await collect(store.currentChanges('t'));
      await store.deleteObject('c', 0); // hard-delete the newest: offsets must still not go back
      const again = await reopened(underTest);
      expect(await again.getObject('a')).toEqual({ value: { n: 1 }, revision: 1 });
      expect(await again.getObject('b')).toEqual({ value: undefined, revision: 2 });
      expect(await again.getObject('c')).toEqual({ value: undefined, revision: 0 });
      expect(await collect(again.currentChanges('t'))).toEqual(before.filter((c) => c.persistenceId !== 'c'));
      await again.upsertObject('d', 1, { n: 4 }, 't');
      const [d] = await collect(again.currentChanges('t', before.at(-1)!.offset));
      expect(d).toMatchObject({ persistenceId: 'd', revision: 1 });
    });
  });
}
