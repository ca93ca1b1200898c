// Broken: a restarted behavior also receives PostStop (just before PreRestart).
// Caught by: LIF-05 (a restart signals PreRestart, never PostStop).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** PostStop delivered on restart. @public */
export const postStopOnRestart: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: post-stop-on-restart',
  breaks: 'a restarted behavior also receives PostStop',
  caughtBy: ['LIF-05'],
  mutation: { postStopOnRestart: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(postStopOnRestart);
