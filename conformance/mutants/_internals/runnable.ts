import type { RuntimeAdapter } from '../../contract/RuntimeAdapter.js';
import { referenceRuntimeWith } from '../../adapters/reference-runtime.js';
import type { RuntimeMutant } from '../Mutant.js';

/**
 * The adapter of a runtime mutant: the reference runtime with the mutant's bug. Every runtime
 * mutant file exports one as `adapter`, so `npx conformance --adapter conformance/mutants/<name>.ts`
 * runs the suite against it.
 */
export function runnable(mutant: RuntimeMutant): RuntimeAdapter {
  return referenceRuntimeWith(mutant.name, mutant.mutation);
}
