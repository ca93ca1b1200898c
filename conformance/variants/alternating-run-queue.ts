// Legal: a mixed run queue, neither FIFO nor LIFO: no rule orders the turns of different actors.
// Freedom: actors interleave
import type { Variant } from './Variant.js';
import { runnable } from './_internals/runnable.js';

/** Turns go to the oldest and the newest scheduled actor by turns. @public */
export const alternatingRunQueue: Variant = {
  name: 'variant: alternating-run-queue',
  differs: 'turns go to the oldest and the newest scheduled actor by turns',
  freedom: 'actors interleave',
  scheduling: { runQueue: 'alternating' },
};

/** The reference runtime taking this freedom, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(alternatingRunQueue);
