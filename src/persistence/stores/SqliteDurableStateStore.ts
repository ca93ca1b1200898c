import type { Database, Statement } from 'better-sqlite3';
import type {
  DurableStateChange,
  DurableStateStore,
  DurableStateStoreCapabilities,
  GetObjectResult,
  Offset,
} from '../DurableStateStore.js';
import { DurableStateStoreError, PersistenceError, StoreClosedError } from '../errors.js';
import { ChangeNotifier } from './_internals/ChangeNotifier.js';
import { referenceStoreCapabilities } from './_internals/capabilities.js';
import { currentChangesQuery, liveChangesQuery } from './_internals/changeQueries.js';
import { loadBetterSqlite3 } from './_internals/loadBetterSqlite3.js';
import { objectOf, resolveWrite, toJson, validateWrite, type StateWrite } from './_internals/writes.js';

/** Options of {@link SqliteDurableStateStore}. @public */
export interface SqliteDurableStateStoreOptions {
  /** Database file, created if missing; `':memory:'` for a throwaway database. */
  readonly filename: string;
  /** Source of change timestamps in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

interface StateRow {
  persistence_id: string;
  revision: number;
  state_value: string | null;
  tag: string;
  deleted: number;
  state_offset: number;
  state_timestamp: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS durable_state (
  persistence_id  TEXT    PRIMARY KEY,
  revision        INTEGER NOT NULL,
  state_value     TEXT,
  tag             TEXT    NOT NULL,
  deleted         INTEGER NOT NULL,
  state_offset    INTEGER NOT NULL UNIQUE,
  state_timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS durable_state_by_tag ON durable_state (tag, state_offset);
-- The offset counter lives apart from the rows so that a hard delete of the newest row
-- cannot make offsets go backwards (TAG-04).
CREATE TABLE IF NOT EXISTS durable_state_offset (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  last_offset INTEGER NOT NULL
);
INSERT OR IGNORE INTO durable_state_offset (id, last_offset) VALUES (1, 0);
`;

/**
 * A durable store on SQLite through `better-sqlite3` (an optional peer dependency, loaded when
 * the first store is created; if it is missing the constructor throws
 * `MissingStoreDependencyError`, code `MISSING_STORE_DEPENDENCY`).
 *
 * The database runs in WAL mode with `synchronous = FULL`, so an acknowledged write survives a
 * crash. Each write reads the row, checks the revision and writes the row and the offset
 * counter in one `BEGIN IMMEDIATE` transaction, so even writers in other processes cannot
 * interleave. Tag queries read the `(tag, state_offset)` index. Values are stored as JSON text
 * and every read returns a fresh object.
 *
 * Live queries (`changes`) are woken by commits made through this store instance; changes
 * committed by another connection are picked up at the next local commit.
 *
 * @public
 */
export class SqliteDurableStateStore implements DurableStateStore {
  readonly capabilities: DurableStateStoreCapabilities = referenceStoreCapabilities(true);

  private readonly db: Database;
  private readonly now: () => number;
  private readonly notifier = new ChangeNotifier();
  private readonly selectRow: Statement<[string], StateRow>;
  private readonly selectTagged: Statement<[string, number], StateRow>;
  private readonly applyWrite: (write: StateWrite, valueJson: string | null) => boolean;
  private closed = false;
  private readonly changesAfter = (tag: string, after: Offset): DurableStateChange[] => {
    this.ensureOpen();
    return this.selectTagged.all(tag, after).map(changeOf);
  };

