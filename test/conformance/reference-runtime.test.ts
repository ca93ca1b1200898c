import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import { durableFamilies } from '../../conformance/durable/durableFamilies.js';
import { runConformance } from '../../conformance/engine/runConformance.js';
import { runtimeFamilies } from '../../conformance/families/index.js';

describe('reference runtime against the model', () => {
  it('passes every rule its properties reach, and reaches every rule they claim', async () => {
    const report = await runConformance(referenceRuntimeAdapter, { seed: 20261123 });
    const failed = report.rules.filter((r) => r.status === 'failed');
    expect(failed.map((f) => `${f.rule}:\n${f.counterexample?.message ?? ''}\n${f.counterexample?.steps.join('\n') ?? ''}`)).toEqual([]);
    const claimed = new Set([...runtimeFamilies, ...durableFamilies].flatMap((f) => f.rules));
    const unreached = report.rules.filter((r) => claimed.has(r.rule) && r.status === 'unexercised');
    expect(unreached.map((r) => `${r.rule}: ${r.reason ?? ''}`)).toEqual([]);
  });
});
