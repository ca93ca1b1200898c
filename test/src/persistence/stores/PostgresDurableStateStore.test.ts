import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingStoreDependencyError } from '../../../../src/persistence/errors.js';
import { PostgresDurableStateStore } from '../../../../src/persistence/stores/PostgresDurableStateStore.js';
import { loadPg } from '../../../../src/persistence/stores/_internals/loadPg.js';
import { SCHEMA_VERSION } from '../../../../src/persistence/stores/_internals/postgresSchema.js';
import { describeWithPostgres } from '../../../_internals/withPostgres.js';
import { describeDurableStateStore } from './durableStateStoreSuite.js';
import { incrementRace, type RaceResult } from './_internals/incrementRace.js';

const freshName = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

describeWithPostgres('PostgresDurableStateStore', () => {
  let pool: pg.Pool;
  const schema = freshName('store_suite');
  beforeAll(() => {
    pool = new pg.Pool({ max: 6 });
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  // Each test gets a fresh namespace in one schema: the tables are shared, nothing else is.
  describeDurableStateStore('PostgresDurableStateStore', async () => {
    const namespace = freshName('ns');
    const store = await PostgresDurableStateStore.open({ pool, schema, namespace });
    return {
      store,
      reopen: async () => {
        await store.close();
        return PostgresDurableStateStore.open({ pool, schema, namespace });
      },
    };
  });
});

/** Checks a race's outcome: each revision of each id won by exactly one writer, the stored count equal to the revision. */
async function expectNoLostWrite(store: PostgresDurableStateStore, ids: readonly string[], results: readonly RaceResult[], increments: number) {
  for (const id of ids) {
    const won = results.flatMap((r) => r.won[id] ?? []).sort((a, b) => a - b);
    const { value, revision } = await store.getObject<{ count: number }>(id);
    expect(won).toEqual(Array.from({ length: revision }, (_, i) => i + 1));
    expect(value?.count).toBe(revision); // every acknowledged increment saw the one before it
  }
  expect(results.reduce((sum, r) => sum + Object.values(r.won).flat().length, 0)).toBe(results.length * increments);
}

describeWithPostgres('PostgresDurableStateStore across connections and processes', () => {
  const schema = freshName('store_race');
  let admin: pg.Pool;
  beforeAll(() => {
    admin = new pg.Pool({ max: 2 });
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });
  /** A store on a pool of its own with one connection: every store is a separate session. */
  const ownConnection = (namespace: string) => PostgresDurableStateStore.open({ schema, namespace, connection: { max: 1 } });

  it('STORE-04 writers on separate connections racing on the same ids lose no acknowledged write, and every refusal is a conflict', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => ownConnection('connections')));
    try {
      const ids = ['a', 'b'];
      const results = await Promise.all(stores.map((store, i) => incrementRace(store, `w${i}`, ids, 15)));
      await expectNoLostWrite(stores[0]!, ids, results, 15);
      expect(results.reduce((sum, r) => sum + r.conflicts, 0)).toBeGreaterThan(0); // they did race
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it('STORE-04 writers in separate processes racing on the same ids lose no acknowledged write, and every refusal is a conflict', async () => {
    const ids = ['x', 'y'];
    const increments = 20;
    const script = fileURLToPath(new URL('./_internals/postgresRaceWriter.ts', import.meta.url));
    // Migrate first, so the processes race on writes rather than on creating the schema.
    const checker = await ownConnection('processes');
    const children = Array.from({ length: 3 }, (_, i) =>
      spawn(process.execPath, ['--import', 'tsx', script, schema, 'processes', `p${i}`, String(increments), ...ids], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    try {
      const outputs = children.map((child) => linesOf(child));
      await Promise.all(outputs.map((lines) => lines.next())); // every process printed "ready"
      for (const child of children) child.stdin.write('go\n');
      const results = await Promise.all(outputs.map(async (lines) => JSON.parse((await lines.next()).value as string) as RaceResult));
      await expectNoLostWrite(checker, ids, results, increments);
      expect(results.reduce((sum, r) => sum + r.conflicts, 0)).toBeGreaterThan(0);
    } finally {
      for (const child of children) child.kill();
      await checker.close();
    }
  }, 60_000);

  it('TAG-03 a live query hears commits made by another store on another connection (NOTIFY), and only its own namespace', async () => {
    const writer = await ownConnection('notify');
    const other = await ownConnection('notify-elsewhere');
    const reader = await ownConnection('notify');
    const iterator = reader.changes('t')[Symbol.asyncIterator]();
    try {
      await writer.upsertObject('p', 1, 'one', 't');
      expect((await iterator.next()).value).toMatchObject({ persistenceId: 'p', revision: 1 });
      const waiting = iterator.next();
      await other.upsertObject('p', 1, 'not mine', 't');
      await writer.upsertObject('p', 2, 'two', 't');
      expect((await waiting).value).toMatchObject({ persistenceId: 'p', revision: 2, value: 'two' });
    } finally {
      await iterator.return?.();
      for (const store of [writer, other, reader]) await store.close();
    }
  });

  it('TAG-04 offsets follow commit order: a live query misses no write while writers on many connections commit at once', async () => {
    const reader = await ownConnection('commit-order');
    const writers = await Promise.all(Array.from({ length: 6 }, () => ownConnection('commit-order')));
    // Each id is written once, so every write is the latest of its id and must reach the live
    // query: a write committed after a later offset was read would be lost for good.
    const ids = Array.from({ length: 240 }, (_, i) => `e${i}`);
    const seen = new Set<string>();
    const iterator = reader.changes('t')[Symbol.asyncIterator]();
    try {
      const consuming = (async () => {
        let lastOffset = 0;
        while (seen.size < ids.length) {
          const { value } = await iterator.next();
          if (value === undefined) throw new Error('live query ended');
          expect(value.offset).toBeGreaterThan(lastOffset);
          lastOffset = value.offset;
          seen.add(value.persistenceId);
        }
      })();
      await Promise.all(
        writers.map(async (writer, w) => {
          for (let i = w; i < ids.length; i += writers.length) await writer.upsertObject(ids[i]!, 1, { i }, 't');
        }),
      );
      const missing = await Promise.race([
        consuming.then(() => []),
        new Promise<string[]>((resolve) => setTimeout(() => resolve(ids.filter((id) => !seen.has(id))), 10_000)),
      ]);
      expect(missing).toEqual([]);
    } finally {
      await iterator.return?.();
      for (const store of [reader, ...writers]) await store.close();
    }
  });

  it('TAG-03 a live query goes on after its LISTEN connection is killed', async () => {
    const writer = await ownConnection('listener-killed');
    const reader = await ownConnection('listener-killed');
    const iterator = reader.changes('t')[Symbol.asyncIterator]();
    try {
      await writer.upsertObject('p', 1, 'one', 't');
      expect((await iterator.next()).value).toMatchObject({ revision: 1 });
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`);
      expect(killed.rowCount).toBeGreaterThan(0);
      const waiting = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the client notice
      await writer.upsertObject('p', 2, 'two', 't');
      expect((await waiting).value).toMatchObject({ revision: 2 });
    } finally {
      await iterator.return?.();
      await writer.close();
      await reader.close();
    }
  });
});

describeWithPostgres('PostgresDurableStateStore schema', () => {
  let admin: pg.Pool;
  const created: string[] = [];
  const fresh = () => {
    const schema = freshName('store_schema');
    created.push(schema);
    return schema;
  };
  beforeAll(() => {
    admin = new pg.Pool({ max: 2 });
  });
  afterAll(async () => {
    for (const schema of created) await admin.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
    await admin.end();
  });

  it('creates its schema at the current version, once, even when several processes open it at the same moment', async () => {
    const schema = fresh();
    // Separate pools: nothing is shared in-process, so every open runs the migration.
    const stores = await Promise.all(Array.from({ length: 4 }, (_, i) => PostgresDurableStateStore.open({ schema, namespace: `n${i}`, connection: { max: 1 } })));
    for (const store of stores) await store.close();
    const { rows } = await admin.query(`SELECT version FROM "${schema}".durable_state_schema_version`);
    expect(rows).toEqual([{ version: SCHEMA_VERSION }]);
    const reopened = await PostgresDurableStateStore.open({ schema, namespace: 'n0', connection: { max: 1 } });
    await reopened.upsertObject('p', 1, 'kept', '');
    await reopened.close();
  });

  it('refuses a schema a newer version migrated, rather than misreading it', async () => {
    const schema = fresh();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}".durable_state_schema_version (version integer NOT NULL)`);
    await admin.query(`INSERT INTO "${schema}".durable_state_schema_version VALUES (${SCHEMA_VERSION + 1})`);
    const opening = PostgresDurableStateStore.open({ schema, connection: { max: 1 } });
    await expect(opening).rejects.toMatchObject({ code: 'DURABLE_STATE_STORE_FAILURE', message: expect.stringMatching(/newer than this PostgresDurableStateStore knows/) });
  });

  it('accepts any schema name, quotes included, and keeps namespaces apart', async () => {
    const schema = `${fresh()} "quoted"`;
    created.push(schema);
    const first = await PostgresDurableStateStore.open({ schema, namespace: 'one', connection: { max: 1 } });
    const second = await PostgresDurableStateStore.open({ schema, namespace: "o'ne", connection: { max: 1 } });
    try {
      await first.upsertObject('p', 1, 'first', 't');
      expect(await second.getObject('p')).toEqual({ value: undefined, revision: 0 });
      await second.upsertObject('p', 1, 'second', 't');
      expect(await first.getObject('p')).toEqual({ value: 'first', revision: 1 });
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('PostgresDurableStateStore without a usable server', () => {
  it('rejects open with DURABLE_STATE_STORE_FAILURE when the server cannot be reached', async () => {
    const opening = PostgresDurableStateStore.open({ connection: { host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2_000 } });
    await expect(opening).rejects.toMatchObject({ code: 'DURABLE_STATE_STORE_FAILURE', message: expect.stringMatching(/cannot open the PostgreSQL store/) });
  });

  it('rejects schema and namespace names PostgreSQL cannot hold, before connecting', async () => {
    await expect(PostgresDurableStateStore.open({ schema: '' })).rejects.toMatchObject({ code: 'INVALID_STORE_ARGUMENT' });
    await expect(PostgresDurableStateStore.open({ schema: 'x'.repeat(64) })).rejects.toMatchObject({ code: 'INVALID_STORE_ARGUMENT' });
    await expect(PostgresDurableStateStore.open({ namespace: 'a\u0000b' })).rejects.toMatchObject({ code: 'INVALID_STORE_ARGUMENT' });
    await expect(PostgresDurableStateStore.open({ schema: 'a\u0000b' })).rejects.toMatchObject({ code: 'INVALID_STORE_ARGUMENT' });
  });

  it('names the missing package when pg is not installed', () => {
    const missing = (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => loadPg(missing)).toThrow(MissingStoreDependencyError);
    expect(() => loadPg(missing)).toThrow(/npm install pg/);
  });
});

/** The lines a child process prints, one `next()` each. */
function linesOf(child: ChildProcessWithoutNullStreams | ReturnType<typeof spawn>): AsyncIterator<string> {
  return createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
}
