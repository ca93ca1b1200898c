import { describe, expect, it } from 'vitest';
import { inMemoryStorePlugin } from '../../../conformance/adapters/in-memory-store.js';
import type { StoreChange, StorePlugin, StoreUnderTest } from '../../../conformance/contract/StorePlugin.js';
import { DEFAULT_PATIENCE_MS } from '../../../conformance/engine/runProperty.js';
import { runStoreProperty } from '../../../conformance/store/runStoreProperty.js';
import { storeLiveChanges } from '../../../conformance/store/storeFamilies.js';

/**
 * The in-memory store with the live query a networked plugin typically writes: it polls the
 * finite query every `intervalMs` (first poll at once). Correct, but a change reaches it only
 * at the next poll, milliseconds after the commit, whatever the event loop does meanwhile.
 */
function pollingPlugin(intervalMs: number, patienceMs?: number): StorePlugin {
  const { patienceMs: _inProcess, ...base } = inMemoryStorePlugin;
  return {
    ...base,
    name: `in-memory store, live query polling every ${intervalMs} ms`,
    ...(patienceMs !== undefined ? { patienceMs } : {}),
    async createStore(): Promise<StoreUnderTest> {
      const store = await inMemoryStorePlugin.createStore();
      const current = store.currentChanges!.bind(store);
      return {
        ...store,
        getObject: store.getObject.bind(store),
        upsertObject: store.upsertObject.bind(store),
        deleteObject: store.deleteObject.bind(store),
        currentChanges: current,
        changes: (tag, offset) => ({
          async *[Symbol.asyncIterator]() {
            let after = offset;
            for (let first = true; ; first = false) {
              if (!first) await new Promise((resolve) => setTimeout(resolve, intervalMs));
              const batch: StoreChange[] = [];
              for await (const change of current(tag, after)) batch.push(change);
              for (const change of batch) {
                after = change.offset;
                yield change;
              }
            }
          },
        }),
      };
    },
  };
}

describe('live queries wait a patience of real milliseconds (TAG-03)', () => {
  it('passes a polling live query with the default patience, however few event-loop turns a poll takes', async () => {
    expect(DEFAULT_PATIENCE_MS).toBeGreaterThan(20);
    const result = await runStoreProperty(pollingPlugin(20), storeLiveChanges, { seed: 11, numRuns: 8 });
    expect(result.counterexample?.message).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(result.exercised).toContain('TAG-03');
  });

  it("uses the plugin's patience, and a run's patienceMs over it", async () => {
    // A patience shorter than the poll interval judges the query quiet before the write arrives.
    const impatientPlugin = await runStoreProperty(pollingPlugin(40, 1), storeLiveChanges, { seed: 11, numRuns: 8 });
    expect(impatientPlugin.status).toBe('failed');
    expect(impatientPlugin.counterexample!.suspects).toContain('TAG-03');
    const patientRun = await runStoreProperty(pollingPlugin(20, 1), storeLiveChanges, { seed: 11, numRuns: 8, patienceMs: 200 });
    expect(patientRun.status).toBe('passed');
  });

  it('refuses a patience that is not a positive number of milliseconds, naming where it came from', async () => {
    await expect(runStoreProperty(inMemoryStorePlugin, storeLiveChanges, { patienceMs: 0 })).rejects.toThrow(/patienceMs must be a positive number.*run options/);
    await expect(runStoreProperty(pollingPlugin(5, Number.NaN), storeLiveChanges)).rejects.toThrow(/patienceMs must be a positive number.*plugin in-memory store/);
  });
});
