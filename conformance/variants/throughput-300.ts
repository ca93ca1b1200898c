// Legal: how many messages an actor handles per turn is the runtime's choice.
// Freedom: throughput
import type { Variant } from './Variant.js';
import { runnable } from './_internals/runnable.js';

/** An actor handles up to 300 messages per turn (Pekko defaults to 5). @public */
export const throughputLarge: Variant = {
  name: 'variant: throughput-300',
  differs: 'an actor handles up to 300 messages per turn (Pekko defaults to 5)',
  freedom: 'throughput',
  scheduling: { throughput: 300 },
};

/** The reference runtime taking this freedom, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(throughputLarge);