  constructor(options: SqliteDurableStateStoreOptions) {
    const Sqlite = loadBetterSqlite3();
    this.now = options.now ?? Date.now;
    try {
      this.db = new Sqlite(options.filename);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec(SCHEMA);
    } catch (error) {
      throw new DurableStateStoreError(`cannot open SQLite database ${options.filename}`, { cause: error });
    }
    this.selectRow = this.db.prepare<[string], StateRow>('SELECT * FROM durable_state WHERE persistence_id = ?');
    this.selectTagged = this.db.prepare<[string, number], StateRow>(
      'SELECT * FROM durable_state WHERE tag = ? AND state_offset > ? ORDER BY state_offset',
    );
    const nextOffset = this.db.prepare<[], { last_offset: number }>(
      'UPDATE durable_state_offset SET last_offset = last_offset + 1 WHERE id = 1 RETURNING last_offset',
    );
    const upsertRow = this.db.prepare(
      `INSERT INTO durable_state (persistence_id, revision, state_value, tag, deleted, state_offset, state_timestamp)
       VALUES (@persistence_id, @revision, @state_value, @tag, @deleted, @state_offset, @state_timestamp)
       ON CONFLICT (persistence_id) DO UPDATE SET revision = excluded.revision, state_value = excluded.state_value,
         tag = excluded.tag, deleted = excluded.deleted, state_offset = excluded.state_offset,
         state_timestamp = excluded.state_timestamp`,
    );
    const deleteRow = this.db.prepare<[string]>('DELETE FROM durable_state WHERE persistence_id = ?');
    const transaction = this.db.transaction((write: StateWrite, valueJson: string | null): boolean => {
      const row = this.selectRow.get(write.persistenceId);
      // The check needs revision and tag only, so the stored value is not parsed. Offset 0 is a
      // placeholder: the counter is only advanced once the revision check passed.
      const current: DurableStateChange | undefined = row === undefined ? undefined : { type: 'deleted', ...headerOf(row) };
      const change = resolveWrite(current, write, 0, this.now());
      if (change === null) {
        if (row === undefined) return false;
        deleteRow.run(write.persistenceId);
        return false;
      }
      const offset = nextOffset.get()?.last_offset;
      if (offset === undefined) throw new DurableStateStoreError('offset counter row is missing');
      const stored: StateRow = {
        persistence_id: change.persistenceId,
        revision: change.revision,
        state_value: valueJson,
        tag: change.tag,
        deleted: change.type === 'deleted' ? 1 : 0,
        state_offset: offset,
        state_timestamp: change.timestamp,
      };
      upsertRow.run(stored);
      return true;
    });
    this.applyWrite = (write, valueJson) => transaction.immediate(write, valueJson);
  }

  async getObject<S>(persistenceId: string): Promise<GetObjectResult<S>> {
    this.ensureOpen();
    const row = this.guard(() => this.selectRow.get(persistenceId));
    return objectOf<S>(row === undefined ? undefined : changeOf(row));
  }

  async upsertObject<S>(persistenceId: string, revision: number, value: S, tag: string): Promise<void> {
    const write: StateWrite = { kind: 'upsert', persistenceId, revision, value, tag };
    validateWrite(write);
    this.commit(write, toJson(value));
  }

  async deleteObject(persistenceId: string, revision: number): Promise<void> {
    const write: StateWrite = { kind: 'delete', persistenceId, revision };
    validateWrite(write);
    this.commit(write, null);
  }

  currentChanges(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    return currentChangesQuery((t, after) => this.guard(() => this.changesAfter(t, after)), tag, offset);
  }

  changes(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    this.ensureOpen();
    return liveChangesQuery((t, after) => this.guard(() => this.changesAfter(t, after)), this.notifier, tag, offset);
  }

  /** Ends live queries and closes the database; later calls reject with `StoreClosedError`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notifier.close();
    this.db.close();
  }

  private commit(write: StateWrite, valueJson: string | null): void {
    this.ensureOpen();
    const changed = this.guard(() => this.applyWrite(write, valueJson));
    if (changed) this.notifier.notify();
  }

  /** Lets our own errors through (conflicts included) and wraps driver errors. */
  private guard<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (error instanceof PersistenceError) throw error;
      throw new DurableStateStoreError(`SQLite operation failed: ${String(error)}`, { cause: error });
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError('SqliteDurableStateStore');
  }
}

function headerOf(row: StateRow) {
  return {
    persistenceId: row.persistence_id,
    revision: row.revision,
    tag: row.tag,
    offset: row.state_offset,
    timestamp: row.state_timestamp,
  };
}

function changeOf(row: StateRow): DurableStateChange {
  const base = headerOf(row);
  if (row.deleted === 1 || row.state_value === null) return { type: 'deleted', ...base };
  return { type: 'updated', ...base, value: JSON.parse(row.state_value) as unknown };
}
