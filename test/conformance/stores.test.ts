import { describe, expect, it } from 'vitest';
import { fileStorePlugin } from '../../conformance/adapters/file-store.js';
import { inMemoryStorePlugin } from '../../conformance/adapters/in-memory-store.js';
import { sqliteStorePlugin } from '../../conformance/adapters/sqlite-store.js';
import type { StoreChange, StorePlugin, StoreUnderTest } from '../../conformance/contract/StorePlugin.js';
import { runStoreConformance } from '../../conformance/store/runStoreConformance.js';
import { runStoreProperty } from '../../conformance/store/runStoreProperty.js';
import { storeWithoutTagQueries } from '../../conformance/store/_internals/withoutTagQueries.js';
import { storeConcurrentWriters, storeFamilies, storeLiveChanges, storeTagQueries, storeWithoutTagQueries as withoutTagQueriesFamily } from '../../conformance/store/storeFamilies.js';

const claimed = new Set(storeFamilies.flatMap((f) => f.rules));

describe.each([inMemoryStorePlugin, sqliteStorePlugin, fileStorePlugin])('store plugin $name', (plugin) => {
  it('passes every STORE and TAG rule its properties check, and reaches them all', async () => {
    const report = await runStoreConformance(plugin, { seed: 5, numRuns: plugin === fileStorePlugin ? 30 : 40 });
    const failed = report.rules.filter((r) => r.status === 'failed');
    expect(failed.map((r) => `${r.rule}: ${r.counterexample?.message ?? ''}`)).toEqual([]);
    const unreached = report.rules.filter((r) => claimed.has(r.rule) && r.status === 'unexercised');
    expect(unreached.map((r) => r.rule)).toEqual([]);
    // Only TAG-01 is out of a store plugin's reach: it needs a durable-state behavior to carry the tag.
    expect(report.rules.filter((r) => r.status !== 'passed').map((r) => `${r.rule} ${r.status}`)).toEqual(['TAG-01 skipped']);
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

describe('TAG-07: tag queries are optional', () => {
  it('runs the store contract on the view without tag queries and reports TAG-07 passed, the tag-query rules still run on the plugin', async () => {
    const report = await runStoreConformance(inMemoryStorePlugin, { seed: 7, numRuns: 10 });
    const status = (rule: string) => report.rules.find((r) => r.rule === rule)?.status;
    expect(status('TAG-07')).toBe('passed');
    expect(status('TAG-02')).toBe('passed');
    const view = report.properties.find((p) => p.property === withoutTagQueriesFamily.id)!;
    expect(view.exercised).toEqual(expect.arrayContaining(['STORE-01', 'TAG-07']));
  });

  it('skips every tag-query rule with a reason for a plugin that declares none, and passes TAG-07', async () => {
    const plain = { ...inMemoryStorePlugin, name: 'store without tag queries', capabilities: ['store', 'store.revision-check'] as const };
    const report = await runStoreConformance(plain, { seed: 7, numRuns: 10 });
    const tagQueryRules = report.rules.filter((r) => r.rule.startsWith('TAG-') && r.rule !== 'TAG-07');
    expect(tagQueryRules.length).toBeGreaterThan(0);
    for (const rule of tagQueryRules) {
      expect(rule.status, rule.rule).toBe('skipped');
      expect(rule.reason).toMatch(/store\.tag-queries/);
    }
    expect(report.rules.find((r) => r.rule === 'TAG-07')?.status).toBe('passed');
    expect(report.rules.find((r) => r.rule === 'STORE-04')?.status).toBe('passed');
  });

  it('fails TAG-07 for a plugin that declares tag queries its store does not offer', async () => {
    const claiming: StorePlugin = {
      ...inMemoryStorePlugin,
      name: 'claims tag queries',
      createStore: async () => storeWithoutTagQueries(await inMemoryStorePlugin.createStore()),
    };
    const result = await runStoreProperty(claiming, withoutTagQueriesFamily, { seed: 7, numRuns: 5 });
    expect(result.status).toBe('failed');
    expect(result.counterexample!.suspects).toEqual(['TAG-07']);
    expect(result.counterexample!.message).toMatch(/declares store\.tag-queries, but its store has no currentChanges/);
  });

  it('never queries the store it hides the queries of', async () => {
    let queried = 0;
    const counting: StorePlugin = {
      ...inMemoryStorePlugin,
      name: 'counting queries',
      async createStore() {
        const store = await inMemoryStorePlugin.createStore();
        return {
          ...storeWithoutTagQueries(store),
          currentChanges: (tag, offset) => (queried++, store.currentChanges!(tag, offset)),
          changes: (tag, offset) => (queried++, store.changes!(tag, offset)),
        };
      },
    };
    const result = await runStoreProperty(counting, withoutTagQueriesFamily, { seed: 7, numRuns: 10 });
    expect(result.status).toBe('passed');
    expect(queried).toBe(0);
  });
});
