/**
 * Errors raised by durable-state stores. Match on `code`, which is stable across versions.
 *
 * Engineers adding Durable State errors: append new classes at the end of this file.
 *
 * @packageDocumentation
 */

/**
 * Base class of every persistence error. `code` is stable and is what callers match on.
 *
 * @public
 */
export abstract class PersistenceError extends Error {
  /** Stable machine-readable identifier of the error kind. */
  abstract readonly code: string;
}

/**
 * A write's revision was not the stored revision + 1 (STORE-04, STORE-06): another writer got
 * there first, or the caller's view is stale. Nothing was written.
 *
 * @public
 */
export class RevisionConflictError extends PersistenceError {
  readonly code = 'REVISION_CONFLICT';
  constructor(
    readonly persistenceId: string,
    /** The revision the store would have accepted (stored + 1). */
    readonly expectedRevision: number,
    /** The revision the caller asked for. */
    readonly actualRevision: number,
  ) {
    super(
      `revision conflict for ${JSON.stringify(persistenceId)}: expected revision ${expectedRevision}, got ${actualRevision}`,
    );
    this.name = 'RevisionConflictError';
  }
}

/**
 * A store could not complete a read or write for a reason other than a revision conflict
 * (an I/O error, a full disk, a closed store, …). A failed write is never visible (STORE-09).
 * The underlying error, if any, is `cause`.
 *
 * @public
 */
export class DurableStateStoreError extends PersistenceError {
  readonly code = 'DURABLE_STATE_STORE_FAILURE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DurableStateStoreError';
  }
}

/** The store was used after `close()`. @public */
export class StoreClosedError extends PersistenceError {
  readonly code = 'STORE_CLOSED';
  constructor(readonly storeName: string) {
    super(`${storeName} is closed`);
    this.name = 'StoreClosedError';
  }
}

/**
 * An argument is outside what the store accepts (a revision that is not a positive safe
 * integer, a value that cannot be serialized, …). Nothing was written.
 *
 * @public
 */
export class InvalidStoreArgumentError extends PersistenceError {
  readonly code = 'INVALID_STORE_ARGUMENT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStoreArgumentError';
  }
}

/**
 * An optional dependency a store needs is not installed (e.g. `better-sqlite3` for
 * `SqliteDurableStateStore`).
 *
 * @public
 */
export class MissingStoreDependencyError extends PersistenceError {
  readonly code = 'MISSING_STORE_DEPENDENCY';
  constructor(
    readonly packageName: string,
    readonly storeName: string,
    cause?: unknown,
  ) {
    super(`${storeName} needs the package ${packageName}; install it with \`npm install ${packageName}\``, { cause });
    this.name = 'MissingStoreDependencyError';
  }
}
