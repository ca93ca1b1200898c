// Broken: a store that claims `store.revision-check` but accepts every upsert, whatever its
// revision (last writer wins). Reads, deletes and tag queries keep the contract.
// Caught by: STORE-04 (an upsert whose revision is not the current one plus one is rejected).
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** A store plugin with no revision check. @public */
export const storeNoRevisionCheck: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-no-revision-check',
  breaks: 'upserts are accepted whatever their revision',
  caughtBy: ['STORE-04'],
  plugin: mapStorePlugin('mutant: store-no-revision-check', { skipRevisionCheck: true }),
};
