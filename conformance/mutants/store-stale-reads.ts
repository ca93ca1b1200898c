// Broken: a read returns what the id held before its latest write.
// Caught by: STORE-02 (an upsert is read back) and STORE-09, which the sequential
// property also blames when a read after a rejected write shows the wrong state.
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** A read returns what the id held before its latest write. @public */
export const storeStaleReads: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-stale-reads',
  breaks: 'a read returns what the id held before its latest write',
  caughtBy: ['STORE-02', 'STORE-09'],
  plugin: mapStorePlugin('mutant: store-stale-reads', { staleReads: true }),
};
