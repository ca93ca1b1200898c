import type { GenerationProfile } from '../engine/GenerationProfile.js';

/**
 * The common ground of the runtime properties: small trees, one supervision layer, no
 * features switched on. Each family overrides what it is about.
 *
 * @public
 */
export const baseProfile: GenerationProfile = {
  maxDepth: 1,
  maxChildren: 2,
  maxLayers: 1,
  strategies: ['stop', 'resume', 'restart'],
  limits: false,
  keepChildren: false,
  watchModes: ['none'],
  unhandledTerminated: false,
  stash: false,
  terminatedFailures: false,
  signalHandlerFailures: false,
  initialActors: { min: 1, max: 2 },
  steps: { spawn: 1, ping: 3, fail: 2 },
  maxAdvanceMs: 120,
  maxSteps: 12,
};
