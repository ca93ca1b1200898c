// Broken: a tag query resumed from an offset also skips the first change after that offset.
// Caught by: TAG-04 (resuming from an emitted offset loses no later change), when a query resumes
// from an offset it or an earlier query of the tag returned.
import { mapStorePlugin } from './_internals/mapStore.js';
import type { StoreMutant } from './Mutant.js';

/** A tag query that loses a change when resumed. @public */
export const storeResumeSkipsOne: StoreMutant = {
  kind: 'store',
  name: 'mutant: store-resume-skips-one',
  breaks: 'a resumed tag query loses the first change after its offset',
  caughtBy: ['TAG-04'],
  plugin: mapStorePlugin('mutant: store-resume-skips-one', { resumeSkipsOne: true }),
};
