// Broken: restart limits are ignored, so an actor restarts however often it fails.
// Caught by: SUP-07 (exceeding the restart limit stops the actor).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';
import { withoutSetting } from './_internals/withoutSetting.js';

/** Restart limit ignored. @public */
export const restartLimitIgnored: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: restart-limit-ignored',
  breaks: 'restart ignores its limit',
  caughtBy: ['SUP-07'],
  mutation: { strategy: withoutSetting('restart', 'limit') },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(restartLimitIgnored);
