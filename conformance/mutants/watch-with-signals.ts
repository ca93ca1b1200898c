// Broken: watchWith registers a plain watch: Terminated comes instead of the message.
// Caught by: WATCH-05 (watchWith delivers the custom message).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** WatchWith registers a plain watch: Terminated comes instead of the message. @public */
export const watchWithSignals: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: watch-with-signals',
  breaks: 'watchWith registers a plain watch: Terminated comes instead of the message',
  caughtBy: ['WATCH-05'],
  mutation: { watchWithSignals: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(watchWithSignals);
