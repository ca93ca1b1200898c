// Broken: messages to a stopped actor vanish instead of going to dead letters.
// Caught by: LIF-08 (a message an actor never handled is published as a dead letter).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Messages to a stopped actor vanish instead of going to dead letters. @public */
export const deadLettersLost: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: dead-letters-lost',
  breaks: 'messages to a stopped actor vanish instead of going to dead letters',
  caughtBy: ['LIF-08'],
  mutation: { deadLettersLost: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(deadLettersLost);
