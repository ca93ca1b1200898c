import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDurableStateStore } from '../../../../src/persistence/stores/PostgresDurableStateStore.js';
import { describeWithPostgres } from '../../../_internals/withPostgres.js';
import { describeDurableStateStore } from './durableStateStoreSuite.js';

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
