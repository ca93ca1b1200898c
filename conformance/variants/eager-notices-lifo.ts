// Legal: notices overtaking user mail under the most fine-grained interleaving the runtime offers.
// Freedom: system messages first, actors interleave, throughput
import type { Variant } from './Variant.js';
import { runnable } from './_internals/runnable.js';

/** System-message priority, one message per turn and the newest actor first. @public */
export const eagerNoticesLifo: Variant = {
  name: 'variant: eager-notices-lifo',
  differs: 'system-message priority, one message per turn and the newest actor first',
  freedom: 'system messages first, actors interleave, throughput',
  scheduling: { systemMessagePriority: true, throughput: 1, runQueue: 'lifo' },
};

/** The reference runtime taking this freedom, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(eagerNoticesLifo);
