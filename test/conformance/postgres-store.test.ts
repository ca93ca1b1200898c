import pg from 'pg';
import { expect, it } from 'vitest';
import { postgresStorePlugin } from '../../conformance/adapters/postgres-store.js';
import { runStoreConformance } from '../../conformance/store/runStoreConformance.js';
import { storeFamilies } from '../../conformance/store/storeFamilies.js';
import { describeWithPostgres } from '../_internals/withPostgres.js';

const claimed = new Set(storeFamilies.flatMap((f) => f.rules));

async function conformanceSchemas(): Promise<string[]> {
  const client = new pg.Client();
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'conformance\\_%'`);
    return rows.map((r) => r.nspname);
  } finally {
    await client.end();
  }
}

describeWithPostgres('store plugin postgres-store', () => {
  it('passes every STORE and TAG rule, live queries included, and leaves no schema behind', async () => {
    const before = await conformanceSchemas();
    const report = await runStoreConformance(postgresStorePlugin, { seed: 5, numRuns: 25 });
    const failed = report.rules.filter((r) => r.status === 'failed');
    expect(failed.map((r) => `${r.rule}: ${r.counterexample?.message ?? ''}`)).toEqual([]);
    expect(report.rules.filter((r) => claimed.has(r.rule) && r.status === 'unexercised').map((r) => r.rule)).toEqual([]);
    expect(report.rules.filter((r) => r.status !== 'passed').map((r) => `${r.rule} ${r.status}`)).toEqual(['TAG-01 skipped']);
    expect(report.rules.find((r) => r.rule === 'TAG-03')?.status).toBe('passed');
    expect(await conformanceSchemas()).toEqual(before);
  }, 180_000);

  it('gives every createStore an isolated store: ids, tags and offsets of one are invisible to the next', async () => {
    await postgresStorePlugin.setup?.();
    try {
      const first = await postgresStorePlugin.createStore();
      const second = await postgresStorePlugin.createStore();
      await first.upsertObject('p', 1, { n: 1 }, 't');
      expect(await second.getObject('p')).toEqual({ value: undefined, revision: 0 });
      await second.upsertObject('p', 1, { n: 2 }, 't');
      const seen = [];
      for await (const change of second.currentChanges!('t', 0)) seen.push(change);
      expect(seen).toMatchObject([{ persistenceId: 'p', revision: 1, value: { n: 2 }, offset: 1 }]);
      await postgresStorePlugin.dispose?.(first);
      await postgresStorePlugin.dispose?.(second);
    } finally {
      await postgresStorePlugin.teardown?.();
    }
  });

  it('fails setup with a clear message when the server is unreachable, and a later setup connects', async () => {
    const port = process.env.PGPORT;
    process.env.PGPORT = '1';
    try {
      await expect(postgresStorePlugin.setup!()).rejects.toThrow(/cannot reach PostgreSQL at .*:1 .*scripts\/postgres\.sh start/);
    } finally {
      process.env.PGPORT = port;
    }
    await postgresStorePlugin.setup!();
    try {
      const store = await postgresStorePlugin.createStore();
      await store.upsertObject('p', 1, 'v', '');
      expect(await store.getObject('p')).toEqual({ value: 'v', revision: 1 });
      await postgresStorePlugin.dispose!(store);
    } finally {
      await postgresStorePlugin.teardown!();
    }
  });
});
