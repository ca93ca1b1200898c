/**
 * The shipped legal variants: the reference runtime changed only where the rules leave the
 * runtime free, each of which must pass every rule (the mirror image of `conformance/mutants/`:
 * those prove the suite catches bugs, these that it accepts what the rules allow).
 *
 * @packageDocumentation
 */
import type { Variant } from './Variant.js';
import { alternatingRunQueue } from './alternating-run-queue.js';
import { childrenStoppedInReverse } from './children-stopped-in-reverse.js';
import { eagerNoticesLifo } from './eager-notices-lifo.js';
import { lifoRunQueue } from './lifo-run-queue.js';
import { pekkoDispatcher } from './pekko-dispatcher.js';
import { systemMessagePriority } from './system-message-priority.js';
import { throughputOne } from './throughput-1.js';
import { throughputLarge } from './throughput-300.js';

export type { Variant } from './Variant.js';

/** Every shipped legal variant. @public */
export const variants: readonly Variant[] = [
  systemMessagePriority,
  lifoRunQueue,
  alternatingRunQueue,
  throughputOne,
  throughputLarge,
  childrenStoppedInReverse,
  pekkoDispatcher,
  eagerNoticesLifo,
];
