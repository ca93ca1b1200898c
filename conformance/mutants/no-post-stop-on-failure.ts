// Broken: an actor that a failure stops gets no PostStop.
// Caught by: LIF-06 (a failure that stops the actor signals PostStop).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** An actor that a failure stops gets no PostStop. @public */
export const noPostStopOnFailure: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: no-post-stop-on-failure',
  breaks: 'an actor that a failure stops gets no PostStop',
  caughtBy: ['LIF-06'],
  mutation: { noPostStopOnFailure: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(noPostStopOnFailure);
