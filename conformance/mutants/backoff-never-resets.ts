// Broken: backoff never forgets its restart count, however long the actor ran without failing.
// Caught by: SUP-11 (the count resets after resetAfter without a failure).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Backoff whose restart count never resets. @public */
export const backoffNeverResets: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: backoff-never-resets',
  breaks: 'backoff never resets its restart count after a quiet period',
  caughtBy: ['SUP-11'],
  mutation: { strategy: (s) => (s.kind === 'backoff' ? { ...s, resetAfterMs: 1e9 } : s) },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(backoffNeverResets);
