// Broken: unstashAll replays the stash newest first.
// Caught by: STASH-02 (unstashAll replays in stash order before the mailbox).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** unstashAll in reverse order. @public */
export const unstashAllReversed: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: unstash-all-reversed',
  breaks: 'unstashAll replays newest first',
  caughtBy: ['STASH-02'],
  mutation: { unstashAllReversed: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(unstashAllReversed);
