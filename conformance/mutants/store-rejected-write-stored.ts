// Broken: an upsert rejected for its revision is stored anyway.
// Caught by: STORE-09 (a failed write leaves no trace) and STORE-04 (a rejected
// upsert changes nothing).
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** An upsert rejected for its revision is stored anyway. @public */
export const storeRejectedWriteStored: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-rejected-write-stored',
  breaks: 'an upsert rejected for its revision is stored anyway',
  caughtBy: ['STORE-09', 'STORE-04'],
  plugin: mapStorePlugin('mutant: store-rejected-write-stored', { rejectedWriteStored: true }),
};
