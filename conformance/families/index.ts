import type { PropertyFamily } from '../engine/PropertyFamily.js';
import { markers, restartBuffer, startAndStop, timers } from './lifecycle.js';
import { stashBuffers, stashReplayBeforeMail, stashStopDuringUnstash, stashUnsupervised } from './stash.js';
import { backoff, childStopOnRestart, nestedStartFailures, replacement, restartLimits, setupFailures, strategies } from './supervision.js';
import { acrossRestarts, failureAfterRetriedStart, failureBubbling, registration, unwatchDuringRestart } from './watch.js';

/** Every property run through the runtime adapter, grouped by area. @public */
export const runtimeFamilies: readonly PropertyFamily[] = [
  startAndStop,
  timers,
  restartBuffer,
  markers,
  strategies,
  restartLimits,
  setupFailures,
  nestedStartFailures,
  replacement,
  backoff,
  childStopOnRestart,
  failureBubbling,
  registration,
  acrossRestarts,
  failureAfterRetriedStart,
  unwatchDuringRestart,
  stashBuffers,
  stashStopDuringUnstash,
  stashUnsupervised,
  stashReplayBeforeMail,
];
