// Broken: a restart stops the children although the strategy says to keep them.
// Caught by: SUP-13 (a restart configured to keep children keeps them running).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A restart stops the children although the strategy says to keep them. @public */
export const keepChildrenIgnored: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: keep-children-ignored',
  breaks: 'a restart stops the children although the strategy says to keep them',
  caughtBy: ['SUP-13'],
  mutation: { strategy: (s) => (s.kind === 'restart' && s.stopChildren === false ? { ...s, stopChildren: true } : s) },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(keepChildrenIgnored);
