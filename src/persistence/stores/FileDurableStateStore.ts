import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import type {
  DurableStateChange,
  DurableStateStore,
  DurableStateStoreCapabilities,
  GetObjectResult,
  Offset,
} from '../DurableStateStore.js';
import { DurableStateStoreError, StoreClosedError, StoreLockedError } from '../errors.js';
import type { DurableStateFileSystem } from './DurableStateFileSystem.js';
import { referenceStoreCapabilities } from './_internals/capabilities.js';
import { currentChangesQuery, liveChangesQuery } from './_internals/changeQueries.js';
import { DirectoryLock } from './_internals/DirectoryLock.js';
import { parseRecord, recordText, type EntityRecord } from './_internals/entityRecords.js';
import { fileNameFor, RECORD_SUFFIX, TEMP_SUFFIX } from './_internals/fileNames.js';
import { LatestChangeIndex } from './_internals/LatestChangeIndex.js';
import { objectOf, resolveWrite, toJson, validateWrite, type StateWrite } from './_internals/writes.js';

/** Options of {@link FileDurableStateStore}. @public */
export interface FileDurableStateStoreOptions {
  /**
   * The directory holding the store; created if missing. One writer per directory: opening a
   * directory another store instance (in any process) has open fails with `StoreLockedError`.
   */
  readonly directory: string;
  /** The file system; defaults to `node:fs`. Tests pass memfs, possibly wrapped to inject faults. */
  readonly fs?: DurableStateFileSystem;
  /** Source of change timestamps in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

interface QueuedWrite {
  readonly write: StateWrite;
  readonly valueJson: string | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface PlannedWrite {
  readonly queued: QueuedWrite;
  /** `null` for a hard delete. */
  readonly change: DurableStateChange | null;
  readonly path: string;
  readonly tempPath: string;
  readonly text: string;
  error?: unknown;
}

/**
 * A durable store keeping one JSON file per entity in one directory.
 *
 * **Atomicity.** Every write goes to a temporary file that is fsynced, renamed over the
 * entity's file, and made durable by an fsync of the directory; a write is acknowledged only
 * after that. A crash at any point therefore leaves each entity at its old or its new state,
 * never a torn one; leftover temporary files are removed on open. A write whose promise
 * rejected is never visible in this process (STORE-09); after a crash, a write that was in
 * flight (never acknowledged) may or may not be present, as with any durable store.
 *
 * **Group commit.** Writes to different entities that arrive while a batch is on disk are
 * gathered into the next batch: their files are written and fsynced in parallel and one
 * directory fsync acknowledges them all. A batch holds at most one write per entity; a second
 * write to the same entity waits for the next batch and is checked against the outcome of
 * the first (so concurrent writers of one revision: exactly one wins).
 *
 * **Failures.** A failed file write, fsync or rename rejects that write with
 * `DurableStateStoreError` and leaves the entity unchanged. A failed directory fsync leaves
 * the batch's durability unknown, so the store refuses all further work with that error until
 * it is reopened, which re-reads the truth from disk.
 *
 * **One writer.** Opening takes an exclusive lock on the directory (a `writer.lock` file naming
 * the owner's pid and host), so a second process — or a second instance in this one — gets a
 * `StoreLockedError` instead of silently losing writes to the first. `close()` releases the
 * lock; a lock whose process is dead (a crash) is taken over on the next open. Temporary files
 * carry their writer's token, and recovery never removes one whose writer still runs.
 *
 * **Memory.** The latest change of every entity (values included) is kept in memory for reads
 * and tag queries and rebuilt from the directory on open. Values are stored as JSON: they must
 * be JSON-serializable and come back as their JSON round trip (the returned objects are shared
 * with the store's index; treat them as read-only). A hard delete leaves a small marker file
 * holding the entity's last offset, so that offsets never go backwards after a reopen.
 *
 * @public
 */
export class FileDurableStateStore implements DurableStateStore {
  readonly capabilities: DurableStateStoreCapabilities = referenceStoreCapabilities(true);

  private readonly fs: DurableStateFileSystem['promises'];
  private readonly directory: string;
  private readonly now: () => number;
  private readonly index = new LatestChangeIndex();
  private readonly ready: Promise<void>;
  private lastOffset: Offset = 0;
  private loaded = false;
  private queue: QueuedWrite[] = [];
  private flushing: Promise<void> | undefined;
  private tempCounter = 0;
  /** Held from open to close; undefined until the directory is locked. */
  private lock: DirectoryLock | undefined;
  /** The file-system object, identifying (with the directory) whose lock this process holds. */
  private readonly fsKey: object;
  private closed = false;
  /** Set when a directory fsync failed: what is on disk is unknown until the store is reopened. */
  private failure: DurableStateStoreError | undefined;
  private readonly changesAfter = (tag: string, after: Offset) => this.index.changesAfter(tag, after);

