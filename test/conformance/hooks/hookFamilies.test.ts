import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../../conformance/adapters/reference-runtime.js';
import { hookFamilies } from '../../../conformance/hooks/hookFamilies.js';
import { runHookProperty } from '../../../conformance/hooks/runHookProperty.js';

describe('hooks properties on the reference runtime', () => {
  it.each(hookFamilies.map((f) => [f.id, f] as const))('%s passes and reaches every rule it claims', async (_id, family) => {
    const result = await runHookProperty(referenceRuntimeAdapter, family, { seed: 11 });
    expect(result.counterexample?.message).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(family.rules.filter((r) => !result.exercised.includes(r))).toEqual([]);
  });
});
