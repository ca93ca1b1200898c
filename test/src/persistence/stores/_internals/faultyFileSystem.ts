import { createFsFromVolume, Volume } from 'memfs';
import type { DurableStateFileHandle, DurableStateFileSystem } from '../../../../../src/persistence/stores/DurableStateFileSystem.js';

/** Every file-system step the store takes; faults are injected by step. */
export type FsStep = 'mkdir' | 'readdir' | 'readFile' | 'open' | 'writeFile' | 'sync' | 'close' | 'rename' | 'unlink';

/** Decides, before each step, whether it fails and with which errno code (`undefined`: it succeeds). */
export type FaultPlan = (step: FsStep, path: string) => string | undefined;

/** A fresh in-memory file system (memfs) typed as the store expects it. */
export function memoryFileSystem(): DurableStateFileSystem {
  // memfs behaves like node:fs here, but its typings widen readdir's result to Buffer | Dirent.
  return createFsFromVolume(new Volume()) as unknown as DurableStateFileSystem;
}

function fault(code: string, step: FsStep, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure of ${step} ${path}`), { code });
}

/**
 * Wraps `inner` so that `plan` can fail any step. Also counts steps, e.g. directory fsyncs.
 * A failing `writeFile` first writes half of the data, as a torn write would.
 */
export function faultyFileSystem(inner: DurableStateFileSystem, plan: FaultPlan) {
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const step = async <T>(name: FsStep, path: string, run: () => Promise<T>): Promise<T> => {
    const code = plan(name, path);
    if (code !== undefined) throw fault(code, name, path);
    count(name);
    return run();
  };
  const fs = inner.promises;
  const wrapped: DurableStateFileSystem = {
    promises: {
      mkdir: (path, options) => step('mkdir', path, () => fs.mkdir(path, options)),
      readdir: (path) => step('readdir', path, () => fs.readdir(path)),
      readFile: (path, encoding) => step('readFile', path, () => fs.readFile(path, encoding)),
      rename: (from, to) => step('rename', from, () => fs.rename(from, to)),
      unlink: (path) => step('unlink', path, () => fs.unlink(path)),
      open: (path, flags) =>
        step('open', path, async () => {
          const handle = await fs.open(path, flags);
          const isDirectory = flags === 'r';
          const wrappedHandle: DurableStateFileHandle = {
            writeFile: async (data) => {
              const code = plan('writeFile', path);
              if (code !== undefined) {
                await handle.writeFile(data.slice(0, Math.floor(data.length / 2)));
                throw fault(code, 'writeFile', path);
              }
              count('writeFile');
              return handle.writeFile(data);
            },
            sync: () =>
              step('sync', path, async () => {
                if (isDirectory) count('directorySync');
                return handle.sync();
              }),
            close: () => step('close', path, () => handle.close()),
          };
          return wrappedHandle;
        }),
    },
  };
  return { fs: wrapped, count: (key: FsStep | 'directorySync') => counts.get(key) ?? 0 };
}
