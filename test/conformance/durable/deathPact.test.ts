import { describe, expect, it } from 'vitest';
import { referenceRuntimeWith } from '../../../conformance/adapters/reference-runtime.js';
import { signalsDuringWrites } from '../../../conformance/durable/durableFamilies.js';
import { runDurableProperty } from '../../../conformance/durable/runDurableProperty.js';
import { noDeathPact } from '../../../conformance/mutants/no-death-pact.js';

describe('death pacts of durable entities (DS-18)', () => {
  it('catches an entity whose unhandled termination notice raises no death pact, blaming WATCH-06', async () => {
    const result = await runDurableProperty(referenceRuntimeWith(noDeathPact.name, noDeathPact.mutation), signalsDuringWrites, { seed: 4 });
    expect(result.status).toBe('failed');
    expect(result.counterexample!.suspects).toContain('WATCH-06');
    expect(result.counterexample!.message).toMatch(/missing event: e\d+: PostStop/);
  });
});
