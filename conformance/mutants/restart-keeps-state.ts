// Broken: a restarted behavior keeps the state of the one it replaces.
// Caught by: SUP-03 (a restart discards the state held by the failed behavior).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A restarted behavior keeps the state of the one it replaces. @public */
export const restartKeepsState: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: restart-keeps-state',
  breaks: 'a restarted behavior keeps the state of the one it replaces',
  caughtBy: ['SUP-03'],
  mutation: { restartKeepsState: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(restartKeepsState);
