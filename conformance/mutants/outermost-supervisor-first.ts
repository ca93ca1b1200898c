// Broken: nested supervisors are consulted outermost first.
// Caught by: SUP-05 (the innermost matching supervisor decides).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Nested supervisors are consulted outermost first. @public */
export const outermostSupervisorFirst: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: outermost-supervisor-first',
  breaks: 'nested supervisors are consulted outermost first',
  caughtBy: ['SUP-05'],
  mutation: { outermostSupervisorFirst: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(outermostSupervisorFirst);
