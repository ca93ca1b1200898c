// Broken: backoff restarts however often it has restarted before.
// Caught by: SUP-11 (with a maximum of m restarts the actor stops after m).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';
import { withoutSetting } from './_internals/withoutSetting.js';

/** Backoff restarts however often it has restarted before. @public */
export const backoffMaxRestartsIgnored: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: backoff-max-restarts-ignored',
  breaks: 'backoff restarts however often it has restarted before',
  caughtBy: ['SUP-11'],
  mutation: { strategy: withoutSetting('backoff', 'maxRestarts') },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(backoffMaxRestartsIgnored);
