// Broken: an upsert rejected for its revision is stored anyway.
// Caught by: STORE-09 (a failed write leaves no trace), when a read or a later write shows the
// rejected value stored.
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** An upsert rejected for its revision is stored anyway. @public */
export const storeRejectedWriteStored: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-rejected-write-stored',
  breaks: 'an upsert rejected for its revision is stored anyway',
  caughtBy: ['STORE-09'],
  plugin: mapStorePlugin('mutant: store-rejected-write-stored', { rejectedWriteStored: true }),
};
