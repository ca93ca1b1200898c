/**
 * Errors raised by durable-state stores. Match on `code`, which is stable across versions.
 *
 * Engineers adding Durable State errors: append new classes at the end of this file.
 *
 * @packageDocumentation
 */
import { errorMessage } from '../_internals/describeValue.js';

/**
 * Base class of every persistence error. `code` is stable and is what callers match on.
 *
 * @public
 */
export abstract class PersistenceError extends Error {
  /** Stable machine-readable identifier of the error kind. */
  abstract readonly code: string;

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Every subclass is named after itself, so stack traces and logs say which error it is.
    this.name = new.target.name;
  }
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
  }
}

/** The store was used after `close()`. @public */
export class StoreClosedError extends PersistenceError {
  readonly code = 'STORE_CLOSED';
  constructor(readonly storeName: string) {
    super(`${storeName} is closed`);
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
  }
}

/**
 * Base class of the failures a durable-state behavior raises because of its store: a failed
 * write or a failed recovery. These, and only these, are what `onPersistFailure` supervises
 * (DS-08, DS-09); other errors follow normal supervision (DS-12).
 *
 * @public
 */
export abstract class DurableStateBehaviorError extends PersistenceError {
  constructor(
    /** The entity whose store access failed. */
    readonly persistenceId: string,
    message: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

/**
 * A persist or delete was rejected by the store (error, revision conflict, …). Its side effects
 * and replies did not run; whether the write reached the store is unknown, which is why the
 * actor fails instead of resuming (DS-08, DS-10).
 *
 * @public
 */
export class DurableStatePersistError extends DurableStateBehaviorError {
  readonly code = 'DURABLE_STATE_PERSIST_FAILED';
  constructor(
    persistenceId: string,
    /** Which write failed. */
    readonly operation: 'upsert' | 'delete',
    /** The revision the write tried to create. */
    readonly revision: number,
    cause: unknown,
  ) {
    super(persistenceId, `${operation} of ${JSON.stringify(persistenceId)} at revision ${revision} failed: ${describeCause(cause)}`, cause);
  }
}

/** Reading the stored state at start failed or timed out (DS-03). @public */
export class DurableStateRecoveryError extends DurableStateBehaviorError {
  readonly code = 'DURABLE_STATE_RECOVERY_FAILED';
  constructor(persistenceId: string, cause: unknown) {
    super(persistenceId, `recovery of ${JSON.stringify(persistenceId)} failed: ${describeCause(cause)}`, cause);
  }
}

/** The store did not answer the recovery read in time (the `cause` of a {@link DurableStateRecoveryError}). @public */
export class DurableStateRecoveryTimeoutError extends PersistenceError {
  readonly code = 'DURABLE_STATE_RECOVERY_TIMEOUT';
  constructor(
    readonly persistenceId: string,
    readonly timeoutMs: number,
  ) {
    super(`no recovery read result for ${JSON.stringify(persistenceId)} within ${timeoutMs} ms`);
  }
}

/**
 * A durable-state stash (internal or user) was full and the overflow strategy is `'fail'`
 * (DS-15). Deliberately not a {@link DurableStateBehaviorError}: `onPersistFailure` does not
 * cover it.
 *
 * @public
 */
export class DurableStateStashOverflowError extends PersistenceError {
  readonly code = 'DURABLE_STATE_STASH_OVERFLOW';
  constructor(
    readonly persistenceId: string,
    /** Which buffer overflowed. */
    readonly buffer: 'internal' | 'user',
    readonly capacity: number,
  ) {
    super(`${buffer} stash of ${JSON.stringify(persistenceId)} is full (capacity ${capacity})`);
  }
}

function describeCause(cause: unknown): string {
  return errorMessage(cause); // a store may reject with anything, a Proxy included
}

/**
 * Another process (or another open store in this process) writes to the directory a
 * `FileDurableStateStore` was asked to open: one writer per directory, or acknowledged writes
 * could be lost. The lock file names the owner; a lock whose owner process is dead is taken
 * over by itself.
 *
 * @public
 */
export class StoreLockedError extends PersistenceError {
  readonly code = 'STORE_LOCKED';
  constructor(
    readonly directory: string,
    /** The lock file, to delete by hand only when its owner is certainly gone (e.g. on another host). */
    readonly lockFile: string,
    readonly owner: { readonly pid: number; readonly host: string; readonly since: string } | undefined,
  ) {
    super(
      owner === undefined
        ? `${directory} is locked by another FileDurableStateStore (its lock file ${lockFile} cannot be read); one writer per directory. If no process uses the directory, delete ${lockFile}`
        : `${directory} is in use by another FileDurableStateStore (pid ${owner.pid} on ${owner.host}, since ${owner.since}); one writer per directory. If that process is gone, delete ${lockFile}`,
    );
  }
}
