import { createHash } from 'node:crypto';
import { DurableStateStoreError } from '../../errors.js';

/** Runs one SQL statement; a pool or a checked-out client. */
export interface SqlRunner {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A client checked out of a pool for a transaction. */
export interface SqlSession extends SqlRunner {
  release(error?: Error | boolean): void;
}

/** The quoted, schema-qualified names of the store's objects in one PostgreSQL schema. */
export interface PostgresNames {
  readonly schema: string;
  readonly state: string;
  readonly offsets: string;
  readonly version: string;
  /** The NOTIFY channel commits in this schema are announced on (payload: the namespace). */
  readonly channel: string;
}

/** `"name"`, with embedded quotes doubled: safe for any schema name. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The channel of a schema. Channel names are identifiers of at most 63 bytes, so the schema
 * name is hashed; the trigger computes the same name with `md5` on the server.
 */
export function channelOf(schema: string): string {
  return `durable_state_${createHash('md5').update(schema).digest('hex').slice(0, 20)}`;
}

export function postgresNames(schema: string): PostgresNames {
  const q = quoteIdentifier(schema);
  return {
    schema: q,
    state: `${q}.durable_state`,
    offsets: `${q}.durable_state_offset`,
    version: `${q}.durable_state_schema_version`,
    channel: channelOf(schema),
  };
}

/**
 * The schema's migrations, in order: `migrations[i]` takes the schema from version `i` to
 * `i + 1`. Append new ones; never edit a released one (databases already ran it).
 */
export const migrations: readonly ((n: PostgresNames) => string)[] = [
  (n) => `
    CREATE TABLE ${n.state} (
      namespace       text    NOT NULL,
      persistence_id  text    NOT NULL,
      revision        bigint  NOT NULL,
      state_value     json,
      tag             text    NOT NULL,
      deleted         boolean NOT NULL,
      state_offset    bigint  NOT NULL,
      state_timestamp bigint  NOT NULL,
      PRIMARY KEY (namespace, persistence_id)
    );
    CREATE INDEX durable_state_by_tag ON ${n.state} (namespace, tag, state_offset);
    -- One offset counter per namespace, apart from the rows so that a hard delete of the newest
    -- row cannot make offsets go backwards (TAG-04). Writers lock it until they commit, so
    -- offsets are handed out in commit order and a reader never sees offset n+1 before n.
    CREATE TABLE ${n.offsets} (
      namespace   text   PRIMARY KEY,
      last_offset bigint NOT NULL
    );
    -- Every committed upsert or soft delete wakes the live queries of its namespace, in any
    -- process; NOTIFY is delivered at commit and never for a rolled-back write.
    CREATE FUNCTION ${n.schema}.durable_state_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('durable_state_' || substr(md5(TG_TABLE_SCHEMA), 1, 20), NEW.namespace);
      RETURN NULL;
    END $$;
    CREATE TRIGGER durable_state_notify AFTER INSERT OR UPDATE ON ${n.state}
      FOR EACH ROW EXECUTE FUNCTION ${n.schema}.durable_state_notify();
  `,
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = migrations.length;

/** A lock class of our own for `pg_advisory_xact_lock(class, key)`, so migrations of one schema take turns. */
const MIGRATION_LOCK_CLASS = 0x44535354; // "DSST"

/**
 * Creates the schema or brings it up to {@link SCHEMA_VERSION}, in one transaction under an
 * advisory lock, so that processes opening the same database at once migrate it exactly once.
 * A database migrated by a newer version of this code is refused rather than misread.
 */
export async function migrate(session: SqlSession, names: PostgresNames, schemaName: string): Promise<void> {
  await session.query('BEGIN');
  try {
    await session.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schemaName]);
    await session.query(`CREATE SCHEMA IF NOT EXISTS ${names.schema}`);
    await session.query(`CREATE TABLE IF NOT EXISTS ${names.version} (version integer NOT NULL)`);
    const rows = (await session.query(`SELECT version FROM ${names.version}`)).rows as { version: number }[];
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new DurableStateStoreError(
        `schema ${names.schema} is at version ${current}, newer than this PostgresDurableStateStore knows (${SCHEMA_VERSION}); upgrade the package`,
      );
    }
    for (let version = current; version < SCHEMA_VERSION; version++) await session.query(migrations[version]!(names));
    if (rows.length === 0) await session.query(`INSERT INTO ${names.version} (version) VALUES ($1)`, [SCHEMA_VERSION]);
    else if (current < SCHEMA_VERSION) await session.query(`UPDATE ${names.version} SET version = $1`, [SCHEMA_VERSION]);
    await session.query('COMMIT');
  } catch (error) {
    await session.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
