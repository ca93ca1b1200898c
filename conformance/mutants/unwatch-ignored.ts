// Broken: unwatch does nothing.
// Caught by: WATCH-04 (after unwatch no notice arrives).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Unwatch does nothing. @public */
export const unwatchIgnored: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: unwatch-ignored',
  breaks: 'unwatch does nothing',
  caughtBy: ['WATCH-04'],
  mutation: { unwatchIgnored: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(unwatchIgnored);
