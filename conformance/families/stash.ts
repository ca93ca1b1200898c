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
    stash: true,
    steps: { ping: 1, stash: 4, unstash: 3, fail: 1 },
    maxSteps: 15,
  },
  numRuns: 100,
};
