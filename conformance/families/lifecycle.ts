import type { PropertyFamily } from '../engine/PropertyFamily.js';
import { baseProfile } from './baseProfile.js';

/** Spawning trees, voluntary stops, stopping children, unsupervised failures. @public */
export const startAndStop: PropertyFamily = {
  id: 'lifecycle.start-and-stop',
  title: 'Setup runs eagerly; stops deliver PostStop children-first',
  rules: ['LIF-01', 'LIF-02', 'LIF-03', 'LIF-04', 'LIF-06', 'LIF-08', 'LIF-09', 'SUP-01'],
  requires: [],
  profile: {
    ...baseProfile,
    maxDepth: 2,
    maxLayers: 0,
    strategies: ['stop'],
    steps: { spawn: 1, ping: 3, stop: 2, stopChild: 2, spawnChild: 1, fail: 1, burst: 2 },
  },
  numRuns: 100,
};

/** Timers armed before a restart or stop never fire afterwards. @public */
export const timers: PropertyFamily = {
  id: 'lifecycle.timers',
  title: 'Timers fire on time and are cancelled on restart and stop',
  rules: ['LIF-07'],
  requires: ['timers', 'time.manual'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    strategies: ['restart', 'resume', 'stop'],
    steps: { ping: 1, timer: 3, advance: 3, fail: 2, stop: 1 },
  },
  numRuns: 100,
};

/**
 * Mail sent while a backoff restart waits for its delay, into a buffer of one or two: the first
 * messages wait for the new incarnation in arrival order, the rest are dropped. @public
 */
export const restartBuffer: PropertyFamily = {
  id: 'lifecycle.restart-buffer',
  title: 'Mail arriving during a backoff delay is held up to the buffer capacity, in order; the rest is dropped',
  rules: ['SUP-10', 'LIF-02', 'LIF-08'],
  requires: ['supervision.backoff', 'supervision.restart-buffer', 'time.manual'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    minLayers: 1,
    errorScoping: false,
    strategies: ['backoff'],
    smallRestartBuffers: true,
    // Several messages between a failure and the advance that ends its delay; a first start that
    // fails waits for its retry before any mail arrived.
    steps: { spawnFailing: 1, ping: 3, burst: 2, fail: 2, stop: 1, advance: 1 },
    maxAdvanceMs: 60,
  },
  numRuns: 60,
};

/**
 * Actors that switch to the runtime's `empty` or `ignore` behavior while children they watch
 * (by signal or by message) stop on their own or fail: empty dies of the unhandled notice, ignore
 * lives on; either handles nothing more, reports no signals, and stops with its parent or a
 * failure as any actor does. @public
 */
export const markers: PropertyFamily = {
  id: 'lifecycle.markers',
  title: 'The empty behavior leaves everything unhandled (a watched stop is a death pact); ignore drops everything',
  rules: ['LIF-11', 'WATCH-06'],
  requires: ['behaviors.markers', 'watch', 'watch.death-pact'],
  profile: {
    ...baseProfile,
    // Three levels: the middle actor becomes a marker, a child of it stops, its parent sees how it ended.
    maxDepth: 2,
    maxChildren: 2,
    minChildren: 1,
    initialActors: { min: 1, max: 1 },
    // Not resume: a resumed death pact leaves no trace to check.
    strategies: ['restart', 'stop'],
    watchModes: ['watch', 'watch', 'watch', 'watchWith'],
    // Mail to an actor the death pact stopped shows that it stopped (LIF-08).
    tellStopped: true,
    // Watches come from the blueprints only: a watch step could make an actor watch its grandchild,
    // whose notice then races with the stop of the child in between, which no rule orders.
    steps: { become: 4, ping: 1, stop: 3, fail: 1 },
    maxSteps: 12,
  },
  numRuns: 100,
};
