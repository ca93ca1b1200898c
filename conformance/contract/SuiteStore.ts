/**
 * The durable-state store the suite hands to the adapter. Durable entities must read and write
 * through it: the suite decides which writes fail and writes behind the entities' backs, so
 * "write k fails" and "two writers race" are deterministic. States are numbers; a revision
 * check guards every write (the next revision or a rejection).
 *
 * @public
 */
export interface SuiteStore {
  /** The state and revision of `persistenceId`; `(undefined, 0)` when never written or deleted. */
  getObject(persistenceId: string): Promise<{ readonly value: number | undefined; readonly revision: number }>;
  /** Stores `value` at `revision`; rejects when it is not the stored revision + 1 or the suite fails it. */
  upsertObject(persistenceId: string, revision: number, value: number, tag: string): Promise<void>;
  /** Soft-deletes at `revision`; rejects like `upsertObject`. */
  deleteObject(persistenceId: string, revision: number): Promise<void>;
}
