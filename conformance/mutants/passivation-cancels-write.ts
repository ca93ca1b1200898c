// Broken: a passivation request stops the durable entity at once, as an abrupt stop would: the write
// in flight never gets its side effects and the commands held before the request are never handled.
// Caught by: DS-19 (passivation waits for the in-flight write and the commands held before it).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Passivation that cancels the pending write. @public */
export const passivationCancelsWrite: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: passivation-cancels-write',
  breaks: 'passivation stops the entity at once instead of waiting for the write in flight',
  caughtBy: ['DS-19'],
  mutation: { passivationStopsAtOnce: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(passivationCancelsWrite);
