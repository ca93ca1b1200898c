// Broken: unstash(n) replays every stashed message instead of the n oldest.
// Caught by: STASH-02 (unstashing n replays exactly the n oldest, the rest stay stashed).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** `unstash(n)` replays the whole stash. @public */
export const unstashCountIgnored: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: unstash-count-ignored',
  breaks: 'unstash(n) replays the whole stash, not only its n oldest messages',
  caughtBy: ['STASH-02'],
  mutation: { unstashCountIgnored: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(unstashCountIgnored);
