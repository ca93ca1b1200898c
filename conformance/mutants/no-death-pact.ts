// Broken: the signal handler counts an unhandled Terminated as handled, so no death pact is raised.
// Caught by: WATCH-06 (an unhandled Terminated fails the watcher with a death pact). WATCH-07 (bubbling
// up a chain) is not listed: without a death pact the failing run never gets that far.
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** DeathPact not raised for an unhandled Terminated. @public */
export const noDeathPact: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: no-death-pact',
  breaks: 'an unhandled Terminated is swallowed instead of raising a death pact',
  caughtBy: ['WATCH-06'],
  mutation: { terminatedAlwaysHandled: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(noDeathPact);
