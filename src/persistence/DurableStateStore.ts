/**
 * The contract every durable-state store implements (STORE-01..09, TAG-01..07).
 *
 * A store keeps, per persistence id, the latest value, its revision and its tag, and
 * publishes every successful write as a {@link DurableStateChange} that tag queries can
 * replay from an {@link Offset}.
 *
 * @packageDocumentation
 */

/**
 * Position in a store's change log. Offsets are positive integers assigned in commit order
 * and strictly increase within one store (TAG-04); `0` ({@link NO_OFFSET}) means "from the
 * beginning". A query started from an offset emits only changes with a greater offset, so
 * resuming from the offset of the last change a consumer handled loses nothing.
 *
 * @public
 */
export type Offset = number;

/** The offset that precedes every change: a query from it starts at the beginning. @public */
export const NO_OFFSET: Offset = 0;

/** What {@link DurableStateStore.getObject} returns. @public */
export interface GetObjectResult<S> {
  /** The stored value; `undefined` if the id was never written, was deleted, or hard-deleted. */
  readonly value: S | undefined;
  /** The revision of the latest write (upsert or soft delete); `0` if there is none (STORE-01). */
  readonly revision: number;
}

/** Fields shared by both kinds of change. @public */
interface DurableStateChangeBase {
  /** The entity that changed. */
  readonly persistenceId: string;
  /** The revision the write produced. */
  readonly revision: number;
  /** The entity's tag at that write (`''` for untagged); a delete keeps the entity's tag (TAG-01). */
  readonly tag: string;
  /** Where this change sits in the store's change log; pass it back to resume after it. */
  readonly offset: Offset;
  /** When the store committed the write, in milliseconds since the Unix epoch. */
  readonly timestamp: number;
}

/** An upsert: the entity now holds `value` at `revision`. @public */
export interface DurableStateUpdated<S = unknown> extends DurableStateChangeBase {
  readonly type: 'updated';
  /** The value stored at `revision` (TAG-05). */
  readonly value: S;
}

/** A soft delete: the entity holds no value but keeps `revision` (TAG-06). @public */
export interface DurableStateDeleted extends DurableStateChangeBase {
  readonly type: 'deleted';
}

/** One entry of a tag query, discriminated by `type`. @public */
export type DurableStateChange<S = unknown> = DurableStateUpdated<S> | DurableStateDeleted;

/**
 * What a store guarantees, as data, so the conformance suite can decide which optional
 * rules apply to it.
 *
 * @public
 */
export interface DurableStateStoreCapabilities {
  /** Upserts whose revision is not stored + 1 are rejected with `RevisionConflictError` (STORE-04). */
  readonly revisionCheck: boolean;
  /** Deletes whose revision is not stored + 1 are rejected with `RevisionConflictError` (STORE-06). */
  readonly deleteRevisionCheck: boolean;
  /** `deleteObject(id, 0)` removes the entity entirely, back to `(undefined, 0)` (STORE-07). */
  readonly hardDelete: boolean;
  /**
   * What `deleteObject(id, 1)` does for an id that was never written (STORE-08): `'tombstone'`
   * records a soft delete at revision 1; `'ignore'` leaves it at `(undefined, 0)`.
   */
  readonly deleteOfUnknownId: 'tombstone' | 'ignore';
  /** `currentChanges` is supported (TAG-02, TAG-07). */
  readonly tagQueries: boolean;
  /** `changes` (the live, never-completing query) is supported (TAG-03). */
  readonly liveChanges: boolean;
  /** Writes survive closing and reopening the store. */
  readonly durable: boolean;
}

/**
 * A durable-state store.
 *
 * Rules every implementation in this package follows:
 * - `upsertObject(id, r, …)` succeeds only if `r` is the stored revision + 1 (revision 1 for a
 *   new id); otherwise it rejects with `RevisionConflictError` and changes nothing.
 * - `deleteObject(id, r)` with `r` = stored + 1 soft-deletes: the value is dropped, the revision
 *   and tag are kept, and a later `upsertObject(id, r + 1, …)` works (STORE-05).
 * - `deleteObject(id, 0)` hard-deletes back to `(undefined, 0)` (STORE-07); no change is emitted,
 *   because nothing is left to describe.
 * - A write that rejects is never visible: not in `getObject`, not in any change stream (STORE-09).
 *
 * @public
 */
export interface DurableStateStore {
  /** What this store guarantees; read by the conformance suite. */
  readonly capabilities: DurableStateStoreCapabilities;

  /** The latest value and revision of `persistenceId`; `(undefined, 0)` if unknown (STORE-01). */
  getObject<S>(persistenceId: string): Promise<GetObjectResult<S>>;

  /**
   * Stores `value` as revision `revision` of `persistenceId`, tagged `tag` (`''` for none).
   * Resolves once the write is committed (durably, for durable stores).
   * Rejects with `RevisionConflictError` unless `revision` is the stored revision + 1.
   */
  upsertObject<S>(persistenceId: string, revision: number, value: S, tag: string): Promise<void>;

  /**
   * Soft-deletes `persistenceId` at `revision` (stored + 1), keeping the revision; revision `0`
   * hard-deletes. Rejects with `RevisionConflictError` on any other revision.
   */
  deleteObject(persistenceId: string, revision: number): Promise<void>;

  /**
   * The changes with tag `tag` committed after `offset` (default: from the beginning) up to the
   * moment of the call, in offset order; then the iteration completes (TAG-02).
   */
  currentChanges(tag: string, offset?: Offset): AsyncIterable<DurableStateChange>;

  /**
   * Like {@link DurableStateStore.currentChanges}, then keeps emitting new changes as they are
   * committed; it never completes on its own (TAG-03). It ends when the consumer stops iterating
   * (`break`, `return()`) or the store is closed.
   */
  changes(tag: string, offset?: Offset): AsyncIterable<DurableStateChange>;

  /** Releases files or connections and ends live queries. Stores without resources may omit it. */
  close?(): Promise<void>;
}
