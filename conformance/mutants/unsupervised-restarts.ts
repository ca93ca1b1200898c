// Broken: an actor without a supervisor is restarted when it fails.
// Caught by: SUP-01 (without supervision a failure stops the actor).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** An actor without a supervisor is restarted when it fails. @public */
export const unsupervisedRestarts: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: unsupervised-restarts',
  breaks: 'an actor without a supervisor is restarted when it fails',
  caughtBy: ['SUP-01'],
  mutation: { unsupervisedRestarts: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(unsupervisedRestarts);
