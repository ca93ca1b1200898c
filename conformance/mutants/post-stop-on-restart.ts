// Broken: a restarted behavior also receives PostStop (just before PreRestart).
// Caught by: LIF-05 (a restart signals PreRestart, never PostStop).
import type { RuntimeMutant } from './Mutant.js';

/** PostStop delivered on restart. @public */
export const postStopOnRestart: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: post-stop-on-restart',
  breaks: 'a restarted behavior also receives PostStop',
  caughtBy: ['LIF-05'],
  mutation: { postStopOnRestart: true },
};
