import type {
  DurableStateChange,
  DurableStateStore,
  DurableStateStoreCapabilities,
  GetObjectResult,
  Offset,
} from '../DurableStateStore.js';
import { DurableStateStoreError, InvalidStoreArgumentError, PersistenceError, RevisionConflictError, StoreClosedError } from '../errors.js';
import { ChangeNotifier } from './_internals/ChangeNotifier.js';
import { referenceStoreCapabilities } from './_internals/capabilities.js';
import { currentChangesQuery, liveChangesQuery } from './_internals/changeQueries.js';
import { loadPg } from './_internals/loadPg.js';
import { PostgresChangeListener, type ListeningClient } from './_internals/PostgresChangeListener.js';
import { migrate, postgresNames, type PostgresNames, type SqlSession } from './_internals/postgresSchema.js';
import { changeOfRow, checkedWrite, ensureNamespace, selectRow, selectTagged, type PostgresStateRow, type Statement } from './_internals/postgresStatements.js';
import { objectOf, toJson, validateWrite, type StateWrite } from './_internals/writes.js';

/**
 * What the store needs of a connection pool; a `pg` `Pool` has it. The store runs each
 * statement on the pool and checks out one connection for LISTEN while live queries run.
 *
 * @public
 */
export interface PostgresPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<unknown>;
  end(): Promise<void>;
}

/** Connection settings for a pool the store opens itself; see `pg`'s `PoolConfig`. @public */
export interface PostgresConnectionOptions {
  readonly connectionString?: string;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  /** Most connections the pool opens (default 10; one more than the live queries' LISTEN connection). */
  readonly max?: number;
  /** How long to wait for a new connection before failing, in milliseconds (default: no limit). */
  readonly connectionTimeoutMillis?: number;
}

/** Options of {@link PostgresDurableStateStore.open}. @public */
export interface PostgresDurableStateStoreOptions {
  /**
   * A pool to run on, shared with the application; the store never ends it. Without one the
   * store opens its own pool from `connection` (or, by default, the standard `PGHOST`, `PGPORT`,
   * `PGUSER`, `PGPASSWORD`, `PGDATABASE` variables) and ends it on `close()`.
   */
  readonly pool?: PostgresPool;
  /** Settings of the store's own pool; ignored when `pool` is given. */
  readonly connection?: PostgresConnectionOptions;
  /** The PostgreSQL schema that holds the tables, created if missing (default `public`). */
  readonly schema?: string;
  /**
   * The store within the schema (default `default`): stores with different namespaces share the
   * tables but nothing else (ids, tags, offsets); stores with the same namespace are one store.
   */
  readonly namespace?: string;
  /** Source of change timestamps in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/**
 * The schemas migrated on each pool by this process: later opens on the same pool skip the
 * migration's round trips, so opening a store (say, one per test) costs one statement.
 */
const migrated = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Opens the LISTEN connection of a pool: for a `pg` pool, a client of its own with the pool's
 * settings, outside the pool, so live queries never take a connection reads and writes need;
 * for any other pool, a connection checked out of it.
 */
async function connectListener(pool: PostgresPool): Promise<ListeningClient> {
  const { options, Client } = pool as { options?: object; Client?: new (options: object) => PgClient };
  if (options === undefined) return (await pool.connect()) as ListeningClient;
  // The pool's own settings object: its password is a non-enumerable property a copy would lose.
  const ClientClass = Client ?? (loadPg().Client as unknown as new (options: object) => PgClient);
  const client = new ClientClass(options);
  client.on('error', () => {}); // until the listener attaches its own handler
  await client.connect();
  const on = (event: string, listener: (argument: never) => void) => client.on(event, listener);
  const removeListener = (event: string, listener: (argument: never) => void) => client.removeListener(event, listener);
  const release = () => void client.end().catch(() => {});
  return { query: (text: string) => client.query(text), on, removeListener, release };
}

/** A pool of the store's own. An idle connection's failure (a server restart) surfaces at its next use rather than crashing the process. */
function ownPool(connection: PostgresConnectionOptions | undefined): PostgresPool {
  const pool = new (loadPg().Pool)(connection === undefined ? {} : { ...connection });
  pool.on('error', () => {});
  return pool;
}

/** The parts of a `pg` `Client` the listener uses. */
interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<unknown>;
  on(event: string, listener: (argument: never) => void): unknown;
  removeListener(event: string, listener: (argument: never) => void): unknown;
  end(): Promise<void>;
}

