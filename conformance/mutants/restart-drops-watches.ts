// Broken: a restart drops the watches the actor held on actors other than its children.
// Caught by: WATCH-09 (watches on non-children survive a restart of the watcher).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A restart drops the watches the actor held on actors other than its children. @public */
export const restartDropsWatches: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: restart-drops-watches',
  breaks: 'a restart drops the watches the actor held on actors other than its children',
  caughtBy: ['WATCH-09'],
  mutation: { restartDropsWatches: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(restartDropsWatches);
