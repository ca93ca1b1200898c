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
