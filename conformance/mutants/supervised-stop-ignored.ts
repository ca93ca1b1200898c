// Broken: returning stopped does nothing under a supervisor that restarts or resumes.
// Caught by: SUP-15 (a supervised stopped behavior stops under every strategy) and
// LIF-03 (a voluntary stop signals PostStop).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Returning stopped does nothing under a supervisor that restarts or resumes. @public */
export const supervisedStopIgnored: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: supervised-stop-ignored',
  breaks: 'returning stopped does nothing under a supervisor that restarts or resumes',
  caughtBy: ['SUP-15', 'LIF-03'],
  mutation: { supervisedStopIgnored: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(supervisedStopIgnored);
