import type * as Pg from 'pg';

/** One conformance run's share of a PostgreSQL server: a pool and a schema of its own. */
export interface PostgresRun {
  readonly pool: Pg.Pool;
  readonly schema: string;
  /** Deletes one store's rows (its namespace). */
  forget(namespace: string): Promise<void>;
  /** Drops the schema and ends the pool. */
  end(): Promise<void>;
}

const howToStart = 'start one with: eval "$(scripts/postgres.sh start)"';

/** Where the standard variables point, for messages. */
function target(): string {
  return `${process.env.PGHOST ?? 'localhost'}:${process.env.PGPORT ?? '5432'}`;
}

async function loadPg(): Promise<typeof Pg.default> {
  try {
    const pg = await import('pg');
    return pg.default;
  } catch (error) {
    throw new Error(`the PostgreSQL store plugin needs the package pg (npm install pg): ${String(error)}`, { cause: error });
  }
}

/**
 * Why no PostgreSQL server can be used, or `undefined` if one answers: `PGHOST` must be set
 * (a laptop without a server is the common case, not an error) and a connection must succeed.
 */
export async function postgresUnavailable(): Promise<string | undefined> {
  if (!process.env.PGHOST) return `PGHOST is not set, so there is no PostgreSQL server to test against; ${howToStart}`;
  let pg: typeof Pg.default;
  try {
    pg = await loadPg();
  } catch (error) {
    return (error as Error).message;
  }
  const client = new pg.Client({ connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `cannot reach PostgreSQL at ${target()} (from PGHOST/PGPORT): ${(error as Error).message}; ${howToStart}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Opens the run's pool (from the PG* variables) and checks the server answers. */
export async function startPostgresRun(schema: string): Promise<PostgresRun> {
  const pg = await loadPg();
  // allowExitOnIdle: a run that never reaches teardown must not keep the process alive.
  const pool = new pg.Pool({ max: 10, allowExitOnIdle: true, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {}); // an idle client's failure surfaces at its next use
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`cannot reach PostgreSQL at ${target()} (from PGHOST/PGPORT): ${(error as Error).message}; ${howToStart}`, { cause: error });
  }
  const quoted = `"${schema.replaceAll('"', '""')}"`;
  return {
    pool,
    schema,
    async forget(namespace) {
      await pool.query(
        `WITH rows AS (DELETE FROM ${quoted}.durable_state WHERE namespace = $1) DELETE FROM ${quoted}.durable_state_offset WHERE namespace = $1`,
        [namespace],
      );
    },
    async end() {
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}
