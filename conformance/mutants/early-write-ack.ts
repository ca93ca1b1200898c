// Broken: the durable-state store acknowledges a write as soon as it is issued (write-behind), so
// the entity runs its side effects before the write has succeeded, and a failed write goes unnoticed.
// Caught by: DS-06 (side effects run only after a successful write), DS-04 (commands wait while a
// write is in flight) and DS-08 (a failed write runs no side effects).
import type { SuiteStore } from '../contract/SuiteStore.js';
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** The store as the runtime sees it: upserts resolve at once; the real write's outcome is dropped. */
function acknowledgingEarly(store: SuiteStore): SuiteStore {
  return {
    getObject: (persistenceId) => store.getObject(persistenceId),
    upsertObject: (persistenceId, revision, value, tag) => {
      // The write-behind loses the real outcome: that is the bug.
      store.upsertObject(persistenceId, revision, value, tag).catch(() => undefined);
      return Promise.resolve();
    },
    deleteObject: (persistenceId, revision) => store.deleteObject(persistenceId, revision),
  };
}

/** A side effect reported before the write succeeded. @public */
export const earlyWriteAck: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: early-write-ack',
  breaks: 'side effects run before the write succeeded',
  caughtBy: ['DS-04', 'DS-06', 'DS-08'],
  mutation: { durableStore: acknowledgingEarly },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(earlyWriteAck);
