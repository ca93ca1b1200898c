import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreLockedError } from '../../errors.js';
import type { DurableStateFileSystem } from '../DurableStateFileSystem.js';

/** The lock file of a store directory: who writes there. */
export const LOCK_FILE = 'writer.lock';

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  /** Unique per store instance: also in the names of its temporary files. */
  readonly owner: string;
  readonly since: string;
}

type Fs = DurableStateFileSystem['promises'];

/**
 * Owners open in this process, per file-system object. A lock naming this process but no open
 * owner was left by a store that was dropped without `close()` (or a simulated crash): stale.
 */
const openOwners = new WeakMap<object, Set<string>>();

/** Whether a process with this pid runs on this host (EPERM: it does, under another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

function parseLock(text: string): LockRecord | undefined {
  try {
    const record = JSON.parse(text) as Partial<LockRecord>;
    if (Number.isSafeInteger(record.pid) && typeof record.host === 'string' && typeof record.owner === 'string' && typeof record.since === 'string') return record as LockRecord;
  } catch {
    // Unreadable: being written right now, or its writer died mid-write.
  }
  return undefined;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const attempts = 20;

/**
 * The exclusive lock of one writer on a store directory: a lock file created with `wx`
 * (exclusive create) holding the owner's pid, host and a per-instance token. A lock whose
 * owner is certainly gone — a dead pid on this host, or an instance of this process that is no
 * longer open — is taken over: moved aside under a unique name, checked to be the lock judged
 * stale (not a fresh one another process just made), then removed.
 */
export class DirectoryLock {
  private constructor(
    private readonly fs: Fs,
    private readonly fsKey: object,
    private readonly path: string,
    /** This instance's token, also part of its temporary files' names. */
    readonly owner: string,
  ) {}

  /** Takes the lock of `directory` or throws {@link StoreLockedError} naming its owner. */
  static async acquire(fs: Fs, fsKey: object, directory: string): Promise<DirectoryLock> {
    const path = join(directory, LOCK_FILE);
    const record: LockRecord = { pid: process.pid, host: hostname(), owner: `p${process.pid}-${randomBytes(6).toString('hex')}`, since: new Date().toISOString() };
    const owners = openOwners.get(fsKey) ?? new Set<string>();
    openOwners.set(fsKey, owners);
    let last: LockRecord | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (await createExclusive(fs, path, JSON.stringify(record))) {
        owners.add(record.owner);
        return new DirectoryLock(fs, fsKey, path, record.owner);
      }
      const text = await fs.readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined) continue; // released meanwhile: try again at once
      last = parseLock(text);
      if (last === undefined) {
        await pause(5 * (attempt + 1));
        continue;
      }
      if (!DirectoryLock.ownerGone(last, owners)) break;
      await takeOver(fs, path, text, record.owner);
    }
    throw new StoreLockedError(directory, path, last === undefined ? undefined : { pid: last.pid, host: last.host, since: last.since });
  }

  /** Whether the writer named by a lock is certainly not running. */
  private static ownerGone(lock: LockRecord, openHere: ReadonlySet<string>): boolean {
    if (lock.host !== hostname()) return false; // its pid means nothing here: assume it runs
    return lock.pid === process.pid ? !openHere.has(lock.owner) : !processAlive(lock.pid);
  }

  /**
   * Whether a temporary file may belong to a writer that is still running (so recovery must
   * leave it): names carry `.<owner token>.<n>.tmp`; older names without a token are leftovers.
   */
  mayBeLive(tempName: string): boolean {
    const match = /\.p(\d+)-([0-9a-f]+)\.\d+\.tmp$/.exec(tempName);
    if (match === null) return false;
    const pid = Number(match[1]);
    const owner = `p${match[1]}-${match[2]}`;
    if (owner === this.owner) return true;
    return pid === process.pid ? (openOwners.get(this.fsKey)?.has(owner) ?? false) : processAlive(pid);
  }

  /** Removes the lock file if it is still this instance's. */
  async release(): Promise<void> {
    openOwners.get(this.fsKey)?.delete(this.owner);
    const text = await this.fs.readFile(this.path, 'utf8').catch(() => undefined);
    if (text !== undefined && parseLock(text)?.owner === this.owner) await this.fs.unlink(this.path).catch(() => {});
  }
}

/** Creates the lock file only if none exists; false when one does. */
async function createExclusive(fs: Fs, path: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(path, 'wx');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes a stale lock without ever removing a live one: moves it aside under a unique name
 * (atomic), and only if what was moved is the stale lock deletes it; a fresh lock that another
 * process made in between is put back.
 */
async function takeOver(fs: Fs, path: string, staleText: string, owner: string): Promise<void> {
  const aside = `${path}.${owner}.stale`;
  try {
    await fs.rename(path, aside);
  } catch {
    return; // someone else moved or released it: look again
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => undefined);
  if (moved === staleText) await fs.unlink(aside).catch(() => {});
  else await fs.rename(aside, path).catch(() => {});
}
