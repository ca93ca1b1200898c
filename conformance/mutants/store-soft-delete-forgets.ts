// Broken: a soft delete forgets the id like a hard delete.
// Caught by: STORE-05 (a delete at revision + 1 keeps the revision) and STORE-08 (the tombstone
// this store declares for an unknown id is forgotten too).
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** A soft delete forgets the id like a hard delete. @public */
export const storeSoftDeleteForgets: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-soft-delete-forgets',
  breaks: 'a soft delete forgets the id like a hard delete',
  caughtBy: ['STORE-05', 'STORE-08'],
  plugin: mapStorePlugin('mutant: store-soft-delete-forgets', { softDeleteForgets: true }),
};
