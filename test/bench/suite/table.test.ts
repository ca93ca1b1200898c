import { describe, expect, it } from 'vitest';
import type { SuiteFigures } from '../../../bench/suite/measure.js';
import { fullRunTable, mutantTable, oracleTable, variantTable } from '../../../bench/suite/table.js';

const figures: SuiteFigures = {
  seeds: [1, 2, 3],
  fullRun: {
    medianWallMs: 12_340,
    samplesMs: [12_000, 12_340, 13_000],
    parts: { 'reference-runtime': 10_000, 'in-memory-store': 340 },
    verdicts: { 'reference-runtime': { passed: 60, skipped: 9 }, 'in-memory-store': { passed: 15 } },
    failed: { 'reference-runtime': ['SUP-07'], 'in-memory-store': [] },
  },
  oracle: {
    seeds: [1, 2],
    fullMs: [11_000, 13_000],
    baselineMs: [9_000, 11_000],
    medianFullMs: 12_000,
    medianBaselineMs: 10_000,
    ratio: 1.2,
    lostRuns: [],
    baselineFailed: ['WATCH-03 (seed 2)'],
    fullFailed: [],
  },
  mutants: [
    {
      name: 'mutant: caught-twice',
      kind: 'runtime',
      caughtBy: ['SUP-10', 'SUP-11'],
      seeds: 3,
      caught: 2,
      caughtByRule: { 'SUP-10': 1, 'SUP-11': 2 },
      precise: 1,
      wronglyBlamed: { 'LIF-02': 1 },
      medianWallMs: 250,
      medianRunsToFailure: 6.5,
      medianCounterexampleSteps: 3,
    },
    { name: 'mutant: never', kind: 'store', caughtBy: ['STORE-04'], seeds: 3, caught: 0, caughtByRule: { 'STORE-04': 0 }, precise: 0, wronglyBlamed: {}, medianWallMs: 20, medianRunsToFailure: null, medianCounterexampleSteps: null },
  ],
  variants: [
    { name: 'variant: fine', seeds: [1, 2], failed: { 1: [], 2: [] }, medianWallMs: 9_000 },
    { name: 'variant: rejected', seeds: [1, 2], failed: { 1: [], 2: ['WATCH-03', 'DS-18'] }, medianWallMs: 4_500 },
  ],
};

describe('the suite tables of the bench', () => {
  it('shows each part of the full run with its verdicts, rules that failed at some repetition, and the median whole run', () => {
    expect(fullRunTable(figures).rows).toEqual([
      ['reference-runtime', '10.00 s', '60 passed, 9 skipped', 'failed at some repetition: SUP-07'],
      ['in-memory-store', '0.34 s', '15 passed', ''],
      ['whole run', '12.34 s', 'median of 3', ''],
    ]);
  });

  it('shows each mutant: seeds caught, per rule, medians, and a dash where no seed caught it', () => {
    expect(mutantTable(figures).rows).toEqual([
      ['caught-twice', '2/3', 'SUP-10 1/3, SUP-11 2/3', '1/3 (also LIF-02 1/3)', '0.25 s', '6.5', '3'],
      ['never', '0/3', 'STORE-04 0/3', '0/3', '0.02 s', '-', '-'],
    ]);
  });

  it('shows each legal variant: passing, or the rules it failed at which seed', () => {
    expect(variantTable(figures).rows).toEqual([
      ['fine', 'passes at seeds 1, 2', '9.00 s'],
      ['rejected', 'FAILS WATCH-03 (seed 2), DS-18 (seed 2)', '4.50 s'],
    ]);
  });

  it('shows the full oracle beside the one-order baseline: medians, the ratio, failures and lost runs', () => {
    expect(oracleTable(figures).rows).toEqual([
      ['one-order baseline (before the freedoms)', '10.00 s', '1.00x', 'WATCH-03 (seed 2)'],
      ['full oracle (the default run)', '12.00 s', '1.20x', 'fails nothing; no rule loses exercised runs'],
    ]);
    expect(oracleTable(figures).header[0]).toBe('reference run, seeds 1, 2');
  });
});
