// Broken: a tag query resumed from an offset also skips the first change after that offset.
// Caught by: TAG-02 and TAG-05, the rules the current-changes query property blames. TAG-04
// (resuming loses nothing) would be the natural one, but it needs `store.live-changes`, which this
// store (like the correct map store it derives from) does not declare.
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** A tag query that loses a change when resumed. @public */
export const storeResumeSkipsOne: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-resume-skips-one',
  breaks: 'a resumed tag query loses the first change after its offset',
  caughtBy: ['TAG-02', 'TAG-05'],
  plugin: mapStorePlugin('mutant: store-resume-skips-one', { resumeSkipsOne: true }),
};
