// Broken: a supervisor scoped to an error class matches only that exact class, not its subclasses.
// Caught by: SUP-04 (a strategy for an error type also handles its subtypes).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Subtype matching replaced by exact-class matching. @public */
export const exactErrorMatching: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: exact-error-matching',
  breaks: 'error-scoped supervisors ignore subclasses of their error',
  caughtBy: ['SUP-04'],
  mutation: { exactErrorMatching: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(exactErrorMatching);
