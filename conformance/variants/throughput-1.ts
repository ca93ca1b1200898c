// Legal: how many messages an actor handles per turn is the runtime's choice.
// Freedom: throughput
import type { Variant } from './Variant.js';
import { runnable } from './_internals/runnable.js';

/** An actor yields after every message. @public */
export const throughputOne: Variant = {
  name: 'variant: throughput-1',
  differs: 'an actor yields after every message',
  freedom: 'throughput',
  scheduling: { throughput: 1 },
};

/** The reference runtime taking this freedom, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(throughputOne);
