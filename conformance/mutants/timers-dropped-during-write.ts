// Broken: a durable entity's timer messages go around the internal stash, so one that fires while a
// write is in flight is lost.
// Caught by: DS-20 (timer messages during a write are held and handled afterwards).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Timer messages dropped during a write. @public */
export const timersDroppedDuringWrite: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: timers-dropped-during-write',
  breaks: 'a timer message arriving while a write is in flight is lost',
  caughtBy: ['DS-20'],
  mutation: { timerMessagesDroppedDuringWrite: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(timersDroppedDuringWrite);
