// Broken: a store that claims `store.revision-check` but accepts every upsert, whatever its
// revision (last writer wins). Everything else (reads, soft deletes) behaves.
// Caught by: STORE-04 (an upsert whose revision is not the current one plus one is rejected).
import type { StorePlugin, StoreUnderTest } from '../contract/StorePlugin.js';
import type { StoreMutant } from './Mutant.js';

interface Row {
  readonly value: unknown;
  readonly revision: number;
}

/** A map-backed store whose upsert skips the revision check. */
function createStore(): StoreUnderTest {
  const rows = new Map<string, Row>();
  return {
    getObject: async (id) => rows.get(id) ?? { value: undefined, revision: 0 },
    upsertObject: async (id, revision, value) => {
      rows.set(id, { value, revision });
    },
    deleteObject: async (id, revision) => {
      rows.set(id, { value: undefined, revision });
    },
  };
}

const plugin: StorePlugin = {
  name: 'mutant: store-no-revision-check',
  version: '0.1.0',
  capabilities: ['store', 'store.revision-check'],
  deleteOfUnknownId: 'tombstone',
  createStore,
};

/** A store plugin with no revision check. @public */
export const storeNoRevisionCheck: StoreMutant = {
  kind: 'store',
  name: plugin.name,
  breaks: 'upserts are accepted whatever their revision',
  caughtBy: ['STORE-04'],
  plugin,
};
