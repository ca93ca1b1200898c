// Legal: the freedoms combine: each is independent of the others.
// Freedom: all of the above at once
import type { Variant } from './Variant.js';
import { runnable } from './_internals/runnable.js';

/** System-message priority with a throughput of 5 (Pekko's default), a mixed run queue and siblings stopped newest first. @public */
export const pekkoDispatcher: Variant = {
  name: 'variant: pekko-dispatcher',
  differs: 'system-message priority with a throughput of 5, as in Pekko, a mixed run queue and siblings stopped newest first',
  freedom: 'all of the above at once',
  scheduling: { systemMessagePriority: true, throughput: 5, runQueue: 'alternating', childStopOrder: 'reverse' },
};

/** The reference runtime taking this freedom, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(pekkoDispatcher);