  /** Starts opening the store; every operation waits for that. Use {@link FileDurableStateStore.open} to wait explicitly. */
  constructor(options: FileDurableStateStoreOptions) {
    this.fsKey = options.fs ?? nodeFs;
    this.fs = (options.fs ?? nodeFs).promises;
    this.directory = options.directory;
    this.now = options.now ?? Date.now;
    this.ready = this.load();
    // Failures surface through the operations that await `ready`; do not also report them as unhandled.
    this.ready.catch(() => {});
  }

  /** Opens a store and resolves once its directory has been read. */
  static async open(options: FileDurableStateStoreOptions): Promise<FileDurableStateStore> {
    const store = new FileDurableStateStore(options);
    await store.ready;
    return store;
  }

  async getObject<S>(persistenceId: string): Promise<GetObjectResult<S>> {
    await this.ready;
    this.ensureUsable();
    return objectOf<S>(this.index.get(persistenceId));
  }

  async upsertObject<S>(persistenceId: string, revision: number, value: S, tag: string): Promise<void> {
    const write: StateWrite = { kind: 'upsert', persistenceId, revision, value, tag };
    validateWrite(write);
    const valueJson = toJson(value);
    // The index holds the JSON round trip, so this process sees exactly what a reopen would read.
    return this.enqueue({ ...write, value: JSON.parse(valueJson) as unknown }, valueJson);
  }

  async deleteObject(persistenceId: string, revision: number): Promise<void> {
    const write: StateWrite = { kind: 'delete', persistenceId, revision };
    validateWrite(write);
    return this.enqueue(write, undefined);
  }

  currentChanges(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    if (this.loaded) {
      this.ensureUsable();
      return currentChangesQuery(this.changesAfter, tag, offset);
    }
    // Called before the directory was read: the earliest possible snapshot is right after that.
    const snapshot = this.ready.then(() => {
      this.ensureUsable();
      return currentChangesQuery(this.changesAfter, tag, offset);
    });
    snapshot.catch(() => {}); // reported to whoever iterates
    return {
      async *[Symbol.asyncIterator]() {
        yield* await snapshot;
      },
    };
  }

  changes(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    return liveChangesQuery(this.changesAfter, this.index.notifier, tag, offset, async () => {
      await this.ready;
      this.ensureUsable();
    });
  }

