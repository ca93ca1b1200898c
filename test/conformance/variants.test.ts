import { describe, expect, it } from 'vitest';
import { runConformance } from '../../conformance/engine/runConformance.js';
import { variants } from '../../conformance/variants/index.js';
import { runnable } from '../../conformance/variants/_internals/runnable.js';
import { mutants } from '../../conformance/mutants/index.js';

// The mirror image of mutants.test.ts: every legal variant of the reference runtime passes every
// rule. Ten seeds each, a few runs per property to keep CI short (the bench and `npx conformance
// --adapter conformance/variants/<name>.ts` run them at full depth).
const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const numRuns = 4;

describe.each(variants.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
  it(`passes every rule on ${seeds.length} seeds (${variant.differs})`, async () => {
    for (const seed of seeds) {
      const report = await runConformance(runnable(variant), { seed, numRuns });
      const failed = report.rules.filter((r) => r.status === 'failed');
      expect(
        failed.map((r) => `${r.rule} (seed ${seed}): ${r.counterexample?.message ?? r.status}`),
        `${variant.name} is legal: it only takes the freedom "${variant.freedom}"`,
      ).toEqual([]);
      expect(report.rules.filter((r) => r.status === 'passed').length).toBeGreaterThan(0);
    }
  });
});

describe('the variant index', () => {
  it('names every variant once, none a mutant, each with a runtime option that differs from the reference', () => {
    const names = variants.map((v) => v.name);
    expect(new Set(names).size).toBe(variants.length);
    for (const v of variants) {
      expect(mutants.some((m) => m.name === v.name)).toBe(false);
      expect(Object.keys(v.scheduling).length).toBeGreaterThan(0);
      expect(v.name.startsWith('variant: ')).toBe(true);
    }
  });

  it('covers the freedoms the issue names: notices first, a LIFO and a mixed run queue, throughput 1 and large, siblings in reverse', () => {
    const options = variants.map((v) => v.scheduling);
    expect(options).toContainEqual({ systemMessagePriority: true });
    expect(options).toContainEqual({ runQueue: 'lifo' });
    expect(options).toContainEqual({ runQueue: 'alternating' });
    expect(options).toContainEqual({ throughput: 1 });
    expect(options.some((o) => (o.throughput ?? 0) >= 100)).toBe(true);
    expect(options).toContainEqual({ childStopOrder: 'reverse' });
  });
});
