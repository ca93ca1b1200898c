// Broken: while a write is in flight, the durable entity's signal handler sees the state being
// written, as if it had already landed.
// Caught by: DS-18 (signals during a write are handled against the last written state).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Signals handled against the state still being written. @public */
export const signalsSeePendingState: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: signals-see-pending-state',
  breaks: 'a termination notice during a write sees the state being written',
  caughtBy: ['DS-18'],
  mutation: { signalsSeePendingState: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(signalsSeePendingState);
