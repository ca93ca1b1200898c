// Broken: a read returns what the id held before its latest write.
// Caught by: the read rule of whichever write the read missed: STORE-02 (an upsert is read back),
// STORE-05 (a soft delete reads as no value), STORE-07 (a hard delete reads as nothing) and STORE-08
// (a tombstone of an unknown id reads at its revision).
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** A read returns what the id held before its latest write. @public */
export const storeStaleReads: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-stale-reads',
  breaks: 'a read returns what the id held before its latest write',
  caughtBy: ['STORE-02', 'STORE-05', 'STORE-07', 'STORE-08'],
  plugin: mapStorePlugin('mutant: store-stale-reads', { staleReads: true }),
};
