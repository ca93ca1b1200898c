import type { VirtualClock } from './VirtualClock.js';

/** Bound on clock instants one advance may visit, against runtimes that keep re-arming timers at once. */
const maxInstantsPerAdvance = 10_000;

/**
 * Moves the suite's clock `ms` forward one due instant at a time, settling the system after
 * each, as the models assume: whatever a timer starts is finished before the next instant fires.
 */
export async function advanceClock(clock: Pick<VirtualClock, 'now' | 'nextDue' | 'fireUntil'>, ms: number, settle: () => Promise<void>): Promise<void> {
  const target = clock.now() + ms;
  for (let instant = 0; instant < maxInstantsPerAdvance; instant++) {
    const due = clock.nextDue();
    if (due === undefined || due > target) break;
    clock.fireUntil(due);
    await settle();
  }
  clock.fireUntil(target);
}
