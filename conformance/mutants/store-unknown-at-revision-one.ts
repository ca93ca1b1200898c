// Broken: reading an id never written reports revision 1.
// Caught by: STORE-01 (an unknown id reads as nothing at revision 0) and STORE-07 (after a
// hard delete a read returns revision 0, which this store misreports the same way).
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** Reading an id never written reports revision 1. @public */
export const storeUnknownAtRevisionOne: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-unknown-at-revision-one',
  breaks: 'reading an id never written reports revision 1',
  caughtBy: ['STORE-01', 'STORE-07'],
  plugin: mapStorePlugin('mutant: store-unknown-at-revision-one', { unknownAtRevisionOne: true }),
};
