import { describe, expect, it } from 'vitest';
import { inMemoryStorePlugin } from '../../conformance/adapters/in-memory-store.js';
import { referenceRuntimeAdapter, referenceRuntimeWith } from '../../conformance/adapters/reference-runtime.js';
import { decodeReplayToken } from '../../conformance/engine/ReplayToken.js';
import type { RuleResult } from '../../conformance/engine/results.js';
import { runConformance, type ConformanceReport } from '../../conformance/engine/runConformance.js';
import { mapStorePlugin } from '../../conformance/mutants/_internals/mapStore.js';
import { mutants, weakRules, type Mutant } from '../../conformance/mutants/index.js';
import { runStoreConformance } from '../../conformance/store/runStoreConformance.js';
import { rulesByRole } from '../../spec/index.js';

const seed = 4;
const numRuns = 60;
/** Store runs are quick: their mutants are checked on a few seeds, so a catch (and its blame) does not rest on one. */
const storeSeeds = [4, 7, 12];

/**
 * Unrelated rules each kind of mutant must not fail (and the correct implementation must pass):
 * a mutant breaks one thing, not the suite.
 * The first candidate the mutant does not target is its control.
 */
const controls: Record<string, readonly string[]> = { runtime: ['LIF-01', 'WATCH-03'], durable: ['DS-01'], store: ['STORE-03'] };

/** A mailbox that reorders messages also reorders spawns (LIF-01's events): its control is a watch rule without bursts. */
const orderControl = ['WATCH-03'];

function controlsOf(mutant: Mutant): readonly string[] {
  if (mutant.caughtBy.includes('LIF-02')) return orderControl;
  const kind = mutant.kind === 'store' ? 'store' : mutant.caughtBy.some((id) => id.startsWith('DS-')) ? 'durable' : 'runtime';
  const control = controls[kind]!.find((id) => !mutant.caughtBy.includes(id));
  return control === undefined ? [] : [control];
}

/** The correct store's report per seed, the same for every store mutant (whole suite). */
const referenceStore = new Map<number, Promise<ConformanceReport>>();

/** Runs `rules` against the mutant and against the correct implementation it was derived from. */
async function runBoth(mutant: Mutant, rules: readonly string[], seed: number): Promise<{ broken: ConformanceReport; reference: ConformanceReport }> {
  if (mutant.kind === 'store') {
    // The store properties run as a whole; only the rules' verdicts are compared.
    if (!referenceStore.has(seed)) referenceStore.set(seed, runStoreConformance(inMemoryStorePlugin, { seed, numRuns }));
    return { broken: await runStoreConformance(mutant.plugin, { seed, numRuns }), reference: await referenceStore.get(seed)! };
  }
  return {
    broken: await runConformance(referenceRuntimeWith(mutant.name, mutant.mutation), { seed, numRuns, rules }),
    reference: await runConformance(referenceRuntimeAdapter, { seed, numRuns, rules }),
  };
}

function verdict(report: ConformanceReport, rule: string): RuleResult {
  const result = report.rules.find((r) => r.rule === rule);
  if (!result) throw new Error(`${report.adapter.name} reported nothing for ${rule}`);
  return result;
}

describe.each(mutants.map((m) => [m.name, m] as const))('%s', (_name, mutant) => {
  it.each(mutant.kind === 'store' ? storeSeeds : [seed])(`is caught by ${mutant.caughtBy.join(', ')} and blamed on nothing else, which the correct implementation passes (seed %i)`, async (seed) => {
    const controlRules = controlsOf(mutant);
    const { broken, reference } = await runBoth(mutant, [...mutant.caughtBy, ...controlRules], seed);
    // Blame by check: the mutant fails some of the rules it lists (each seed may reach another of
    // them first) and no other rule.
    const failed = broken.rules.filter((r) => r.status === 'failed').map((r) => r.rule);
    expect(failed.filter((rule) => mutant.caughtBy.includes(rule)), `${mutant.name} caught`).not.toEqual([]);
    expect(failed.filter((rule) => !mutant.caughtBy.includes(rule)), `rules ${mutant.name} is wrongly blamed on`).toEqual([]);
    for (const rule of failed) {
      const caught = verdict(broken, rule);
      expect(caught.counterexample!.steps.length).toBeGreaterThan(0);
      // A runtime case replays against the adapter it failed on; a store case against any plugin (the fixed one too).
      const token = decodeReplayToken(caught.counterexample!.replayToken);
      expect(token).toMatchObject({ seed });
      expect(token.adapter).toBe(mutant.kind === 'store' ? undefined : mutant.name);
    }
    for (const rule of mutant.caughtBy) expect(verdict(reference, rule).status, `${rule} on the correct implementation`).toBe('passed');
    for (const rule of controlRules) {
      expect(verdict(broken, rule).status, `control ${rule} on ${mutant.name}`).not.toBe('failed');
      expect(verdict(reference, rule).status).toBe('passed');
    }
  });
});

describe('the store the store mutants derive from', () => {
  it('fails no rule without a flaw, so each store mutant is caught for its flaw alone', async () => {
    const report = await runStoreConformance(mapStorePlugin('map store without flaws', {}), { seed, numRuns });
    expect(report.rules.filter((r) => r.status === 'failed')).toEqual([]);
    expect(report.rules.filter((r) => r.status === 'passed').map((r) => r.rule)).toEqual(expect.arrayContaining(['STORE-04', 'TAG-02', 'TAG-05']));
  });
});

describe('the mutant index', () => {
  it('names every mutant once and targets only rules that exist', () => {
    const ids = new Set([...rulesByRole('runtime'), ...rulesByRole('store')].map((r) => r.id));
    expect(new Set(mutants.map((m) => m.name)).size).toBe(mutants.length);
    for (const m of mutants) {
      expect(m.caughtBy.length).toBeGreaterThan(0);
      for (const id of m.caughtBy) expect(ids.has(id), id).toBe(true);
    }
  });

  it('weak rules are exactly the adapter-checked rules that no mutant targets', () => {
    const weak = weakRules();
    const targeted = new Set(mutants.flatMap((m) => m.caughtBy));
    for (const id of weak) expect(targeted.has(id)).toBe(false);
    for (const id of targeted) expect(weak).not.toContain(id);
    expect(weak.length + targeted.size).toBe(rulesByRole('runtime').length + rulesByRole('store').length);
    expect(weakRules([])).toHaveLength(rulesByRole('runtime').length + rulesByRole('store').length);
    expect(weakRules(mutants.filter((m) => !m.caughtBy.includes('STASH-02')))).toContain('STASH-02');
  });

  it('leaves at most 40 of the 87 rules weak, none of them a supervision rule but SUP-09', () => {
    const weak = weakRules();
    expect(weak.length).toBeLessThanOrEqual(40);
    expect(weak.filter((id) => id.startsWith('SUP-'))).toEqual(['SUP-09']);
  });
});
