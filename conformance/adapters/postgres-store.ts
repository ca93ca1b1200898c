/**
 * Store plugin for this project's PostgreSQL durable-state store (needs `pg` and a server; it
 * connects with the standard `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`
 * variables, e.g. those `scripts/postgres.sh start` prints).
 *
 * `createStore` runs hundreds of times per run, so the costly part happens once per run in
 * `setup`: one connection pool, and a fresh PostgreSQL schema (`conformance_<random>`) migrated
 * once. Each store is then a fresh *namespace* in that schema: one round trip to register its
 * offset counter, and isolated from every other store (its own ids, tags and offsets) while all
 * share the tables, the pool and one LISTEN connection. `dispose` deletes the namespace's rows;
 * `teardown` drops the schema and ends the pool, so a run leaves nothing behind.
 *
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto';
import { PostgresDurableStateStore } from '../../src/index.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import { storePluginFor } from './_internals/fromDurableStateStore.js';
import { type PostgresRun, startPostgresRun } from './_internals/postgresRun.js';

let run: Promise<PostgresRun> | undefined;
let stores = 0;
const namespaces = new WeakMap<object, string>();

/**
 * The run's pool and schema; a run that skipped `setup` (e.g. one property called directly)
 * starts one here. A start that failed (no server) is forgotten, so a later run tries again.
 */
function current(): Promise<PostgresRun> {
  if (run === undefined) {
    const starting = startPostgresRun(`conformance_${randomUUID().replaceAll('-', '').slice(0, 16)}`);
    run = starting;
    starting.catch(() => {
      if (run === starting) run = undefined;
    });
  }
  return run;
}

const { patienceMs: _inProcessPatience, ...plugin } = storePluginFor(
  'postgres-store',
  {
    revisionCheck: true,
    deleteRevisionCheck: true,
    hardDelete: true,
    deleteOfUnknownId: 'tombstone',
    tagQueries: true,
    liveChanges: true,
    durable: true,
  },
  async () => {
    const { pool, schema } = await current();
    const namespace = `store-${++stores}`;
    const store = await PostgresDurableStateStore.open({ pool, schema, namespace });
    namespaces.set(store, namespace);
    return store;
  },
  async (store) => {
    const namespace = namespaces.get(store);
    if (namespace !== undefined && run !== undefined) await (await run).forget(namespace);
  },
);

/** The PostgreSQL store, a fresh namespace per store in a schema of its own per run. @public */
export const postgresStorePlugin: StorePlugin = {
  // No patienceMs of its own: a live query's first read and each NOTIFY take a round trip
  // (about 1 ms on localhost), which the default patience covers with room for a loaded machine.
  ...plugin,
  async setup() {
    await current();
  },
  async teardown() {
    const ending = run;
    run = undefined;
    if (ending !== undefined) await (await ending).end();
  },
};
