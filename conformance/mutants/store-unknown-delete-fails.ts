// Broken: deleting an id never written fails.
// Caught by: STORE-08 (deleting an unknown id leaves a tombstone or does nothing).
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** Deleting an id never written fails. @public */
export const storeUnknownDeleteFails: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-unknown-delete-fails',
  breaks: 'deleting an id never written fails',
  caughtBy: ['STORE-08'],
  plugin: mapStorePlugin('mutant: store-unknown-delete-fails', { unknownDeleteFails: true }),
};
