// Legal: actors run concurrently: the turns of different actors come in any order the happens-before edges allow.
// Freedom: actors interleave
import type { Variant } from './Variant.js';
import { runnable } from './_internals/runnable.js';

/** The actor scheduled last gets the next turn. @public */
export const lifoRunQueue: Variant = {
  name: 'variant: lifo-run-queue',
  differs: 'the actor scheduled last gets the next turn',
  freedom: 'actors interleave',
  scheduling: { runQueue: 'lifo' },
};

/** The reference runtime taking this freedom, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(lifoRunQueue);
