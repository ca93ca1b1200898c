// Broken: a failed child is reported to its watching parent as a plain Terminated.
// Caught by: WATCH-02 (a watching parent learns the cause of a failed child).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A failed child is reported to its watching parent as a plain Terminated. @public */
export const childFailureCauseLost: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: child-failure-cause-lost',
  breaks: 'a failed child is reported to its watching parent as a plain Terminated',
  caughtBy: ['WATCH-02'],
  mutation: { childFailureCauseLost: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(childFailureCauseLost);
