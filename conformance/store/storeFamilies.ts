import type { StoreFamily } from './StoreProfile.js';

/** Writes and reads one at a time: the store contract (STORE-01..09). @public */
export const storeSequential: StoreFamily = {
  id: 'store.sequential',
  title: 'Reads see the last successful write; refused writes change nothing',
  rules: ['STORE-01', 'STORE-02', 'STORE-03', 'STORE-04', 'STORE-05', 'STORE-06', 'STORE-07', 'STORE-08', 'STORE-09'],
  requires: ['store'],
  profile: { steps: { upsert: 4, delete: 2, get: 4 }, wrongRevisions: 1, maxSteps: 14 },
  numRuns: 60,
};

/** Batches of writers racing on the same ids and revisions. @public */
export const storeConcurrentWriters: StoreFamily = {
  id: 'store.concurrent-writers',
  title: 'Concurrent writers of one revision: the outcome is some serial order (one winner with revision checks)',
  rules: ['STORE-02', 'STORE-04', 'STORE-09'],
  requires: ['store'],
  profile: { steps: { concurrent: 4, get: 3, upsert: 1 }, wrongRevisions: 0, maxSteps: 10 },
  numRuns: 60,
};

/** Finite tag queries interleaved with writes and deletes. @public */
export const storeTagQueries: StoreFamily = {
  id: 'store.tag-queries',
  title: 'currentChanges shows the latest change per id with its tag, offsets increase, resuming loses nothing',
  rules: ['TAG-01', 'TAG-02', 'TAG-04', 'TAG-05', 'TAG-06'],
  requires: ['store', 'store.tag-queries'],
  profile: { steps: { upsert: 4, delete: 2, concurrent: 1, query: 3 }, wrongRevisions: 1, maxSteps: 14 },
  numRuns: 50,
};

/** Live tag queries opened between writes: they show what exists, then what is written, and never complete. @public */
export const storeLiveChanges: StoreFamily = {
  id: 'store.live-changes',
  title: 'changes() emits the latest change of each id and later writes, and keeps running',
  rules: ['TAG-03'],
  requires: ['store', 'store.tag-queries', 'store.live-changes'],
  profile: { steps: { upsert: 3, delete: 1, live: 2 }, wrongRevisions: 0, maxSteps: 8 },
  numRuns: 20,
};

/**
 * The plugin seen as a store without tag queries (TAG-07): its query methods removed and
 * `store.tag-queries`/`store.live-changes` undeclared. The store contract still holds, query
 * steps are left out, and every tag-query rule is skipped with a reason; the plugin itself
 * must offer the queries it declares.
 *
 * @public
 */
export const storeWithoutTagQueries: StoreFamily = {
  id: 'store.without-tag-queries',
  title: 'Tag queries are optional: without them the store contract still holds and every tag-query rule is skipped with a reason',
  rules: ['TAG-07'],
  requires: ['store'],
  profile: { steps: { upsert: 3, delete: 1, get: 3, concurrent: 1, query: 2, live: 1 }, wrongRevisions: 1, maxSteps: 8, withoutTagQueries: true },
  numRuns: 15,
};

/** Every store property. @public */
export const storeFamilies: readonly StoreFamily[] = [storeSequential, storeConcurrentWriters, storeTagQueries, storeLiveChanges, storeWithoutTagQueries];
