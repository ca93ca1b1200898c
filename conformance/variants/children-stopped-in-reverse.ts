// Legal: siblings stopped together stop in any order; only each child before its parent is fixed (LIF-04, SUP-12).
// Freedom: siblings stop concurrently
import type { Variant } from './Variant.js';
import { runnable } from './_internals/runnable.js';

/** A stopping or restarting actor asks its children to stop newest first. @public */
export const childrenStoppedInReverse: Variant = {
  name: 'variant: children-stopped-in-reverse',
  differs: 'a stopping or restarting actor asks its children to stop newest first',
  freedom: 'siblings stop concurrently',
  scheduling: { childStopOrder: 'reverse' },
};

/** The reference runtime taking this freedom, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(childrenStoppedInReverse);
