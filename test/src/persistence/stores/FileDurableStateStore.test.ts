import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreLockedError } from '../../../../src/persistence/errors.js';
import { FileDurableStateStore } from '../../../../src/persistence/stores/FileDurableStateStore.js';
import type { DurableStateFileSystem } from '../../../../src/persistence/stores/DurableStateFileSystem.js';
import { fileNameFor } from '../../../../src/persistence/stores/_internals/fileNames.js';
import { LOCK_FILE } from '../../../../src/persistence/stores/_internals/DirectoryLock.js';
import { collect, describeDurableStateStore, expectCode } from './durableStateStoreSuite.js';
import { crashableFileSystem } from './_internals/crashableFileSystem.js';
import { faultyFileSystem, memoryFileSystem, type FaultPlan, type FsStep } from './_internals/faultyFileSystem.js';

const DIRECTORY = '/data/state';

function openOn(fs: DurableStateFileSystem): Promise<FileDurableStateStore> {
  return FileDurableStateStore.open({ directory: DIRECTORY, fs });
}

describeDurableStateStore('FileDurableStateStore on memfs', async () => {
  const fs = memoryFileSystem();
  const store = await openOn(fs);
  return {
    store,
    reopen: async () => {
      await store.close();
      return openOn(fs);
    },
  };
});

/** Ids that are hostile as file names. */
const awkwardIds = ['../x', 'a/b', 'a\\b', '\u0000', 'nul', 'CON', '.', '..', 'Ab', 'aB', 'ab', '~0041', 'ü', '\ud800', '\ufffd', 'x'.repeat(10_000)];

describe('FileDurableStateStore file names', () => {
  const arbitraryId = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: fc.constantFrom('a', 'A', '.', '/', '\\', '~', '-', '\u0000', '\ud800'), maxLength: 20 }),
    fc.constantFrom(...awkwardIds),
    fc.string({ minLength: 30, maxLength: 300 }),
  );

  it('STORE-03 every id maps to a lowercase, bounded name inside the directory; distinct ids never share a name', () => {
    fc.assert(
      fc.property(arbitraryId, arbitraryId, (a, b) => {
        for (const name of [fileNameFor(a), fileNameFor(b)]) {
          expect(name).toMatch(/^(s-[a-z0-9_~-]*|h-[0-9a-f]{64})\.json$/);
          expect(name.length).toBeLessThanOrEqual(255);
        }
        // Lowercase only, so also distinct on case-insensitive file systems.
        if (a !== b) expect(fileNameFor(a).toLowerCase()).not.toBe(fileNameFor(b).toLowerCase());
        else expect(fileNameFor(a)).toBe(fileNameFor(b));
      }),
      { numRuns: 500 },
    );
  });

  it('STORE-03 awkward ids are stored, kept apart, and read back after a reopen; nothing is written outside the directory', async () => {
    const fs = memoryFileSystem();
    const store = await openOn(fs);
    for (const [i, id] of awkwardIds.entries()) await store.upsertObject(id, 1, { i }, 'awkward');
    await store.close();
    const again = await openOn(fs);
    for (const [i, id] of awkwardIds.entries()) expect(await again.getObject(id)).toEqual({ value: { i }, revision: 1 });
    expect(await fs.promises.readdir('/')).toEqual(['data']);
    expect(await fs.promises.readdir('/data')).toEqual(['state']);
    // One file per id, plus the lock of the open store.
    expect((await fs.promises.readdir(DIRECTORY)).length).toBe(awkwardIds.length + 1);
    await again.close();
  });
});

describe('FileDurableStateStore group commit', () => {
  it('writes to different entities issued together share one directory fsync', async () => {
    const { fs, count } = faultyFileSystem(memoryFileSystem(), () => undefined);
    const store = await openOn(fs);
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.upsertObject(`e${i}`, 1, i, '')));
    expect(count('writeFile')).toBe(100 + 1); // and the lock file, written once on open
    expect(count('directorySync')).toBe(1);
    expect(await collect(store.currentChanges(''))).toHaveLength(100);
    await store.close();
  });

  it('STORE-04 writes to one entity in one batch are serialized: the second is checked against the first', async () => {
    const store = await openOn(memoryFileSystem());
    const results = await Promise.allSettled([
      store.upsertObject('p', 1, 'first', ''),
      store.upsertObject('p', 1, 'rival', ''),
      store.upsertObject('p', 2, 'second', ''),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.getObject('p')).toEqual({ value: 'second', revision: 2 });
    await store.close();
  });
});

/** Fails the `nth` (1-based) occurrence of `step` with `code` (steps on the lock file not counted). */
function failNth(step: FsStep, nth: number, code: string): FaultPlan {
  let seen = 0;
  return (s, path) => (s === step && !path.includes(LOCK_FILE) && ++seen === nth ? code : undefined);
}

