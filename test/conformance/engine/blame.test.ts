import { describe, expect, it } from 'vitest';
import { referenceRuntimeWith } from '../../../conformance/adapters/reference-runtime.js';
import { runConformance } from '../../../conformance/engine/runConformance.js';
import { postStopOnRestart } from '../../../conformance/mutants/post-stop-on-restart.js';
import { rulesByRole } from '../../../spec/index.js';

const actorRules = rulesByRole('runtime')
  .map((r) => r.id)
  .filter((id) => /^(LIF|SUP|WATCH|STASH)-/.test(id));

describe('blame follows the diverging event', () => {
  it('fails only LIF-05 for a runtime that also signals PostStop on restart, in every property that restarts', async () => {
    const report = await runConformance(referenceRuntimeWith(postStopOnRestart.name, postStopOnRestart.mutation), {
      seed: 4,
      numRuns: 60,
      rules: actorRules,
    });
    const failedProperties = report.properties.filter((p) => p.status === 'failed');
    // Many properties restart actors, so many catch the bug; each blames the same rule.
    expect(failedProperties.length).toBeGreaterThan(3);
    for (const property of failedProperties) expect(property.counterexample!.suspects, property.property).toEqual(['LIF-05']);
    expect(report.rules.filter((r) => r.status === 'failed').map((r) => r.rule)).toEqual(['LIF-05']);
  });
});
