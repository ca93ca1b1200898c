import type { DurableStateStore } from '../../../../../src/persistence/DurableStateStore.js';
import { RevisionConflictError } from '../../../../../src/persistence/errors.js';

/** What one writer of a race saw: the revisions it won per id, and how many writes were refused. */
export interface RaceResult {
  readonly won: Record<string, number[]>;
  readonly conflicts: number;
}

/**
 * Read-modify-write increments of `{ count }` on `ids` (taken in turn) until `increments` were
 * acknowledged, retrying refused writes. Only a `RevisionConflictError` counts as refused; any
 * other failure ends the race with that error.
 */
export async function incrementRace(store: DurableStateStore, writer: string, ids: readonly string[], increments: number): Promise<RaceResult> {
  const won: Record<string, number[]> = Object.fromEntries(ids.map((id) => [id, []]));
  let conflicts = 0;
  for (let done = 0; done < increments; ) {
    const id = ids[done % ids.length]!;
    const { value, revision } = await store.getObject<{ count: number }>(id);
    try {
      await store.upsertObject(id, revision + 1, { count: (value?.count ?? 0) + 1, by: writer }, 'race');
    } catch (error) {
      if (!(error instanceof RevisionConflictError)) throw error;
      conflicts++;
      continue;
    }
    won[id]!.push(revision + 1);
    done++;
  }
  return { won, conflicts };
}
