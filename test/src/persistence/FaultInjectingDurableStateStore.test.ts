import { describe, expect, it } from 'vitest';
import { FaultInjectingDurableStateStore } from '../../../src/persistence/FaultInjectingDurableStateStore.js';
import { InMemoryDurableStateStore } from '../../../src/persistence/stores/InMemoryDurableStateStore.js';

function fresh(): FaultInjectingDurableStateStore {
  return new FaultInjectingDurableStateStore(new InMemoryDurableStateStore());
}

/** Resolves after the event loop had a turn, so settled promises ran their callbacks. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('FaultInjectingDurableStateStore', () => {
  it('delegates to the wrapped store and logs every write attempt in call order', async () => {
    const store = fresh();
    await store.upsertObject('a', 1, 'x', 't');
    await store.deleteObject('a', 2);
    await expect(store.upsertObject('a', 2, 'late', '')).rejects.toMatchObject({ code: 'REVISION_CONFLICT' });
    expect(await store.getObject('a')).toEqual({ value: undefined, revision: 2 });
    expect(store.writes.map((w) => `${w.operation} ${w.revision} ${w.outcome}`)).toEqual([
      'upsert 1 succeeded',
      'delete 2 succeeded',
      'upsert 2 failed',
    ]);
    expect(store.capabilities).toBe(store.underlying.capabilities);
  });

  it('failNext and failWriteNumber reject without reaching the wrapped store', async () => {
    const store = fresh();
    store.failNext('write');
    await expect(store.upsertObject('a', 1, 'x', '')).rejects.toMatchObject({ code: 'DURABLE_STATE_STORE_FAILURE' });
    store.failWriteNumber(3);
    await store.upsertObject('a', 1, 'x', '');
    await expect(store.upsertObject('a', 2, 'y', '')).rejects.toMatchObject({ code: 'DURABLE_STATE_STORE_FAILURE' });
    await store.upsertObject('a', 2, 'z', '');
    store.failNext('read', 2);
    await expect(store.getObject('a')).rejects.toMatchObject({ code: 'DURABLE_STATE_STORE_FAILURE' });
    await expect(store.getObject('a')).rejects.toMatchObject({ code: 'DURABLE_STATE_STORE_FAILURE' });
    expect(await store.getObject('a')).toEqual({ value: 'z', revision: 2 });
  });

  it('holds calls until released, then lets them proceed oldest first', async () => {
    const store = fresh();
    store.hold('write');
    const done: number[] = [];
    const first = store.upsertObject('a', 1, 'x', '').then(() => done.push(1));
    const second = store.upsertObject('b', 1, 'y', '').then(() => done.push(2));
    await turn();
    expect(done).toEqual([]);
    expect(store.heldCount).toBe(2);
    expect(store.unfinishedCount).toBe(2);
    expect(await store.getObject('a')).toEqual({ value: undefined, revision: 0 });
    expect(store.release(1)).toBe(1);
    await first;
    expect(done).toEqual([1]);
    store.resume('write');
    await second;
    expect(done).toEqual([1, 2]);
    expect(store.unfinishedCount).toBe(0);
    await store.upsertObject('a', 2, 'not held any more', '');
  });
});
