import type { DurableStateChange } from '../../DurableStateStore.js';
import { InvalidStoreArgumentError, RevisionConflictError } from '../../errors.js';

/** One requested write, before the store has checked it against the stored state. */
export type StateWrite =
  | {
      readonly kind: 'upsert';
      readonly persistenceId: string;
      readonly revision: number;
      readonly value: unknown;
      readonly tag: string;
    }
  | { readonly kind: 'delete'; readonly persistenceId: string; readonly revision: number };

/** Rejects arguments no store accepts, before anything is touched. */
export function validateWrite(write: StateWrite): void {
  if (typeof write.persistenceId !== 'string' || write.persistenceId.length === 0) {
    throw new InvalidStoreArgumentError('persistenceId must be a non-empty string');
  }
  const lowest = write.kind === 'upsert' ? 1 : 0;
  if (!Number.isSafeInteger(write.revision) || write.revision < lowest) {
    throw new InvalidStoreArgumentError(
      `revision of ${write.kind} must be a safe integer >= ${lowest}, got ${String(write.revision)}`,
    );
  }
  if (write.kind === 'upsert') {
    if (typeof write.tag !== 'string') throw new InvalidStoreArgumentError('tag must be a string');
    // `undefined` is how getObject reports "no value", so storing it would be ambiguous.
    if (write.value === undefined) throw new InvalidStoreArgumentError('value must not be undefined');
  }
}

/** Rejects with a conflict unless `requested` is the stored revision + 1 (STORE-04, STORE-06). */
export function checkRevision(persistenceId: string, current: DurableStateChange | undefined, requested: number): void {
  const expected = (current === undefined ? 0 : current.revision) + 1;
  if (requested !== expected) throw new RevisionConflictError(persistenceId, expected, requested);
}

/**
 * The change a valid write produces on top of `current`, or `null` for a hard delete
 * (revision 0, STORE-07). Throws `RevisionConflictError` when the revision does not fit.
 *
 * A soft delete keeps the entity's tag (TAG-01); deleting an id that was never written
 * records a tombstone at revision 1 with the empty tag (STORE-08, the R2DBC choice).
 */
export function resolveWrite(
  current: DurableStateChange | undefined,
  write: StateWrite,
  offset: number,
  timestamp: number,
): DurableStateChange | null {
  const { persistenceId, revision } = write;
  if (write.kind === 'delete' && revision === 0) return null;
  checkRevision(persistenceId, current, revision);
  if (write.kind === 'upsert') {
    return { type: 'updated', persistenceId, revision, value: write.value, tag: write.tag, offset, timestamp };
  }
  return { type: 'deleted', persistenceId, revision, tag: current === undefined ? '' : current.tag, offset, timestamp };
}

/** The `getObject` view of the latest change of an entity. */
export function objectOf<S>(latest: DurableStateChange | undefined): { value: S | undefined; revision: number } {
  if (latest === undefined) return { value: undefined, revision: 0 };
  // The store cannot check S; callers choose it, as with any deserializing store.
  return { value: latest.type === 'updated' ? (latest.value as S) : undefined, revision: latest.revision };
}

/** JSON text of a value, or an `InvalidStoreArgumentError` if JSON cannot represent it. */
export function toJson(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidStoreArgumentError(`value cannot be serialized as JSON: ${String(error)}`);
  }
  if (json === undefined) throw new InvalidStoreArgumentError('value cannot be serialized as JSON');
  return json;
}
