import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../../conformance/adapters/reference-runtime.js';
import type { Capability } from '../../../spec/index.js';
import type { RuntimeAdapter } from '../../../conformance/contract/RuntimeAdapter.js';
import { runConformance } from '../../../conformance/engine/runConformance.js';
import type { EntityCommand } from '../../../spec/model/index.js';

/** The reference runtime declaring less, recording every entity command the suite sends it. */
function declaringWithout(missing: readonly Capability[], sent: EntityCommand[]): RuntimeAdapter {
  return {
    ...referenceRuntimeAdapter,
    name: `reference without ${missing.join(', ')}`,
    capabilities: referenceRuntimeAdapter.capabilities.filter((c) => !missing.includes(c)),
    async start(env) {
      const sut = await referenceRuntimeAdapter.start(env);
      return {
        ...sut,
        tellEntity: (path, command) => {
          sent.push(command);
          sut.tellEntity!(path, command);
        },
      };
    },
  };
}

describe('DS-18/19/20 on a runtime without watch, timers and stop-child', () => {
  it('skips DS-18 and DS-20 with their reasons, still checks passivation (DS-19), and never sends what the runtime cannot do', async () => {
    const sent: EntityCommand[] = [];
    const adapter = declaringWithout(['watch', 'timers', 'lifecycle.stop-child'], sent);
    const report = await runConformance(adapter, { seed: 3, numRuns: 20, rules: ['DS-18', 'DS-19', 'DS-20'] });
    const result = (rule: string) => report.rules.find((r) => r.rule === rule)!;
    expect(result('DS-18')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/watch/) });
    expect(result('DS-20')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/timers/) });
    expect(result('DS-19').status).toBe('passed');
    expect(sent.some((c) => c.kind === 'passivate')).toBe(true);
    expect(sent.filter((c) => c.kind === 'halt' || c.kind === 'watch' || (c.kind === 'later' && c.delayMs > 0))).toEqual([]);
  });
});
