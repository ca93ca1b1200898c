// Broken: watching an actor that has already stopped registers nothing.
// Caught by: WATCH-03 (watching a dead actor still yields a termination notice).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Watching an actor that has already stopped registers nothing. @public */
export const deadTargetsUnwatchable: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: dead-targets-unwatchable',
  breaks: 'watching an actor that has already stopped registers nothing',
  caughtBy: ['WATCH-03'],
  mutation: { deadTargetsUnwatchable: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(deadTargetsUnwatchable);
