// Broken: a restart reports Terminated for the watched children it stops.
// Caught by: WATCH-10 (notices of children stopped by a restart are consumed).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A restart reports Terminated for the watched children it stops. @public */
export const restartReportsChildren: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: restart-reports-children',
  breaks: 'a restart reports Terminated for the watched children it stops',
  caughtBy: ['WATCH-10'],
  mutation: { restartReportsChildren: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(restartReportsChildren);
