import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import type { RuntimeAdapter } from '../../conformance/contract/RuntimeAdapter.js';
import { runProperty } from '../../conformance/engine/runProperty.js';
import { childStopOnRestart } from '../../conformance/families/supervision.js';

/** The reference runtime as a runtime with no quiescence hook would be adapted. */
const withoutSettle: RuntimeAdapter = {
  ...referenceRuntimeAdapter,
  name: 'reference-runtime without settle()',
  async start(env) {
    const { settle: _dropped, ...rest } = await referenceRuntimeAdapter.start(env);
    return rest;
  },
};

describe('the generic settle', () => {
  it('waits long enough for restarts with children when the adapter has no settle()', async () => {
    const result = await runProperty(withoutSettle, childStopOnRestart, { seed: 3, numRuns: 25 });
    expect(result.counterexample?.message).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(result.exercised).toContain('SUP-12');
  });
});
