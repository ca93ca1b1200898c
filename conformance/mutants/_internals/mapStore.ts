/**
 * A small map-backed store that keeps the store contract, with switches for the bugs the store
 * mutants ship. With no flaw switched on it passes every STORE and TAG rule (the mutant tests
 * check that), so each mutant differs from a conforming store by its flaw alone.
 */
import type { StoreChange, StorePlugin, StoreUnderTest } from '../../contract/StorePlugin.js';

/** The bugs a map store can be built with. */
export interface StoreFlaws {
  /** Upserts are accepted whatever their revision (last writer wins). */
  readonly skipRevisionCheck?: boolean;
  /** A tag query resumed from an offset also skips the first change after it. */
  readonly resumeSkipsOne?: boolean;
  /** Reading an id never written reports revision 1 instead of 0. */
  readonly unknownAtRevisionOne?: boolean;
  /** A read returns what the id held before its latest write. */
  readonly staleReads?: boolean;
  /** A soft delete forgets the id, like a hard delete. */
  readonly softDeleteForgets?: boolean;
  /** Deleting an id never written fails. */
  readonly unknownDeleteFails?: boolean;
  /** An upsert rejected for its revision is stored anyway before it fails. */
  readonly rejectedWriteStored?: boolean;
}

/** A write whose revision is not the stored revision plus one. */
export class RevisionConflict extends Error {
  readonly code = 'REVISION_CONFLICT';

  constructor(persistenceId: string, expected: number, requested: number) {
    super(`${persistenceId}: expected revision ${expected}, got ${requested}`);
    this.name = 'RevisionConflict';
  }
}

function mapStore(flaws: StoreFlaws): StoreUnderTest {
  // Only the latest change of each id is kept: that is all a tag query reports (TAG-02).
  const latest = new Map<string, StoreChange>();
  /** Per id, the change before the latest (what a stale read sees). */
  const previous = new Map<string, StoreChange | undefined>();
  let lastOffset = 0;
  const record = (persistenceId: string, change: StoreChange | undefined): void => {
    previous.set(persistenceId, latest.get(persistenceId));
    if (change) latest.set(persistenceId, change);
    else latest.delete(persistenceId);
  };
  const check = (persistenceId: string, revision: number): void => {
    const expected = (latest.get(persistenceId)?.revision ?? 0) + 1;
    if (revision !== expected) throw new RevisionConflict(persistenceId, expected, revision);
  };
  return {
    getObject: async (persistenceId) => {
      const change = flaws.staleReads ? previous.get(persistenceId) : latest.get(persistenceId);
      const revision = change?.revision ?? (flaws.unknownAtRevisionOne && !latest.has(persistenceId) ? 1 : 0);
      return { value: change?.type === 'updated' ? change.value : undefined, revision };
    },
    upsertObject: async (persistenceId, revision, value, tag) => {
      const change: StoreChange = { type: 'updated', persistenceId, revision, tag, value, offset: lastOffset + 1 };
      if (flaws.rejectedWriteStored) {
        try {
          check(persistenceId, revision);
        } finally {
          lastOffset += 1;
          record(persistenceId, change);
        }
        return;
      }
      if (!flaws.skipRevisionCheck) check(persistenceId, revision);
      lastOffset += 1;
      record(persistenceId, change);
    },
    deleteObject: async (persistenceId, revision) => {
      if (flaws.unknownDeleteFails && !latest.has(persistenceId)) throw new RevisionConflict(persistenceId, 1, revision);
      if (revision === 0) {
        record(persistenceId, undefined); // hard delete: no trace, no change
        return;
      }
      check(persistenceId, revision);
      const tag = latest.get(persistenceId)?.tag ?? '';
      record(persistenceId, flaws.softDeleteForgets ? undefined : { type: 'deleted', persistenceId, revision, tag, offset: ++lastOffset });
    },
    async *currentChanges(tag, offset) {
      const after = flaws.resumeSkipsOne && offset > 0 ? offset + 1 : offset;
      yield* [...latest.values()].filter((c) => c.tag === tag && c.offset > after).sort((a, b) => a.offset - b.offset);
    },
  };
}

/** A store plugin over a fresh map store with `flaws`, claiming the full store contract except live queries. */
export function mapStorePlugin(name: string, flaws: StoreFlaws): StorePlugin {
  return {
    name,
    version: '0.1.0',
    capabilities: ['store', 'store.revision-check', 'store.delete-revision-check', 'store.hard-delete', 'store.tag-queries'],
    deleteOfUnknownId: 'tombstone',
    createStore: () => mapStore(flaws),
  };
}
