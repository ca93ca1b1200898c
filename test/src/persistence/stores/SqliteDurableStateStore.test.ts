import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MissingStoreDependencyError } from '../../../../src/persistence/errors.js';
import { SqliteDurableStateStore } from '../../../../src/persistence/stores/SqliteDurableStateStore.js';
import { loadBetterSqlite3 } from '../../../../src/persistence/stores/_internals/loadBetterSqlite3.js';
import { collect, describeDurableStateStore } from './durableStateStoreSuite.js';

const directory = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let databases = 0;

// The shared suite writes hundreds of times and each durable commit is an fsync, so only its
// reopen test gets a real file; WAL mode is checked on a real file below.
describeDurableStateStore('SqliteDurableStateStore', async ({ reopenable }) => {
  const filename = reopenable ? join(directory, `suite-${++databases}.db`) : ':memory:';
  const store = new SqliteDurableStateStore({ filename });
  return {
    store,
    reopen: async () => {
      await store.close();
      return new SqliteDurableStateStore({ filename });
    },
  };
});

describe('SqliteDurableStateStore', () => {
  it('runs in WAL mode and answers tag queries from the (tag, offset) index', async () => {
    const filename = join(directory, 'plan.db');
    const store = new SqliteDurableStateStore({ filename });
    await store.upsertObject('p', 1, { n: 1 }, 't');
    await store.close();
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(filename, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const plan = db
        .prepare('EXPLAIN QUERY PLAN SELECT * FROM durable_state WHERE tag = ? AND state_offset > ? ORDER BY state_offset')
        .all('t', 0) as { detail: string }[];
      expect(plan.map((row) => row.detail).join(' ')).toContain('durable_state_by_tag');
    } finally {
      db.close();
    }
  });

  it('STORE-04 the revision check holds across connections: two stores on one file, one wins', async () => {
    const filename = join(directory, 'two-connections.db');
    const first = new SqliteDurableStateStore({ filename });
    const second = new SqliteDurableStateStore({ filename });
    try {
      await first.upsertObject('p', 1, 'from first', 't');
      expect(await second.getObject('p')).toEqual({ value: 'from first', revision: 1 });
      const results = await Promise.allSettled([first.upsertObject('p', 2, 'first', 't'), second.upsertObject('p', 2, 'second', 't')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      await second.upsertObject('p', 3, 'second', 't');
      expect(await first.getObject('p')).toEqual({ value: 'second', revision: 3 });
      const offsets = (await collect(first.currentChanges('t'))).map((c) => c.offset);
      expect(offsets).toEqual([3]); // one shared offset counter: 1, 2, 3
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('returns a fresh copy of the value on every read', async () => {
    const store = new SqliteDurableStateStore({ filename: ':memory:' });
    const value = { items: [1] };
    await store.upsertObject('p', 1, value, '');
    const first = await store.getObject<{ items: number[] }>('p');
    expect(first.value).toEqual(value);
    expect(first.value).not.toBe(value);
    first.value?.items.push(2);
    expect((await store.getObject('p')).value).toEqual({ items: [1] });
    await store.close();
  });

  it('rejects values JSON cannot hold, writing nothing', async () => {
    const store = new SqliteDurableStateStore({ filename: ':memory:' });
    await expect(store.upsertObject('p', 1, 10n, 't')).rejects.toMatchObject({ code: 'INVALID_STORE_ARGUMENT' });
    expect(await store.getObject('p')).toEqual({ value: undefined, revision: 0 });
    expect(await collect(store.currentChanges('t'))).toEqual([]);
    await store.close();
  });

  it('a missing better-sqlite3 becomes MissingStoreDependencyError with a stable code', () => {
    const missing = (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    const attempt = () => loadBetterSqlite3(missing);
    expect(attempt).toThrow(MissingStoreDependencyError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'MISSING_STORE_DEPENDENCY', packageName: 'better-sqlite3' }));
    const broken = () => {
      throw new Error('was compiled against a different Node.js version');
    };
    expect(() => loadBetterSqlite3(broken)).toThrow('different Node.js version');
  });

  it('a database that cannot be opened is a store error', () => {
    expect(() => new SqliteDurableStateStore({ filename: join(directory, 'missing-dir', 'x.db') })).toThrow(
      expect.objectContaining({ code: 'DURABLE_STATE_STORE_FAILURE' }),
    );
  });
});