/** PostgreSQL limits identifiers to 63 bytes. */
const MAX_IDENTIFIER_BYTES = 63;
/** NOTIFY payloads (the namespace) are limited to 8000 bytes; stay well inside. */
const MAX_NAMESPACE_BYTES = 1000;

/**
 * A durable store on PostgreSQL through `pg` (an optional peer dependency, loaded when the
 * first store is opened; if it is missing, `open` throws `MissingStoreDependencyError`).
 *
 * Every write is one statement whose revision check PostgreSQL evaluates on the row it locks
 * (`INSERT … ON CONFLICT DO NOTHING` for revision 1, `UPDATE … WHERE revision = r - 1` after it),
 * so writers on other connections or in other processes can never both win a revision, and a
 * refused write changes nothing. The same statement takes the next offset from a per-namespace
 * counter row whose lock is held until commit, so offsets follow commit order and a query
 * resuming after offset n can never miss a change committed later with a smaller one (TAG-04).
 *
 * Live queries (`changes`) are woken by NOTIFY, sent by a trigger at the commit of every upsert
 * or soft delete, from any connection or process; one LISTEN connection per pool serves every
 * store on it. A live query listens before it reads, so no commit falls between the two.
 *
 * The store creates its tables on `open` and migrates them from older versions (the version is
 * kept in `durable_state_schema_version`), under an advisory lock so concurrent openers do not
 * race. Values are stored as `json` text, exactly as `JSON.stringify` wrote them.
 *
 * @public
 */
export class PostgresDurableStateStore implements DurableStateStore {
  readonly capabilities: DurableStateStoreCapabilities = referenceStoreCapabilities(true);

  private readonly notifier = new ChangeNotifier();
  private readonly listener: PostgresChangeListener;
  private unlisten: (() => void) | undefined;
  private closed = false;
  private readonly wake = () => this.notifier.notify();
  private readonly changesAfter = async (tag: string, after: Offset): Promise<DurableStateChange[]> => {
    const rows = await this.run(selectTagged(this.names, this.namespace, tag, after));
    return rows.map(changeOfRow);
  };
  private readonly liveChangesAfter = async (tag: string, after: Offset): Promise<DurableStateChange[]> => {
    await this.ensureListening();
    return this.changesAfter(tag, after);
  };

  private constructor(
    private readonly pool: PostgresPool,
    private readonly ownsPool: boolean,
    private readonly names: PostgresNames,
    private readonly namespace: string,
    private readonly now: () => number,
  ) {
    this.listener = PostgresChangeListener.of(pool, () => connectListener(pool));
  }

  /**
   * Opens a store: connects, creates or migrates the schema and registers the namespace.
   * Rejects with `DurableStateStoreError` if the database cannot be reached or migrated.
   */
  static async open(options: PostgresDurableStateStoreOptions = {}): Promise<PostgresDurableStateStore> {
    const schema = options.schema ?? 'public';
    const namespace = options.namespace ?? 'default';
    if (schema.length === 0 || Buffer.byteLength(schema) > MAX_IDENTIFIER_BYTES || schema.includes('\u0000')) {
      throw new InvalidStoreArgumentError(`schema must be 1 to ${MAX_IDENTIFIER_BYTES} bytes without NUL characters, got ${JSON.stringify(schema)}`);
    }
    if (Buffer.byteLength(namespace) > MAX_NAMESPACE_BYTES || namespace.includes('\u0000')) {
      throw new InvalidStoreArgumentError(`namespace must be at most ${MAX_NAMESPACE_BYTES} bytes without NUL characters`);
    }
    const ownsPool = options.pool === undefined;
    const pool = options.pool ?? ownPool(options.connection);
    const names = postgresNames(schema);
    const store = new PostgresDurableStateStore(pool, ownsPool, names, namespace, options.now ?? Date.now);
    try {
      await store.prepare(schema);
    } catch (error) {
      if (ownsPool) await pool.end().catch(() => {});
      if (error instanceof PersistenceError) throw error;
      throw new DurableStateStoreError(`cannot open the PostgreSQL store (schema ${schema}): ${String(error)}`, { cause: error });
    }
    return store;
  }

