// Broken: a voluntary stop signals PostStop before the children have stopped.
// Caught by: LIF-04 (children stop before their parent completes its stop).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A voluntary stop signals PostStop before the children have stopped. @public */
export const postStopBeforeChildren: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: post-stop-before-children',
  breaks: 'a voluntary stop signals PostStop before the children have stopped',
  caughtBy: ['LIF-04'],
  mutation: { postStopBeforeChildren: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(postStopBeforeChildren);
