import type { PropertyFamily } from '../engine/PropertyFamily.js';
import { baseProfile } from './baseProfile.js';

/**
 * Named family "failure bubbling": random depths of watch chains, handled and unhandled
 * Terminated, death pacts, and strategies at each level.
 *
 * @public
 */
export const failureBubbling: PropertyFamily = {
  id: 'watch.failure-bubbling',
  title: 'Failures bubble up watch chains as ChildFailed and death pacts, decided by each level',
  rules: ['WATCH-01', 'WATCH-02', 'WATCH-06', 'WATCH-07', 'WATCH-08', 'SUP-04', 'SUP-14'],
  requires: ['watch'],
  profile: {
    ...baseProfile,
    maxDepth: 3,
    maxChildren: 1,
    // Stop more often than not: a stop is what passes a failure up the chain.
    strategies: ['stop', 'stop', 'restart', 'resume'],
    watchModes: ['watch', 'watch', 'none'],
    unhandledTerminated: true,
    terminatedFailures: true,
    steps: { ping: 1, fail: 5, stop: 1 },
  },
  numRuns: 200,
};

/** watch / watchWith / unwatch between arbitrary actors, including dead ones and restarting watchers. @public */
export const registration: PropertyFamily = {
  id: 'watch.registration',
  title: 'Watch notifies once, also for dead targets; unwatch revokes; watchWith delivers its message',
  rules: ['WATCH-01', 'WATCH-03', 'WATCH-04', 'WATCH-05'],
  requires: ['watch'],
  profile: {
    ...baseProfile,
    maxDepth: 1,
    maxChildren: 1,
    strategies: ['stop', 'restart', 'backoff'],
    initialActors: { min: 2, max: 3 },
    // spawnFailing: watching an actor whose first start failed, so it never ran, still notifies (WATCH-03).
    steps: { spawn: 1, spawnFailing: 1, ping: 1, watch: 4, watchWith: 2, unwatch: 4, stop: 3, fail: 1, advance: 1 },
    maxSteps: 15,
  },
  numRuns: 150,
};

/** Watchers that restart (at once or after a backoff) between watching and the target's stop. @public */
export const acrossRestarts: PropertyFamily = {
  id: 'watch.across-restarts',
  title: 'Watches on non-children survive the watcher\'s restart; notices arriving meanwhile are buffered',
  rules: ['WATCH-09', 'WATCH-10', 'WATCH-04', 'SUP-10'],
  requires: ['watch', 'supervision.restart'],
  profile: {
    ...baseProfile,
    maxDepth: 1,
    maxChildren: 1,
    minLayers: 1,
    errorScoping: false,
    strategies: ['restart', 'backoff'],
    watchModes: ['none', 'watch', 'watchWith'],
    initialActors: { min: 2, max: 3 },
    steps: { watch: 4, watchWith: 2, unwatch: 1, fail: 4, stop: 3, advance: 2 },
    maxSteps: 14,
  },
  numRuns: 100,
};

/**
 * A child whose first setup fails, is retried by its limited restart or backoff, starts, and
 * later fails for good: its watching parent gets the original error, not an initialization
 * failure, because the child did start (WATCH-02). The child's first start comes from a parent
 * restart after `failNextSetup` armed the child's next setup. @public
 */
export const failureAfterRetriedStart: PropertyFamily = {
  id: 'watch.failure-after-retried-start',
  title: 'A child that started on a retry and then fails reports the original error to its watching parent',
  rules: ['WATCH-02', 'SUP-08'],
  requires: ['watch', 'watch.child-failed', 'supervision.restart'],
  profile: {
    ...baseProfile,
    maxDepth: 1,
    minChildren: 1,
    maxChildren: 1,
    minLayers: 1,
    // Restarts only, half of them limited: the parent's restart re-creates the child, whose armed
    // first setup fails and is retried by a limited layer; a later failure its layer does not
    // match, or one past its limit, stops it.
    errorScoping: true,
    strategies: ['restart'],
    limits: true,
    watchModes: ['watch'],
    initialActors: { min: 1, max: 1 },
    steps: { failNextSetup: 2, fail: 5 },
    maxSteps: 10,
  },
  numRuns: 150,
};

/**
 * Unwatch and the target's stop both arriving while the watcher waits for a backoff restart:
 * the termination notice is queued behind the unwatch, and once the new incarnation handles
 * the unwatch the queued notice must not reach it (WATCH-04). @public
 */
export const unwatchDuringRestart: PropertyFamily = {
  id: 'watch.unwatch-during-restart',
  title: 'A notice queued behind an unwatch during a backoff restart is never delivered',
  rules: ['WATCH-04', 'SUP-10'],
  requires: ['watch', 'supervision.backoff', 'time.manual'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    minLayers: 1,
    errorScoping: false,
    strategies: ['backoff'],
    // Two actors that watch each other, fail (every layer backs off) and unwatch, with long
    // runs: a watch, a failure, an unwatch and the target's stop before the delay ends is rare.
    initialActors: { min: 2, max: 2 },
    steps: { watch: 3, fail: 2, unwatch: 3, stop: 1, advance: 2 },
    maxAdvanceMs: 90,
    maxSteps: 20,
  },
  numRuns: 150,
};