  async getObject<S>(persistenceId: string): Promise<GetObjectResult<S>> {
    const [row] = await this.run(selectRow(this.names, this.namespace, persistenceId));
    return objectOf<S>(row === undefined ? undefined : changeOfRow(row));
  }

  async upsertObject<S>(persistenceId: string, revision: number, value: S, tag: string): Promise<void> {
    const write: StateWrite = { kind: 'upsert', persistenceId, revision, value, tag };
    validateWrite(write);
    await this.commit(write, toJson(value));
  }

  async deleteObject(persistenceId: string, revision: number): Promise<void> {
    const write: StateWrite = { kind: 'delete', persistenceId, revision };
    validateWrite(write);
    await this.commit(write, null);
  }

  currentChanges(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    this.ensureOpen();
    // The read is sent now, not when iteration starts: it holds what was committed before the call (TAG-02).
    return currentChangesQuery(this.changesAfter, tag, offset);
  }

  changes(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    this.ensureOpen();
    return liveChangesQuery(this.liveChangesAfter, this.notifier, tag, offset);
  }

  /** Ends live queries, stops listening and, if the store opened its pool, ends it; later calls reject with `StoreClosedError`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notifier.close();
    this.unlisten?.();
    this.unlisten = undefined;
    if (!this.ownsPool) return;
    this.listener.shutdown(); // nobody else uses this pool
    await this.pool.end();
  }

  /** Migrates the schema (once per pool and schema in this process) and registers the namespace. */
  private async prepare(schema: string): Promise<void> {
    let byPool = migrated.get(this.pool);
    if (byPool === undefined) migrated.set(this.pool, (byPool = new Map()));
    let migration = byPool.get(schema);
    if (migration === undefined) {
      migration = this.migrate(schema);
      byPool.set(schema, migration);
      migration.catch(() => byPool.delete(schema)); // the next open tries again
    }
    await migration;
    const namespace = ensureNamespace(this.names, this.namespace);
    await this.pool.query(namespace.text, namespace.values);
  }

  private async migrate(schema: string): Promise<void> {
    const session = (await this.pool.connect()) as SqlSession;
    try {
      await migrate(session, this.names, schema);
      session.release();
    } catch (error) {
      session.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  private async commit(write: StateWrite, valueJson: string | null): Promise<void> {
    const written = await this.run(checkedWrite(this.names, this.namespace, write, valueJson, this.now()));
    if (write.kind === 'delete' && write.revision === 0) return;
    if (written.length === 0) {
      // Refused. The stored revision is read afterwards, only to say what would have been accepted.
      const [row] = await this.run(selectRow(this.names, this.namespace, write.persistenceId));
      throw new RevisionConflictError(write.persistenceId, (row === undefined ? 0 : Number(row.revision)) + 1, write.revision);
    }
    // Live queries of this store need not wait for the NOTIFY round trip.
    this.notifier.notify();
  }

  /** Subscribes this store's live queries to commits from every connection; resolves once the server listens. */
  private async ensureListening(): Promise<void> {
    this.ensureOpen();
    this.unlisten ??= this.listener.subscribe(this.names.channel, this.namespace, this.wake);
    try {
      await this.listener.ready(this.names.channel);
    } catch (error) {
      throw new DurableStateStoreError(`PostgreSQL LISTEN failed: ${String(error)}`, { cause: error });
    }
  }

  /** Runs a statement; our own errors pass, driver errors become `DurableStateStoreError`. */
  private async run(statement: Statement): Promise<PostgresStateRow[]> {
    this.ensureOpen();
    try {
      return (await this.pool.query(statement.text, statement.values)).rows as PostgresStateRow[];
    } catch (error) {
      if (this.closed) throw new StoreClosedError('PostgresDurableStateStore');
      throw new DurableStateStoreError(`PostgreSQL operation failed: ${String(error)}`, { cause: error });
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError('PostgresDurableStateStore');
  }
}
