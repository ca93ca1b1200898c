// Broken: an upsert rejected for its revision is stored anyway.
// Caught by: STORE-09 (a failed write leaves no trace) and STORE-02, when a read shows the
// rejected value.
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** An upsert rejected for its revision is stored anyway. @public */
export const storeRejectedWriteStored: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-rejected-write-stored',
  breaks: 'an upsert rejected for its revision is stored anyway',
  caughtBy: ['STORE-09', 'STORE-02'],
  plugin: mapStorePlugin('mutant: store-rejected-write-stored', { rejectedWriteStored: true }),
};
