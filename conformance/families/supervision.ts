import type { PropertyFamily } from '../engine/PropertyFamily.js';
import { baseProfile } from './baseProfile.js';

/** Resume, restart and stop under random error hierarchies and nested layers. @public */
export const strategies: PropertyFamily = {
  id: 'supervision.strategies',
  title: 'The innermost matching strategy decides: resume keeps state, restart resets it, stop stops',
  rules: ['SUP-01', 'SUP-02', 'SUP-03', 'SUP-04', 'SUP-05', 'SUP-15', 'LIF-05', 'LIF-06', 'LIF-10'],
  requires: [],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    maxLayers: 3,
    signalHandlerFailures: true,
    steps: { spawn: 1, ping: 3, fail: 3, stop: 1, burst: 1 },
  },
  numRuns: 100,
};

/** Restart limits over virtual time, and setups that throw. @public */
export const restartLimits: PropertyFamily = {
  id: 'supervision.restart-limits',
  title: 'Restart limits count within their window; failing setups are retried only within limits',
  rules: ['SUP-07', 'SUP-08', 'SUP-09', 'LIF-06'],
  requires: ['supervision.restart', 'supervision.restart-limit', 'time.manual'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    // One layer: the rules do not say which layer handles a setup failure that only an inner one matches.
    maxLayers: 1,
    strategies: ['restart', 'resume', 'stop'],
    limits: true,
    steps: { spawn: 2, ping: 2, fail: 4, advance: 2, failNextSetup: 4 },
    maxSteps: 15,
  },
  numRuns: 150,
};

/** Exponential backoff with buffering of what arrives meanwhile. @public */
export const backoff: PropertyFamily = {
  id: 'supervision.backoff',
  title: 'Backoff restarts after the computed delay and delivers buffered messages in order',
  rules: ['SUP-10', 'SUP-11'],
  requires: ['supervision.backoff', 'time.manual'],
  profile: {
    ...baseProfile,
    strategies: ['backoff', 'restart'],
    limits: true,
    steps: { ping: 3, fail: 3, advance: 3, failNextSetup: 1 },
    maxSteps: 15,
  },
  numRuns: 100,
};

/**
 * Named family "child stop on restart": trees of children, restarts that stop them (or keep
 * them), messages to children and parents around the restart.
 *
 * @public
 */
export const childStopOnRestart: PropertyFamily = {
  id: 'supervision.child-stop-on-restart',
  title: 'A restart signals PreRestart, stops every child, then re-runs setup (unless children are kept)',
  rules: ['SUP-03', 'SUP-12', 'SUP-13', 'WATCH-10', 'LIF-04', 'LIF-05'],
  requires: ['supervision.restart'],
  profile: {
    ...baseProfile,
    maxDepth: 2,
    strategies: ['restart', 'backoff', 'stop'],
    keepChildren: true,
    watchModes: ['none', 'watch', 'watchWith'],
    steps: { ping: 3, fail: 4, spawnChild: 1, stopChild: 1, advance: 1, burst: 2 },
    maxSteps: 14,
  },
  numRuns: 150,
};
