import { describe, expect, it } from 'vitest';
import { fileStorePlugin } from '../../conformance/adapters/file-store.js';
import { inMemoryStorePlugin } from '../../conformance/adapters/in-memory-store.js';
import { sqliteStorePlugin } from '../../conformance/adapters/sqlite-store.js';
import type { StoreChange, StorePlugin, StoreUnderTest } from '../../conformance/contract/StorePlugin.js';
import { runStoreConformance } from '../../conformance/store/runStoreConformance.js';
import { runStoreProperty } from '../../conformance/store/runStoreProperty.js';
import { storeConcurrentWriters, storeFamilies, storeLiveChanges, storeTagQueries } from '../../conformance/store/storeFamilies.js';

const claimed = new Set(storeFamilies.flatMap((f) => f.rules));

describe.each([inMemoryStorePlugin, sqliteStorePlugin, fileStorePlugin])('store plugin $name', (plugin) => {
  it('passes every STORE and TAG rule its properties check, and reaches them all', async () => {
    const report = await runStoreConformance(plugin, { seed: 5, numRuns: plugin === fileStorePlugin ? 30 : 40 });
    const failed = report.rules.filter((r) => r.status === 'failed');
    expect(failed.map((r) => `${r.rule}: ${r.counterexample?.message ?? ''}`)).toEqual([]);
    const unreached = report.rules.filter((r) => claimed.has(r.rule) && r.status === 'unexercised');
    expect(unreached.map((r) => r.rule)).toEqual([]);
  });
});

/** A mutant store: last writer wins, whatever the revision, while claiming revision checks. */
function lastWriterWins(): StorePlugin {
  return {
    name: 'mutant: no revision check',
    version: '0',
    capabilities: ['store', 'store.revision-check', 'store.tag-queries', 'store.live-changes'],
    deleteOfUnknownId: 'tombstone',
    createStore(): StoreUnderTest {
      const rows = new Map<string, StoreChange>();
      let offset = 0;
      const current = async function* (tag: string, after: number) {
        const changes = [...rows.values()].filter((c) => c.tag === tag && c.offset > after).sort((a, b) => a.offset - b.offset);
        yield* changes;
      };
      return {
        getObject: async (id) => ({ value: rows.get(id)?.value, revision: rows.get(id)?.revision ?? 0 }),
        upsertObject: async (id, revision, value, tag) => {
          rows.set(id, { type: 'updated', persistenceId: id, revision, tag, value, offset: ++offset });
        },
        deleteObject: async (id, revision) => {
          rows.set(id, { type: 'deleted', persistenceId: id, revision, tag: rows.get(id)?.tag ?? '', offset: ++offset });
        },
        currentChanges: current,
        // Also broken: the "live" query is the finite one, so it completes.
        changes: current,
      };
    },
  };
}

describe('store mutants', () => {
  it('catches a store that lets concurrent writers of one revision both win', async () => {
    const result = await runStoreProperty(lastWriterWins(), storeConcurrentWriters, { seed: 3 });
    expect(result.status).toBe('failed');
    expect(result.counterexample!.message).toMatch(/write results .* are not allowed/);
    expect(result.counterexample!.steps.some((s) => s.startsWith('concurrently'))).toBe(true);
  });

  it('catches a live query that completes', async () => {
    const result = await runStoreProperty(lastWriterWins(), storeLiveChanges, { seed: 3 });
    expect(result.status).toBe('failed');
    expect(result.counterexample!.message).toMatch(/live changes completed|did not emit/);
  });

  it('passes the tag-query property on the same mutant when no write conflicts (no false alarm)', async () => {
    const noConflicts = { ...storeTagQueries, profile: { ...storeTagQueries.profile, wrongRevisions: 0, steps: { upsert: 3, query: 2 } } };
    const result = await runStoreProperty(lastWriterWins(), noConflicts, { seed: 3, numRuns: 30 });
    expect(result.status).toBe('passed');
  });
});
