// Broken: stopping a child that is not there stops the actor itself.
// Caught by: LIF-09 (stopping an absent child is a no-op).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Stopping a child that is not there stops the actor itself. @public */
export const stoppingAbsentChildStopsSelf: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: stopping-absent-child-stops-self',
  breaks: 'stopping a child that is not there stops the actor itself',
  caughtBy: ['LIF-09'],
  mutation: { stoppingAbsentChildStopsSelf: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(stoppingAbsentChildStopsSelf);
