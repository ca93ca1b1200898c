import type { DurableStateStoreCapabilities } from '../../DurableStateStore.js';

/**
 * The capabilities shared by this package's stores, which differ only in durability: full
 * revision checks, R2DBC-style deletes (revision 0 hard-deletes, an unknown id gets a tombstone)
 * and both tag queries.
 */
export function referenceStoreCapabilities(durable: boolean): DurableStateStoreCapabilities {
  return Object.freeze({
    revisionCheck: true,
    deleteRevisionCheck: true,
    hardDelete: true,
    deleteOfUnknownId: 'tombstone',
    tagQueries: true,
    liveChanges: true,
    durable,
  });
}
