import { describe, expect, it } from 'vitest';
import type { PropertyResult, ResultStatus, RuleResult } from '../../../conformance/engine/results.js';
import { compareOracles, summariseFullRuns, summariseMutant, trialOf, type MutantTrial } from '../../../bench/suite/figures.js';

const rule = (id: string, status: ResultStatus, properties: string[]): RuleResult => ({ rule: id, status, properties, runs: 0, exercisedRuns: 0, durationMs: 0 });

const property = (id: string, runs: number, steps?: number): PropertyResult => ({
  property: id,
  status: steps === undefined ? 'passed' : 'failed',
  runs,
  exercised: [],
  durationMs: 0,
  ...(steps === undefined
    ? {}
    : { counterexample: { steps: Array.from({ length: steps }, (_, i) => `step ${i}`), message: '', historyExcerpt: [], replayToken: '', suspects: [] } }),
});

describe('trialOf', () => {
  it('reports the failed rules of caughtBy and the earliest failing property that checks one', () => {
    const report = {
      rules: [rule('SUP-02', 'failed', ['p.slow', 'p.fast']), rule('SUP-03', 'passed', ['p.slow']), rule('LIF-01', 'failed', ['p.other'])],
      properties: [property('p.slow', 40, 5), property('p.fast', 7, 3), property('p.other', 1, 9)],
    };
    expect(trialOf(4, report, ['SUP-02', 'SUP-03'], 12.5)).toEqual({
      seed: 4,
      wallMs: 12.5,
      failedRules: ['SUP-02'],
      // LIF-01 is not among the rules the mutant breaks: blame it did not earn.
      wronglyBlamed: ['LIF-01'],
      // p.other failed sooner but blames no rule the mutant must be caught by.
      firstFailure: { property: 'p.fast', runs: 7, steps: 3 },
    });
  });

  it('has no first failure when no rule of caughtBy failed', () => {
    const report = { rules: [rule('SUP-02', 'passed', ['p'])], properties: [property('p', 100)] };
    expect(trialOf(1, report, ['SUP-02'], 3)).toEqual({ seed: 1, wallMs: 3, failedRules: [] });
  });
});

describe('summariseMutant', () => {
  const mutant = { name: 'mutant: m', kind: 'runtime' as const, caughtBy: ['SUP-10', 'SUP-11'] };

  it('counts the seeds that caught it, per rule, and takes medians over the caught seeds', () => {
    const trials: MutantTrial[] = [
      { seed: 1, wallMs: 10, failedRules: ['SUP-10', 'SUP-11'], firstFailure: { property: 'p', runs: 3, steps: 4 } },
      { seed: 2, wallMs: 30, failedRules: ['SUP-11'], wronglyBlamed: ['LIF-02'], firstFailure: { property: 'p', runs: 9, steps: 2 } },
      { seed: 3, wallMs: 20, failedRules: [] },
    ];
    expect(summariseMutant(mutant, trials)).toEqual({
      ...mutant,
      seeds: 3,
      caught: 2,
      caughtByRule: { 'SUP-10': 1, 'SUP-11': 2 },
      precise: 1,
      wronglyBlamed: { 'LIF-02': 1 },
      medianWallMs: 20,
      medianRunsToFailure: 6,
      medianCounterexampleSteps: 3,
    });
  });

  it('reports null medians, not NaN, for a mutant no seed caught (so the JSON stays valid)', () => {
    const figures = summariseMutant(mutant, [{ seed: 1, wallMs: 5, failedRules: [] }]);
    expect(figures).toMatchObject({ caught: 0, medianRunsToFailure: null, medianCounterexampleSteps: null });
    expect(JSON.parse(JSON.stringify(figures))).toEqual(figures);
  });
});

describe('summariseFullRuns', () => {
  it('sums the parts of each repetition, takes medians and lists rules that ever failed', () => {
    const figures = summariseFullRuns([
      [
        { part: 'runtime', wallMs: 100, verdicts: { 'LIF-01': 'passed', 'SUP-07': 'failed' } },
        { part: 'store', wallMs: 10, verdicts: { 'STORE-01': 'passed' } },
      ],
      [
        { part: 'runtime', wallMs: 300, verdicts: { 'LIF-01': 'passed', 'SUP-07': 'passed' } },
        { part: 'store', wallMs: 30, verdicts: { 'STORE-01': 'skipped' } },
      ],
      [
        { part: 'runtime', wallMs: 200, verdicts: { 'LIF-01': 'passed', 'SUP-07': 'passed' } },
        { part: 'store', wallMs: 20, verdicts: { 'STORE-01': 'passed' } },
      ],
    ]);
    expect(figures).toEqual({
      medianWallMs: 220,
      samplesMs: [110, 330, 220],
      parts: { runtime: 200, store: 20 },
      verdicts: { runtime: { passed: 2 }, store: { passed: 1 } },
      failed: { runtime: ['SUP-07'], store: [] },
    });
  });
});

describe('compareOracles', () => {
  const sample = (wallMs: number, rules: Record<string, [ResultStatus, number]>) => ({
    wallMs,
    rules: Object.fromEntries(Object.entries(rules).map(([rule, [status, runs]]) => [rule, { status, runs }])),
  });

  it('pairs the runs seed by seed: medians, their ratio, failures on either side', () => {
    const comparison = compareOracles(
      [1, 2, 3],
      [
        { full: sample(30, { 'LIF-01': ['passed', 100] }), baseline: sample(20, { 'LIF-01': ['passed', 100] }) },
        { full: sample(10, { 'LIF-01': ['passed', 100] }), baseline: sample(10, { 'LIF-01': ['failed', 40] }) },
        { full: sample(20, { 'LIF-01': ['passed', 100] }), baseline: sample(40, { 'LIF-01': ['passed', 100] }) },
      ],
    );
    expect(comparison.medianFullMs).toBe(20);
    expect(comparison.medianBaselineMs).toBe(20);
    expect(comparison.ratio).toBe(1);
    expect(comparison.baselineFailed).toEqual(['LIF-01 (seed 2)']);
    expect(comparison.fullFailed).toEqual([]);
    expect(comparison.lostRuns).toEqual([]);
  });

  it('names a rule that fewer runs check, or that is no longer exercised, under the full oracle', () => {
    const comparison = compareOracles(
      [7],
      [
        {
          full: sample(1, { 'LIF-01': ['passed', 90], 'WATCH-03': ['unexercised', 100], 'SUP-01': ['passed', 100] }),
          baseline: sample(1, { 'LIF-01': ['passed', 100], 'WATCH-03': ['passed', 100], 'SUP-01': ['passed', 100] }),
        },
      ],
    );
    expect(comparison.lostRuns).toEqual(['LIF-01 (seed 7)', 'WATCH-03 (seed 7)']);
  });
});
