import type {
  DurableStateChange,
  DurableStateStore,
  DurableStateStoreCapabilities,
  GetObjectResult,
  Offset,
} from '../DurableStateStore.js';
import { StoreClosedError } from '../errors.js';
import { referenceStoreCapabilities } from './_internals/capabilities.js';
import { currentChangesQuery, liveChangesQuery } from './_internals/changeQueries.js';
import { LatestChangeIndex } from './_internals/LatestChangeIndex.js';
import { objectOf, resolveWrite, validateWrite, type StateWrite } from './_internals/writes.js';

/** Options of {@link InMemoryDurableStateStore}. @public */
export interface InMemoryDurableStateStoreOptions {
  /** Source of change timestamps in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/**
 * The embedded default store: everything lives in this process and is gone when it exits.
 *
 * Values are kept **by reference**, not copied: `getObject` and the change streams hand back
 * the very object passed to `upsertObject`, so callers must not mutate a value after storing
 * it (Durable State treats state as immutable anyway). That keeps the write path to a map
 * update, which is what the durable-state benchmark measures.
 *
 * Semantics are those documented on {@link DurableStateStore}: revision checks on upsert and
 * delete, soft delete keeps the revision, revision 0 hard-deletes, deleting an unknown id
 * writes a tombstone, and only the latest change of each id is retained for tag queries.
 *
 * @public
 */
export class InMemoryDurableStateStore implements DurableStateStore {
  readonly capabilities: DurableStateStoreCapabilities = referenceStoreCapabilities(false);

  private readonly index = new LatestChangeIndex();
  private readonly now: () => number;
  private lastOffset: Offset = 0;
  private closed = false;
  private readonly changesAfter = (tag: string, after: Offset) => this.index.changesAfter(tag, after);

  constructor(options: InMemoryDurableStateStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async getObject<S>(persistenceId: string): Promise<GetObjectResult<S>> {
    this.ensureOpen();
    return objectOf<S>(this.index.get(persistenceId));
  }

  async upsertObject<S>(persistenceId: string, revision: number, value: S, tag: string): Promise<void> {
    this.write({ kind: 'upsert', persistenceId, revision, value, tag });
  }

  async deleteObject(persistenceId: string, revision: number): Promise<void> {
    this.write({ kind: 'delete', persistenceId, revision });
  }

  currentChanges(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    this.ensureOpen();
    return currentChangesQuery(this.changesAfter, tag, offset);
  }

  changes(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    this.ensureOpen();
    return liveChangesQuery(this.changesAfter, this.index.notifier, tag, offset);
  }

  /** Ends live queries; later calls reject with `StoreClosedError`. */
  async close(): Promise<void> {
    this.closed = true;
    this.index.notifier.close();
  }

  private write(write: StateWrite): void {
    this.ensureOpen();
    validateWrite(write);
    const change = resolveWrite(this.index.get(write.persistenceId), write, this.lastOffset + 1, this.now());
    if (change === null) {
      this.index.remove(write.persistenceId);
      return;
    }
    this.lastOffset = change.offset;
    this.index.put(change);
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError('InMemoryDurableStateStore');
  }
}
