import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/Clock.js';
import { InMemoryDurableStateStore } from '../../../../src/persistence/stores/InMemoryDurableStateStore.js';
import { collect, describeDurableStateStore } from './durableStateStoreSuite.js';

describeDurableStateStore('InMemoryDurableStateStore', async () => ({ store: new InMemoryDurableStateStore() }));

describe('InMemoryDurableStateStore', () => {
  it('keeps values by reference (no copy on the write path)', async () => {
    const store = new InMemoryDurableStateStore();
    const value = { items: [1, 2] };
    await store.upsertObject('p', 1, value, '');
    expect((await store.getObject('p')).value).toBe(value);
  });

  it('stamps changes with the injected time source', async () => {
    const clock = new ManualClock(1_000);
    const store = new InMemoryDurableStateStore({ now: () => clock.now() });
    await store.upsertObject('p', 1, 'one', 't');
    clock.advance(250);
    await store.deleteObject('p', 2);
    expect((await collect(store.currentChanges('t'))).map((c) => c.timestamp)).toEqual([1_250]);
    expect(store.capabilities.durable).toBe(false);
  });
});
