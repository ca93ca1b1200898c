import { basename } from 'node:path';
import type { DurableStateFileSystem } from '../../../../../src/persistence/stores/DurableStateFileSystem.js';
import { memoryFileSystem } from './faultyFileSystem.js';

/** A file as the disk holds it: what the process wrote, and what an fsync made durable. */
interface FileNode {
  written: string;
  synced: string | undefined;
}

/**
 * A one-directory file system that models what a power loss keeps: file contents only as of
 * their last fsync, directory entries (creations, renames, unlinks) only as of the directory's
 * last fsync. `crashAfter(n)` makes every step after the n-th fail, as if the process died;
 * `recover()` then gives the files a restarted machine would find.
 */
export function crashableFileSystem(directory: string, initial: ReadonlyMap<string, string> = new Map()) {
  const view = memoryFileSystem();
  const entries = new Map<string, FileNode>();
  for (const [name, text] of initial) entries.set(name, { written: text, synced: text });
  let durableEntries = new Map(entries);
  let stepsLeft = Number.POSITIVE_INFINITY;
  const step = () => {
    if (--stepsLeft < 0) throw Object.assign(new Error('EIO: the process crashed'), { code: 'EIO' });
  };
  const seeded = (async () => {
    await view.promises.mkdir(directory, { recursive: true });
    for (const [name, text] of initial) {
      const handle = await view.promises.open(`${directory}/${name}`, 'w');
      await handle.writeFile(text);
      await handle.close();
    }
  })();
  const inDirectory = (path: string) => {
    if (!path.startsWith(`${directory}/`) || path.slice(directory.length + 1).includes('/')) {
      throw new Error(`crashableFileSystem models only ${directory}, not ${path}`);
    }
    return basename(path);
  };

  const fs: DurableStateFileSystem = {
    promises: {
      mkdir: async (path, options) => {
        await seeded;
        step();
        return view.promises.mkdir(path, options);
      },
      readdir: async (path) => (step(), view.promises.readdir(path)),
      readFile: async (path, encoding) => (step(), view.promises.readFile(path, encoding)),
      rename: async (from, to) => {
        step();
        await view.promises.rename(from, to);
        const node = entries.get(inDirectory(from));
        entries.delete(inDirectory(from));
        if (node !== undefined) entries.set(inDirectory(to), node);
      },
      unlink: async (path) => {
        step();
        await view.promises.unlink(path);
        entries.delete(inDirectory(path));
      },
      open: async (path, flags) => {
        step();
        const handle = await view.promises.open(path, flags);
        if (path === directory) {
          return {
            writeFile: () => Promise.reject(new Error('cannot write a directory')),
            sync: async () => {
              step();
              durableEntries = new Map(entries);
            },
            close: async () => (step(), handle.close()),
          };
        }
        const node: FileNode = { written: '', synced: undefined };
        entries.set(inDirectory(path), node);
        return {
          writeFile: async (data) => {
            step();
            node.written = data;
            return handle.writeFile(data);
          },
          sync: async () => {
            step();
            node.synced = node.written;
          },
          close: async () => (step(), handle.close()),
        };
      },
    },
  };

  return {
    fs,
    /** From now on, the first `steps` file-system steps succeed and every later one fails. */
    crashAfter(steps: number): void {
      stepsLeft = steps;
    },
    /** The directory's durable content after a power loss: name → text (unsynced data is lost). */
    recover(): Map<string, string> {
      return new Map([...durableEntries].map(([name, node]) => [name, node.synced ?? '']));
    },
  };
}
