// Broken: the resume strategy is carried out as a restart, so the actor's state is reset.
// Caught by: SUP-02 (resume keeps the behavior and its state).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Resume that behaves like restart. @public */
export const resumeRestarts: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: resume-restarts',
  breaks: 'resume resets the state like a restart',
  caughtBy: ['SUP-02'],
  mutation: { strategy: (s) => (s.kind === 'resume' ? { kind: 'restart' } : s) },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(resumeRestarts);
