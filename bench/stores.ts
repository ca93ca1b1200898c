// Raw write throughput of the durable-state stores, for `npm run bench` (the lead wires these in).
// Each function returns writes per second; nothing is printed. Run directly for a quick table:
//   node --import tsx bench/stores.ts
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DurableStateStore } from '../src/persistence/DurableStateStore.js';
import { FileDurableStateStore } from '../src/persistence/stores/FileDurableStateStore.js';
import { InMemoryDurableStateStore } from '../src/persistence/stores/InMemoryDurableStateStore.js';
import { SqliteDurableStateStore } from '../src/persistence/stores/SqliteDurableStateStore.js';

/** How many entities write concurrently and how many writes each makes. */
export interface StoreLoad {
  readonly entities: number;
  readonly writesPerEntity: number;
}

/**
 * Upserts `writesPerEntity` revisions to each of `entities` ids, the ids concurrently and each
 * id's revisions one after another (as a durable-state actor does), and returns writes per second.
 */
export async function measureStoreWrites(store: DurableStateStore, load: StoreLoad): Promise<number> {
  const value = { count: 0, label: 'benchmark state' };
  const writer = async (id: string) => {
    for (let revision = 1; revision <= load.writesPerEntity; revision++) await store.upsertObject(id, revision, value, 'bench');
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: load.entities }, (_, i) => writer(`entity-${i}`)));
  const seconds = (performance.now() - started) / 1000;
  return (load.entities * load.writesPerEntity) / seconds;
}

/** Runs `run` in a fresh temporary directory and removes the directory afterwards. */
export async function inTemporaryDirectory<T>(run: (directory: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'bench-stores-'));
  try {
    return await run(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Writes per second of {@link InMemoryDurableStateStore}. */
export async function measureInMemoryStore(load: StoreLoad): Promise<number> {
  return measureStoreWrites(new InMemoryDurableStateStore(), load);
}

/** Opens a store in a fresh temporary directory, measures it, closes it and removes the directory. */
async function measureTemporaryStore(
  openStore: (directory: string) => Promise<DurableStateStore>,
  load: StoreLoad,
): Promise<number> {
  return inTemporaryDirectory(async (directory) => {
    const store = await openStore(directory);
    try {
      return await measureStoreWrites(store, load);
    } finally {
      await store.close?.();
    }
  });
}

/** Writes per second of {@link FileDurableStateStore} on the real file system (a temporary directory). */
export function measureFileStore(load: StoreLoad): Promise<number> {
  return measureTemporaryStore((directory) => FileDurableStateStore.open({ directory }), load);
}

/** Writes per second of {@link SqliteDurableStateStore} on a database file in a temporary directory. */
export function measureSqliteStore(load: StoreLoad): Promise<number> {
  return measureTemporaryStore(async (directory) => new SqliteDurableStateStore({ filename: join(directory, 'bench.db') }), load);
}

/** The fsync-bound baseline: one at a time, write a small file, fsync it, rename it into place. */
export async function measureRawFsyncWrites(writes: number): Promise<number> {
  return inTemporaryDirectory(async (directory) => {
    const text = JSON.stringify({ count: 0, label: 'benchmark state' });
    const started = performance.now();
    for (let i = 0; i < writes; i++) {
      const temp = join(directory, `state-${i % 16}.tmp`);
      const handle = await open(temp, 'w');
      await handle.writeFile(text);
      await handle.sync();
      await handle.close();
      await rename(temp, join(directory, `state-${i % 16}.json`));
    }
    return writes / ((performance.now() - started) / 1000);
  });
}

/** All store measurements, keyed `<store>/<entities>`, in writes per second. */
export async function measureStores(): Promise<Record<string, number>> {
  return {
    'raw-fsync/1': await measureRawFsyncWrites(500),
    'memory/1': await measureInMemoryStore({ entities: 1, writesPerEntity: 1_000_000 }),
    'memory/1000': await measureInMemoryStore({ entities: 1_000, writesPerEntity: 1_000 }),
    'file/1': await measureFileStore({ entities: 1, writesPerEntity: 500 }),
    'file/1000': await measureFileStore({ entities: 1_000, writesPerEntity: 3 }),
    'sqlite/1': await measureSqliteStore({ entities: 1, writesPerEntity: 500 }),
    'sqlite/1000': await measureSqliteStore({ entities: 1_000, writesPerEntity: 3 }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, perSecond] of Object.entries(await measureStores())) console.log(`${name.padEnd(14)} ${Math.round(perSecond)} writes/s`);
}