describe('FileDurableStateStore under injected faults', () => {
  // Step occurrences while writing: after open, the first write does open(temp), writeFile, sync(temp), ...
  const failures: readonly [FsStep, number, string][] = [
    ['open', 1, 'EMFILE'],
    ['writeFile', 1, 'ENOSPC'],
    ['sync', 1, 'EIO'],
    ['close', 1, 'EIO'],
    ['rename', 1, 'EIO'],
  ];
  for (const [step, nth, code] of failures) {
    it(`STORE-09 TAG-06 a ${code} in ${step} rejects only that write, which stays invisible, also after a reopen`, async () => {
      const memory = memoryFileSystem();
      const seed = await openOn(memory);
      await seed.upsertObject('p', 1, 'one', 't');
      await seed.close();
      const { fs } = faultyFileSystem(memory, failNth(step, nth, code));
      const store = await openOn(fs);
      const iterator = store.changes('t', 0)[Symbol.asyncIterator]();
      expect(await iterator.next()).toMatchObject({ value: { revision: 1 } });
      const failed = store.upsertObject('p', 2, 'two', 't');
      await expectCode(failed, 'DURABLE_STATE_STORE_FAILURE');
      await expect(failed).rejects.toMatchObject({ cause: { code } });
      expect(await store.getObject('p')).toEqual({ value: 'one', revision: 1 });
      // The store keeps working, and the stream shows the next write but never the failed one.
      await store.upsertObject('p', 2, 'two again', 't');
      expect(await iterator.next()).toMatchObject({ value: { revision: 2, value: 'two again' } });
      await iterator.return?.();
      await store.close();
      const reopened = await openOn(memory);
      expect(await reopened.getObject('p')).toEqual({ value: 'two again', revision: 2 });
      expect((await memory.promises.readdir(DIRECTORY)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      await reopened.close();
    });
  }

  it('STORE-09 a failed directory fsync fails the batch and the store until it is reopened', async () => {
    const memory = memoryFileSystem();
    const { fs } = faultyFileSystem(memory, (step, path) => (step === 'sync' && path === DIRECTORY ? 'EIO' : undefined));
    const store = await openOn(fs);
    await expectCode(store.upsertObject('p', 1, 'one', ''), 'DURABLE_STATE_STORE_FAILURE');
    expect(await store.getObject('p').catch((e: { code: string }) => e.code)).toBe('DURABLE_STATE_STORE_FAILURE');
    await expectCode(store.upsertObject('q', 1, 'one', ''), 'DURABLE_STATE_STORE_FAILURE');
    // On disk the unacknowledged write may or may not have landed; either way the state is whole.
    const reopened = await openOn(memory);
    expect([0, 1]).toContain((await reopened.getObject('p')).revision);
    expect(await reopened.getObject('q')).toEqual({ value: undefined, revision: 0 });
    await reopened.close();
  });

  it('opening drops temporary files of interrupted writes and refuses corrupt records', async () => {
    const memory = memoryFileSystem();
    await memory.promises.mkdir(DIRECTORY, { recursive: true });
    const handle = await memory.promises.open(`${DIRECTORY}/${fileNameFor('p')}.7.tmp`, 'w');
    await handle.writeFile('{"state":"upd');
    await handle.close();
    const store = await openOn(memory);
    expect(await store.getObject('p')).toEqual({ value: undefined, revision: 0 });
    expect(await memory.promises.readdir(DIRECTORY)).toEqual([LOCK_FILE]);
    await store.close();
    const torn = await memory.promises.open(`${DIRECTORY}/${fileNameFor('q')}`, 'w');
    await torn.writeFile('{"state":"updated","persis');
    await torn.close();
    await expectCode(openOn(memory), 'DURABLE_STATE_STORE_FAILURE');
    const lazy = new FileDurableStateStore({ directory: DIRECTORY, fs: memory });
    await expectCode(lazy.getObject('q'), 'DURABLE_STATE_STORE_FAILURE');
    await expectCode(collect(lazy.currentChanges('')), 'DURABLE_STATE_STORE_FAILURE');
  });

  it('STORE-09 a power loss between any two file-system steps loses no acknowledged write and leaves no corrupt state', async () => {
    const ids = ['a', 'b', 'c'];
    const write = fc.record({ id: fc.constantFrom(...ids), remove: fc.boolean(), value: fc.integer() });
    const rounds = fc.array(fc.array(write, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(rounds, fc.nat(60)), { minLength: 1, maxLength: 3 }), async (lives) => {
        // Each "life" opens the store on what the previous power loss left, writes, and crashes.
        let disk = new Map<string, string>();
        const acknowledged = new Map<string, { value: unknown; revision: number }>();
        for (const [lifeRounds, crashAfter] of lives) {
          const machine = crashableFileSystem(DIRECTORY, disk);
          const store = await openOn(machine.fs);
          machine.crashAfter(crashAfter);
          const attempted = new Map<string, { value: unknown; revision: number }[]>();
          const revisions = new Map<string, number>();
          for (const id of ids) revisions.set(id, (await store.getObject(id)).revision);
          for (const round of lifeRounds) {
            await Promise.all(
              round.map(async ({ id, remove, value }) => {
                const revision = (revisions.get(id) ?? 0) + 1;
                revisions.set(id, revision);
                const outcome = { value: remove ? undefined : value, revision };
                attempted.set(id, [...(attempted.get(id) ?? []), outcome]);
                try {
                  await (remove ? store.deleteObject(id, revision) : store.upsertObject(id, revision, value, 't'));
                  acknowledged.set(id, outcome);
                } catch {
                  revisions.set(id, acknowledged.get(id)?.revision ?? 0);
                }
              }),
            );
          }
          disk = machine.recover();
          const reopened = await openOn(crashableFileSystem(DIRECTORY, disk).fs);
          for (const id of ids) {
            const last = acknowledged.get(id) ?? { value: undefined, revision: 0 };
            const later = (attempted.get(id) ?? []).filter((o) => o.revision > last.revision);
            const state = await reopened.getObject(id);
            expect([last, ...later]).toContainEqual(state);
            // What survived is the truth from now on, acknowledged or not.
            acknowledged.set(id, state);
          }
          await reopened.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('FileDurableStateStore on the real file system', () => {
  it('STORE-02 uses node:fs by default and survives a reopen', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'file-store-'));
    try {
      const store = await FileDurableStateStore.open({ directory });
      await Promise.all(['a', 'B', '../escape'].map((id) => store.upsertObject(id, 1, { id }, 't')));
      await store.deleteObject('a', 2);
      await store.close();
      const again = await FileDurableStateStore.open({ directory });
      expect(await again.getObject('B')).toEqual({ value: { id: 'B' }, revision: 1 });
      expect(await again.getObject('../escape')).toEqual({ value: { id: '../escape' }, revision: 1 });
      expect(await again.getObject('a')).toEqual({ value: undefined, revision: 2 });
      await again.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('FileDurableStateStore directory lock', () => {
  const lockPath = `${DIRECTORY}/${LOCK_FILE}`;
  /** A pid no process has (above Linux's pid_max), so its lock is stale. */
  const deadPid = 2 ** 30;
  const lockText = (pid: number, owner: string) => JSON.stringify({ pid, host: hostname(), owner, since: '2026-01-01T00:00:00.000Z' });

  async function withLock(fs: DurableStateFileSystem, text: string): Promise<void> {
    await fs.promises.mkdir(DIRECTORY, { recursive: true });
    const handle = await fs.promises.open(lockPath, 'w');
    await handle.writeFile(text);
    await handle.close();
  }

  it('refuses a second open of the directory in this process, and allows it again after close', async () => {
    const memory = memoryFileSystem();
    const first = await openOn(memory);
    await expect(openOn(memory)).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(`pid ${process.pid}`) });
    await first.upsertObject('p', 1, 'kept', '');
    await first.close();
    const second = await openOn(memory);
    expect(await second.getObject('p')).toEqual({ value: 'kept', revision: 1 });
    await second.close();
    expect(await memory.promises.readdir(DIRECTORY)).not.toContain(LOCK_FILE);
  });

  it('takes over the lock of a dead process, and refuses the lock of a live one', async () => {
    const memory = memoryFileSystem();
    await withLock(memory, lockText(deadPid, 'p-dead'));
    const store = await openOn(memory);
    await store.close();
    await withLock(memory, lockText(process.ppid, 'p-parent'));
    await expect(openOn(memory)).rejects.toBeInstanceOf(StoreLockedError);
    expect(await memory.promises.readFile(lockPath, 'utf8')).toBe(lockText(process.ppid, 'p-parent'));
  });

  it('never removes a live lock another process made while a stale one was being taken over', async () => {
    const memory = memoryFileSystem();
    await withLock(memory, lockText(deadPid, 'p-dead'));
    const fresh = lockText(process.ppid, 'p-racer');
    let raced = false;
    const racing: DurableStateFileSystem = {
      promises: {
        ...memory.promises,
        readdir: (path) => memory.promises.readdir(path),
        async rename(from, to) {
          if (from === lockPath && !raced) {
            // Between our read of the stale lock and our move, another process replaced it with its own.
            raced = true;
            await memory.promises.unlink(lockPath);
            await withLock(memory, fresh);
          }
          return memory.promises.rename(from, to);
        },
      },
    };
    await expect(openOn(racing)).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(`pid ${process.ppid}`) });
    expect(raced).toBe(true);
    expect(await memory.promises.readFile(lockPath, 'utf8')).toBe(fresh);
  });

  it('refuses a lock it cannot read, naming the file to delete', async () => {
    const memory = memoryFileSystem();
    await withLock(memory, '{"pid":');
    await expect(openOn(memory)).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(`delete ${lockPath}`) });
  });
});
