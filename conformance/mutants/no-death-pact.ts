// Broken: the signal handler counts an unhandled Terminated as handled, so no death pact is raised.
// Caught by: WATCH-06 (unhandled Terminated fails the watcher with a death pact) and WATCH-07.
import type { RuntimeMutant } from './Mutant.js';

/** DeathPact not raised for an unhandled Terminated. @public */
export const noDeathPact: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: no-death-pact',
  breaks: 'an unhandled Terminated is swallowed instead of raising a death pact',
  caughtBy: ['WATCH-06', 'WATCH-07'],
  mutation: { terminatedAlwaysHandled: true },
};
