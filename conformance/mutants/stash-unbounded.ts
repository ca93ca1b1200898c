// Broken: a stash buffer holds far more than its capacity.
// Caught by: STASH-01 (a full stash buffer fails the actor on the next stash).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A stash buffer holds far more than its capacity. @public */
export const stashUnbounded: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: stash-unbounded',
  breaks: 'a stash buffer holds far more than its capacity',
  caughtBy: ['STASH-01'],
  mutation: { stashUnbounded: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(stashUnbounded);
