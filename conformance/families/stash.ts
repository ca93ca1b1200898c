import type { PropertyFamily } from '../engine/PropertyFamily.js';
import { baseProfile } from './baseProfile.js';

/** Bounded FIFO stash buffers, unstashing with failures and stops in the replayed commands. @public */
export const stashBuffers: PropertyFamily = {
  id: 'stash.buffers',
  title: 'Stash is bounded and FIFO; unstashing handles failures and stops like normal processing',
  rules: ['STASH-01', 'STASH-02', 'STASH-03', 'STASH-04', 'STASH-05', 'STASH-06', 'LIF-08'],
  requires: ['stash'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    // Always supervised: a failure during unstash is then resumed or restarted (STASH-05) as often as stopped (STASH-06).
    minLayers: 1,
    // Every failure meets that supervisor, so the one actor outlives more of its failures.
    errorScoping: false,
    stash: true,
    // One actor takes every step, so several messages pile up before an unstash of fewer (STASH-02).
    initialActors: { min: 1, max: 1 },
    steps: { ping: 1, stash: 6, unstash: 3, fail: 1 },
    // Mostly pings, so an actor still runs when several are stashed before an unstash of fewer (STASH-02).
    stashedCommands: { ping: 4, fail: 2, stop: 1, unhandled: 1 },
    // Room for two at least: an unstash of one must leave something behind.
    stashCapacity: { min: 2, max: 3 },
    maxSteps: 15,
    // Once the one actor stopped, later steps tell it anyway: its mail goes to dead letters (LIF-08).
    tellStopped: true,
  },
  numRuns: 100,
};
