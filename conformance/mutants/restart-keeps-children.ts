// Broken: a restart keeps the children alive even though the strategy says to stop them.
// Caught by: SUP-12 (a restart stops the children by default).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Children kept on restart although the strategy stops them. @public */
export const restartKeepsChildren: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: restart-keeps-children',
  breaks: 'restart keeps the children although the strategy says to stop them',
  caughtBy: ['SUP-12'],
  mutation: { strategy: (s) => (s.kind === 'restart' ? { ...s, stopChildren: false } : s) },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(restartKeepsChildren);
