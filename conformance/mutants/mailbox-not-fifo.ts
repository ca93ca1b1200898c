// Broken: two messages sent back to back to one actor are handled in the opposite order.
// Caught by: LIF-02 (messages from one sender are handled in the order sent).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Two messages sent back to back to one actor are handled in the opposite order. @public */
export const mailboxNotFifo: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: mailbox-not-fifo',
  breaks: 'two messages sent back to back to one actor are handled in the opposite order',
  caughtBy: ['LIF-02'],
  mutation: { mailboxNotFifo: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(mailboxNotFifo);
