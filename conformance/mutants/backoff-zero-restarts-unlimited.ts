// Broken: a backoff allowed 0 restarts restarts without limit, as if 0 meant "no maximum".
// Caught by: SUP-11 (with a maximum of m restarts the actor stops after m, so at once for 0).
import type { SupervisorStrategy } from '../../spec/model/index.js';
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';
import { withoutSetting } from './_internals/withoutSetting.js';

const dropMaxRestarts = withoutSetting('backoff', 'maxRestarts');

/** A backoff with `maxRestarts: 0` restarts without limit. @public */
export const backoffZeroRestartsUnlimited: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: backoff-zero-restarts-unlimited',
  breaks: 'a backoff allowed 0 restarts restarts without limit',
  caughtBy: ['SUP-11'],
  mutation: { strategy: (strategy: SupervisorStrategy) => (strategy.kind === 'backoff' && strategy.maxRestarts === 0 ? dropMaxRestarts(strategy) : strategy) },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(backoffZeroRestartsUnlimited);
