// Broken: messages that arrive while a restart is in progress are all dropped.
// Caught by: SUP-10 (messages during a restart are buffered and delivered afterwards).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Messages that arrive while a restart is in progress are all dropped. @public */
export const restartBufferZero: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: restart-buffer-zero',
  breaks: 'messages that arrive while a restart is in progress are all dropped',
  caughtBy: ['SUP-10'],
  mutation: { restartBufferCapacity: 0 },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(restartBufferZero);
