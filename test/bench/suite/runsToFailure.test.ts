import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../../conformance/adapters/reference-runtime.js';
import type { RuntimeAdapter } from '../../../conformance/contract/RuntimeAdapter.js';
import { runProperty } from '../../../conformance/engine/runProperty.js';
import { startAndStop } from '../../../conformance/families/lifecycle.js';

// The bench reads "runs until the mutant is caught" from PropertyResult.runs, which is
// fast-check's `numRuns` of the run details. These tests pin down what that number counts.
describe('the run count of a failed check', () => {
  it('counts the runs up to and including the first failing one, not the shrinking runs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (failingRun) => {
        let calls = 0;
        let firstFailure = 0;
        const details = fc.check(
          fc.property(fc.nat(), () => {
            calls++;
            if (calls >= failingRun) {
              firstFailure ||= calls;
              return false;
            }
            return true;
          }),
          { numRuns: 50, seed: 1 },
        );
        expect(details.failed).toBe(true);
        expect(firstFailure).toBe(failingRun);
        expect(details.numRuns).toBe(failingRun);
        // Shrinking called the predicate again without changing the count.
        expect(calls).toBeGreaterThanOrEqual(failingRun);
      }),
      { numRuns: 20 },
    );
  });

  it('is what a conformance property reports as its runs: the first failing generated run, shrinking aside', async () => {
    // An adapter that breaks from its k-th system on: every generated run starts one system, so
    // run k is the first failing one (shrinking starts more systems, all failing).
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.nat(), async (failingRun, seed) => {
        let started = 0;
        const adapter: RuntimeAdapter = {
          ...referenceRuntimeAdapter,
          start: (env) => {
            started++;
            if (started >= failingRun) throw new Error(`system ${started} is broken`);
            return referenceRuntimeAdapter.start(env);
          },
        };
        const result = await runProperty(adapter, startAndStop, { seed, numRuns: 20 });
        expect(result).toMatchObject({ status: 'failed', runs: failingRun });
      }),
      { numRuns: 8 },
    );
  });
});
