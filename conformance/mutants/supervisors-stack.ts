// Broken: a supervisor returned by a handler is stacked inside an active one for the same error
// type instead of replacing it.
// Caught by: SUP-06 (the replaced supervisor is still there when the new one hands a failure on).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Same-type supervisors stack. @public */
export const supervisorsStack: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: supervisors-stack',
  breaks: 'a supervisor for the same error type stacks instead of replacing the active one',
  caughtBy: ['SUP-06'],
  mutation: { addedSupervisorsStack: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(supervisorsStack);
