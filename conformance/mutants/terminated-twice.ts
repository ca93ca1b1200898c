// Broken: every Terminated signal is delivered twice.
// Caught by: WATCH-01 (one termination notice per watcher).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Every Terminated signal is delivered twice. @public */
export const terminatedTwice: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: terminated-twice',
  breaks: 'every Terminated signal is delivered twice',
  caughtBy: ['WATCH-01'],
  mutation: { terminatedTwice: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(terminatedTwice);
