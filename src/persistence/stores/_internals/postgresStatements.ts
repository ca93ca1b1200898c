import type { DurableStateChange } from '../../DurableStateStore.js';
import type { PostgresNames } from './postgresSchema.js';
import type { StateWrite } from './writes.js';

/** A row as the store's selects return it (bigint columns arrive as text from `pg`). */
export interface PostgresStateRow {
  persistence_id: string;
  revision: string | number;
  state_value: string | null;
  tag: string;
  deleted: boolean;
  state_offset: string | number;
  state_timestamp: string | number;
}

/** One statement: its text and parameters. */
export interface Statement {
  readonly text: string;
  readonly values: unknown[];
}

const COLUMNS = 'persistence_id, revision, state_value::text AS state_value, tag, deleted, state_offset, state_timestamp';

/** The stored row of one id. */
export function selectRow(n: PostgresNames, namespace: string, persistenceId: string): Statement {
  return { text: `SELECT ${COLUMNS} FROM ${n.state} WHERE namespace = $1 AND persistence_id = $2`, values: [namespace, persistenceId] };
}

/** The latest change of every id with `tag`, after `offset`, in offset order (the `(namespace, tag, state_offset)` index). */
export function selectTagged(n: PostgresNames, namespace: string, tag: string, offset: number): Statement {
  return {
    text: `SELECT ${COLUMNS} FROM ${n.state} WHERE namespace = $1 AND tag = $2 AND state_offset > $3 ORDER BY state_offset`,
    values: [namespace, tag, offset],
  };
}

/** Creates the namespace's offset counter if it does not exist yet. */
export function ensureNamespace(n: PostgresNames, namespace: string): Statement {
  return { text: `INSERT INTO ${n.offsets} (namespace, last_offset) VALUES ($1, 0) ON CONFLICT (namespace) DO NOTHING`, values: [namespace] };
}

/**
 * The one statement that performs a checked write; it returns a row if and only if the write
 * happened. The revision check is the statement's own condition, evaluated by PostgreSQL on the
 * row it locks, so writers on other connections or in other processes cannot slip between a
 * check and a write:
 * - revision 1: an `INSERT … ON CONFLICT DO NOTHING` (an existing row, even an uncommitted one
 *   another writer is inserting, makes it write nothing);
 * - revision r > 1: an `UPDATE … WHERE revision = r - 1`, which PostgreSQL re-evaluates on the
 *   newest version of the row if a concurrent writer changed it first;
 * - revision 0 of a delete: a hard delete, which needs no check and emits no change (STORE-07).
 *
 * Upserts and soft deletes first take the next offset from the namespace's counter row in the
 * same statement; the row lock is held until commit, so offsets follow commit order (a refused
 * write leaves a gap, which TAG-04 allows).
 */
export function checkedWrite(n: PostgresNames, namespace: string, write: StateWrite, valueJson: string | null, timestamp: number): Statement {
  const { persistenceId, revision } = write;
  if (write.kind === 'delete' && revision === 0) {
    return { text: `DELETE FROM ${n.state} WHERE namespace = $1 AND persistence_id = $2`, values: [namespace, persistenceId] };
  }
  const nextOffset = `WITH next AS (UPDATE ${n.offsets} SET last_offset = last_offset + 1 WHERE namespace = $1 RETURNING last_offset)`;
  // A delete of a never-written id leaves an untagged tombstone (STORE-08); a soft delete keeps the tag (TAG-01).
  const tag = write.kind === 'upsert' ? write.tag : '';
  const deleted = write.kind === 'delete';
  if (revision === 1) {
    return {
      text: `${nextOffset}
        INSERT INTO ${n.state} (namespace, persistence_id, revision, state_value, tag, deleted, state_offset, state_timestamp)
        SELECT $1, $2, 1, $3::json, $4, $5, last_offset, $6 FROM next
        ON CONFLICT (namespace, persistence_id) DO NOTHING
        RETURNING revision`,
      values: [namespace, persistenceId, valueJson, tag, deleted, timestamp],
    };
  }
  const newTag = write.kind === 'upsert' ? '$5' : 'tag';
  return {
    text: `${nextOffset}
      UPDATE ${n.state}
      SET revision = $3, state_value = $4::json, tag = ${newTag}, deleted = ${deleted ? 'true' : 'false'},
          state_offset = (SELECT last_offset FROM next), state_timestamp = $${write.kind === 'upsert' ? 6 : 5}
      WHERE namespace = $1 AND persistence_id = $2 AND revision = $3 - 1
      RETURNING revision`,
    values:
      write.kind === 'upsert'
        ? [namespace, persistenceId, revision, valueJson, write.tag, timestamp]
        : [namespace, persistenceId, revision, valueJson, timestamp],
  };
}

function header(row: PostgresStateRow) {
  return {
    persistenceId: row.persistence_id,
    revision: Number(row.revision),
    tag: row.tag,
    offset: Number(row.state_offset),
    timestamp: Number(row.state_timestamp),
  };
}

/** The change a stored row describes; the value is parsed afresh, so every read returns a new object. */
export function changeOfRow(row: PostgresStateRow): DurableStateChange {
  if (row.deleted || row.state_value === null) return { type: 'deleted', ...header(row) };
  return { type: 'updated', ...header(row), value: JSON.parse(row.state_value) as unknown };
}
