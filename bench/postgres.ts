// The PostgreSQL store against the server the PG* variables name (`scripts/postgres.sh start`):
// Durable State round trips, the raw `pg` insert rate they are compared with, and how fast a
// live query hears of a commit made on another connection. Run directly for a quick table:
//   eval "$(scripts/postgres.sh start)" && node --import tsx bench/postgres.ts
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { postgresUnavailable } from '../conformance/adapters/_internals/postgresRun.js';
import { PostgresDurableStateStore } from '../src/persistence/stores/PostgresDurableStateStore.js';
import { measurePersistRoundTrips, type DurableStateLoad } from './durable-state.js';
import { median } from './statistics.js';

export { postgresUnavailable };

/** Connections in every pool here: the store's and the baseline's alike, so they compare. */
const POOL_SIZE = 10;

/** Runs `body` with a pool on a schema of its own, dropped afterwards. */
async function withSchema<T>(body: (pool: pg.Pool, schema: string) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ max: POOL_SIZE });
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  try {
    return await body(pool, schema);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await pool.end();
  }
}

/** Durable State round trips per second (command → checked write → reply) on the PostgreSQL store. */
export function measurePostgresStoreRoundTrips(load: DurableStateLoad): Promise<number> {
  return withSchema(async (pool, schema) => {
    const store = await PostgresDurableStateStore.open({ pool, schema });
    try {
      return await measurePersistRoundTrips(store, load);
    } finally {
      await store.close();
    }
  });
}

/**
 * The baseline: plain parameterised `INSERT`s of the same JSON value through `pg` on a pool of
 * the same size, `entities` writers at once and each writer's inserts one after another (as a
 * durable-state entity writes), with no revision check, offset or trigger. Inserts per second.
 */
export function measureRawPgInserts(load: { readonly entities: number; readonly insertsPerEntity: number }): Promise<number> {
  return withSchema(async (pool, schema) => {
    const table = `"${schema}".raw_state`;
    await pool.query(`CREATE SCHEMA "${schema}"`);
    await pool.query(`CREATE TABLE ${table} (persistence_id text NOT NULL, revision bigint NOT NULL, state_value json, PRIMARY KEY (persistence_id, revision))`);
    const value = JSON.stringify({ count: 0, label: 'benchmark state' });
    const writer = async (id: string) => {
      for (let revision = 1; revision <= load.insertsPerEntity; revision++) {
        await pool.query(`INSERT INTO ${table} (persistence_id, revision, state_value) VALUES ($1, $2, $3::json)`, [id, revision, value]);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: load.entities }, (_, i) => writer(`entity-${i}`)));
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    if (Number(rows[0]?.n) !== load.entities * load.insertsPerEntity) throw new Error(`raw inserts: expected ${load.entities * load.insertsPerEntity} rows, got ${rows[0]?.n}`);
    return (load.entities * load.insertsPerEntity) / seconds;
  });
}

/** Milliseconds, median of `samples`: from starting a write on one store to a live query of another store (its own pool) receiving it, and the write's own round trip. */
export async function measureLiveLatency(samples: number): Promise<{ writeMs: number; deliveredMs: number }> {
  return withSchema(async (pool, schema) => {
    const readerPool = new pg.Pool({ max: 2 });
    const writer = await PostgresDurableStateStore.open({ pool, schema, namespace: 'latency' });
    const reader = await PostgresDurableStateStore.open({ pool: readerPool, schema, namespace: 'latency' });
    const iterator = reader.changes('t')[Symbol.asyncIterator]();
    const writes: number[] = [];
    const deliveries: number[] = [];
    try {
      for (let revision = 1; revision <= samples; revision++) {
        const next = iterator.next();
        const started = performance.now();
        const written = writer.upsertObject('p', revision, { revision }, 't').then(() => writes.push(performance.now() - started));
        const result = await next;
        deliveries.push(performance.now() - started);
        if (result.done === true || result.value.revision !== revision) throw new Error(`live query: expected revision ${revision}`);
        await written;
      }
    } finally {
      await iterator.return?.();
      await writer.close();
      await reader.close();
      await readerPool.end();
    }
    return { writeMs: median(writes), deliveredMs: median(deliveries) };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problem = await postgresUnavailable();
  if (problem !== undefined) {
    console.log(`skipped: ${problem}`);
  } else {
    const latency = await measureLiveLatency(200);
    console.log(`live query, other connection: write ${latency.writeMs.toFixed(2)} ms, delivered ${latency.deliveredMs.toFixed(2)} ms after the write started (medians of 200)`);
    console.log(`raw pg inserts, 1 writer        ${Math.round(await measureRawPgInserts({ entities: 1, insertsPerEntity: 2_000 }))} inserts/s`);
    console.log(`store round trips, 1 entity     ${Math.round(await measurePostgresStoreRoundTrips({ entities: 1, commandsPerEntity: 2_000, window: 64 }))} round trips/s`);
    console.log(`raw pg inserts, 1,000 writers   ${Math.round(await measureRawPgInserts({ entities: 1_000, insertsPerEntity: 5 }))} inserts/s`);
    console.log(`store round trips, 1,000 ent.   ${Math.round(await measurePostgresStoreRoundTrips({ entities: 1_000, commandsPerEntity: 5, window: 5 }))} round trips/s`);
  }
}
