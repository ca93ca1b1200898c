// Broken: a restart limit's window never closes, so restarts are counted forever.
// Caught by: SUP-07 (at most n restarts within the window; the count starts afresh after it).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A restart limit whose window never closes. @public */
export const restartWindowNeverCloses: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: restart-window-never-closes',
  breaks: 'a restart limit counts restarts forever instead of within its window',
  caughtBy: ['SUP-07'],
  mutation: {
    strategy: (s) => (s.kind === 'restart' && s.limit !== undefined ? { ...s, limit: { ...s.limit, withinMs: 1e9 } } : s),
  },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(restartWindowNeverCloses);
