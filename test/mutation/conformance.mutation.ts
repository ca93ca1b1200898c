/**
 * The only tests Stryker runs (see `vitest.mutation.config.ts`): the conformance suite against
 * the reference runtime, in-process so Stryker's mutant switching reaches the runtime, one test
 * per property family at a fixed seed. A mutant is killed exactly when the suite would report a
 * failed rule; the failure message names the rules the diverging step blamed, which
 * `scripts/mutation/rulesTable.ts` reads back from Stryker's report.
 *
 * Not matched by the project's `test/**\/*.test.ts`: `npm test` never runs it.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import { runtimeProperties } from '../../conformance/engine/runtimeProperties.js';
import { familyTestTitle, mutationSeed, propertyFailureMessage, runTimeoutMs } from '../../scripts/mutation/familyTests.js';

// A mutant needs one failing case, not the shortest: skipping the shrink keeps killed mutants cheap.
// A mutant that leaves the system hanging (settle or shutdown never resolves) fails its run after
// `runTimeoutMs` instead of waiting for Stryker's timeout, which also restarts the worker.
fc.configureGlobal({ endOnFailure: true, timeout: runTimeoutMs });

describe('conformance suite against the reference runtime', () => {
  for (const property of runtimeProperties(referenceRuntimeAdapter)) {
    it(familyTestTitle(property), async () => {
      const result = await property.run({ seed: mutationSeed });
      if (result.status !== 'passed') throw new Error(propertyFailureMessage(result));
    });
  }
});
