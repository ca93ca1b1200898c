// Legal: a death notice, child-failure notice or late-watch notice is handled before the messages already in the mailbox (never inside a restart buffer's replay or an unstash).
// Freedom: system messages first
import type { Variant } from './Variant.js';
import { runnable } from './_internals/runnable.js';

/** Termination notices overtake queued user messages, as Pekko handles system messages. @public */
export const systemMessagePriority: Variant = {
  name: 'variant: system-message-priority',
  differs: 'termination notices overtake queued user messages, as Pekko handles system messages',
  freedom: 'system messages first',
  scheduling: { systemMessagePriority: true },
};

/** The reference runtime taking this freedom, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(systemMessagePriority);
