import type { DurableStateChange } from '../../DurableStateStore.js';
import { DurableStateStoreError } from '../../errors.js';

/**
 * The on-disk form of one entity: its latest change, or a `removed` marker left by a hard delete.
 * The marker keeps its offset so that offsets never go backwards across a reopen (TAG-04).
 */
export type EntityRecord =
  | { readonly kind: 'change'; readonly change: DurableStateChange }
  | { readonly kind: 'removed'; readonly persistenceId: string; readonly offset: number };

/**
 * Serializes a record. `valueJson` is the already-serialized value of an update, spliced in so
 * the value is stringified once per write.
 */
export function recordText(record: EntityRecord, valueJson: string | undefined): string {
  if (record.kind === 'removed') {
    return `{"state":"removed","persistenceId":${JSON.stringify(record.persistenceId)},"offset":${record.offset}}`;
  }
  const { change } = record;
  const head =
    `{"state":${JSON.stringify(change.type)},"persistenceId":${JSON.stringify(change.persistenceId)},` +
    `"revision":${change.revision},"tag":${JSON.stringify(change.tag)},"offset":${change.offset},` +
    `"timestamp":${change.timestamp}`;
  return change.type === 'updated' ? `${head},"value":${valueJson ?? 'null'}}` : `${head}}`;
}

/** Parses a record file, rejecting anything that is not exactly what {@link recordText} writes. */
export function parseRecord(text: string, fileName: string): EntityRecord {
  const corrupt = (why: string) => new DurableStateStoreError(`corrupt record ${fileName}: ${why}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw corrupt(String(error));
  }
  if (typeof raw !== 'object' || raw === null) throw corrupt('not an object');
  const r = raw as Record<string, unknown>;
  const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (typeof r.persistenceId !== 'string' || !isCount(r.offset)) throw corrupt('missing id or offset');
  if (r.state === 'removed') return { kind: 'removed', persistenceId: r.persistenceId, offset: r.offset };
  if (!isCount(r.revision) || typeof r.tag !== 'string' || typeof r.timestamp !== 'number') {
    throw corrupt('missing revision, tag or timestamp');
  }
  const base = { persistenceId: r.persistenceId, revision: r.revision, tag: r.tag, offset: r.offset, timestamp: r.timestamp };
  if (r.state === 'deleted') return { kind: 'change', change: { type: 'deleted', ...base } };
  if (r.state === 'updated' && 'value' in r) return { kind: 'change', change: { type: 'updated', ...base, value: r.value } };
  throw corrupt(`unknown state ${String(r.state)}`);
}
