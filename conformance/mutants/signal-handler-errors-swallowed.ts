// Broken: an error thrown while handling Terminated is swallowed instead of supervised.
// Caught by: SUP-14 (errors in signal handlers are supervised like any other).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** An error thrown while handling Terminated is swallowed instead of supervised. @public */
export const signalHandlerErrorsSwallowed: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: signal-handler-errors-swallowed',
  breaks: 'an error thrown while handling Terminated is swallowed instead of supervised',
  caughtBy: ['SUP-14'],
  mutation: { signalHandlerErrorsSwallowed: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(signalHandlerErrorsSwallowed);