  /** Waits for queued writes, ends live queries; later calls reject with `StoreClosedError`. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    this.index.notifier.close();
    await this.ready.catch(() => {});
    await this.lock?.release();
    this.lock = undefined;
  }

  private async load(): Promise<void> {
    try {
      await this.fs.mkdir(this.directory, { recursive: true });
      const lock = await DirectoryLock.acquire(this.fs, this.fsKey, this.directory);
      this.lock = lock;
      const records: EntityRecord[] = [];
      for (const name of await this.fs.readdir(this.directory)) {
        const path = join(this.directory, name);
        if (name.endsWith(TEMP_SUFFIX)) {
          // A write that crashed before its rename: never acknowledged, so it is dropped —
          // unless its writer still runs (a writer that ignores the lock): never touch its files.
          if (!lock.mayBeLive(name)) await this.fs.unlink(path);
        } else if (name.endsWith(RECORD_SUFFIX) && (name.startsWith('s-') || name.startsWith('h-'))) {
          const record = parseRecord(await this.fs.readFile(path, 'utf8'), name);
          const id = record.kind === 'change' ? record.change.persistenceId : record.persistenceId;
          if (fileNameFor(id) !== name) throw new DurableStateStoreError(`record ${name} holds the foreign id ${JSON.stringify(id)}`);
          records.push(record);
        }
      }
      const offsetOf = (r: EntityRecord) => (r.kind === 'change' ? r.change.offset : r.offset);
      records.sort((a, b) => offsetOf(a) - offsetOf(b));
      for (const record of records) {
        this.lastOffset = Math.max(this.lastOffset, offsetOf(record));
        if (record.kind === 'change') this.index.put(record.change);
      }
      this.loaded = true;
    } catch (error) {
      await this.lock?.release();
      this.lock = undefined;
      throw error instanceof DurableStateStoreError || error instanceof StoreLockedError
        ? error
        : new DurableStateStoreError(`cannot open durable state directory ${this.directory}`, { cause: error });
    }
  }

  private enqueue(write: StateWrite, valueJson: string | undefined): Promise<void> {
    this.ensureUsable();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ write, valueJson, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      // Also lets writes issued in the same turn join the first batch.
      await this.ready;
      while (this.queue.length > 0) {
        if (this.failure !== undefined) throw this.failure;
        await this.commit(this.takeBatch());
      }
    } catch (error) {
      const pending = this.queue;
      this.queue = [];
      for (const queued of pending) queued.reject(error);
    } finally {
      this.flushing = undefined;
    }
  }

  /** The first queued write of each entity, in arrival order; later ones wait for the next batch. */
  private takeBatch(): QueuedWrite[] {
    const batch: QueuedWrite[] = [];
    const rest: QueuedWrite[] = [];
    const inBatch = new Set<string>();
    for (const queued of this.queue) {
      const id = queued.write.persistenceId;
      if (inBatch.has(id)) rest.push(queued);
      else {
        inBatch.add(id);
        batch.push(queued);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async commit(batch: readonly QueuedWrite[]): Promise<void> {
    const planned: PlannedWrite[] = [];
    for (const queued of batch) {
      const plan = this.plan(queued);
      if (plan !== undefined) planned.push(plan);
    }
    if (planned.length === 0) return;
    await Promise.all(planned.map((p) => this.writeTemp(p)));
    await Promise.all(planned.map((p) => this.renameIntoPlace(p)));
    const renamed = planned.filter((p) => p.error === undefined);
    if (renamed.length > 0) {
      try {
        await this.syncDirectory();
      } catch (error) {
        this.failure = new DurableStateStoreError(
          `fsync of ${this.directory} failed; the outcome of the last writes is unknown, reopen the store`,
          { cause: error },
        );
        for (const p of renamed) p.error = this.failure;
      }
    }
    // Offsets were assigned in this order, so the index stays in offset order.
    for (const p of planned) {
      if (p.error !== undefined) {
        p.queued.reject(p.error);
        continue;
      }
      if (p.change === null) this.index.remove(p.queued.write.persistenceId);
      else this.index.put(p.change);
      p.queued.resolve();
    }
  }

  /** Checks the revision against the committed state and prepares the file text, or settles the write at once. */
  private plan(queued: QueuedWrite): PlannedWrite | undefined {
    const { persistenceId } = queued.write;
    const current = this.index.get(persistenceId);
    const offset = this.lastOffset + 1;
    let change: DurableStateChange | null;
    try {
      change = resolveWrite(current, queued.write, offset, this.now());
    } catch (conflict) {
      queued.reject(conflict);
      return undefined;
    }
    if (change === null && current === undefined) {
      queued.resolve(); // hard delete of nothing: nothing to write
      return undefined;
    }
    this.lastOffset = offset;
    const record: EntityRecord = change === null ? { kind: 'removed', persistenceId, offset } : { kind: 'change', change };
    const path = join(this.directory, fileNameFor(persistenceId));
    return {
      queued,
      change,
      path,
      // Unique per writer instance, so two writers can never write into one temporary file.
      tempPath: `${path}.${this.lock!.owner}.${++this.tempCounter}${TEMP_SUFFIX}`,
      text: recordText(record, queued.valueJson),
    };
  }

  private async writeTemp(p: PlannedWrite): Promise<void> {
    try {
      const handle = await this.fs.open(p.tempPath, 'w');
      try {
        await handle.writeFile(p.text);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      p.error = this.ioError('write', p, error);
      await this.fs.unlink(p.tempPath).catch(() => {});
    }
  }

  private async renameIntoPlace(p: PlannedWrite): Promise<void> {
    if (p.error !== undefined) return;
    try {
      await this.fs.rename(p.tempPath, p.path);
    } catch (error) {
      p.error = this.ioError('rename', p, error);
      await this.fs.unlink(p.tempPath).catch(() => {});
    }
  }

  private async syncDirectory(): Promise<void> {
    const handle = await this.fs.open(this.directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private ioError(step: string, p: PlannedWrite, cause: unknown): DurableStateStoreError {
    const code = (cause as { code?: unknown } | null)?.code;
    const reason = typeof code === 'string' ? code : String(cause);
    return new DurableStateStoreError(`${step} of ${JSON.stringify(p.queued.write.persistenceId)} failed: ${reason}`, { cause });
  }

  private ensureUsable(): void {
    if (this.closed) throw new StoreClosedError('FileDurableStateStore');
    if (this.failure !== undefined) throw this.failure;
  }
}
