import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import { runConformance } from '../../conformance/engine/runConformance.js';
import { rulesByRole } from '../../spec/index.js';

describe('reference runtime against the model', () => {
  it('passes every runtime rule: none failed, skipped or unexercised', async () => {
    const report = await runConformance(referenceRuntimeAdapter, { seed: 20261123 });
    const failed = report.rules.filter((r) => r.status === 'failed');
    expect(failed.map((f) => `${f.rule}:\n${f.counterexample?.message ?? ''}\n${f.counterexample?.steps.join('\n') ?? ''}`)).toEqual([]);
    // The reference declares every capability: each runtime rule must be reached and pass, none skipped.
    expect(report.rules.map((r) => r.rule)).toEqual(rulesByRole('runtime').map((r) => r.id));
    const notPassed = report.rules.filter((r) => r.status !== 'passed');
    expect(notPassed.map((r) => `${r.rule} ${r.status}: ${r.reason ?? ''}`)).toEqual([]);
  });
});
