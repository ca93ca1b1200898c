/**
 * Counts the verdicts of upstream test cases and computes the coverage ratios the SPEC prints:
 * covered / (all − not applicable), where "covered" includes cases that follow from composing
 * rules, and the strict ratio that counts only cases a single statement names.
 */
import type { CaseVerdict } from './CaseVerdict.js';

/** The counts for a set of cases. */
export interface CaseCounts {
  readonly cases: number;
  readonly covered: number;
  readonly composed: number;
  readonly uncovered: number;
  readonly notApplicable: number;
}

/** Counts verdicts by kind. */
export function countCases(verdicts: Iterable<CaseVerdict>): CaseCounts {
  const counts = { cases: 0, covered: 0, composed: 0, uncovered: 0, notApplicable: 0 };
  for (const verdict of verdicts) {
    counts.cases += 1;
    if (verdict.kind === 'covered') counts.covered += 1;
    else if (verdict.kind === 'composed') counts.composed += 1;
    else if (verdict.kind === 'uncovered') counts.uncovered += 1;
    else counts.notApplicable += 1;
  }
  return counts;
}

/** Adds counts together. */
export function addCounts(all: readonly CaseCounts[]): CaseCounts {
  return all.reduce(
    (sum, c) => ({
      cases: sum.cases + c.cases,
      covered: sum.covered + c.covered,
      composed: sum.composed + c.composed,
      uncovered: sum.uncovered + c.uncovered,
      notApplicable: sum.notApplicable + c.notApplicable,
    }),
    { cases: 0, covered: 0, composed: 0, uncovered: 0, notApplicable: 0 },
  );
}

/** Cases a conformance kit could state: all but the not-applicable ones. */
export function inScope(counts: CaseCounts): number {
  return counts.cases - counts.notApplicable;
}

/** (covered + composed) / in scope, or `undefined` when nothing is in scope. */
export function coverageRatio(counts: CaseCounts): number | undefined {
  const scope = inScope(counts);
  return scope === 0 ? undefined : (counts.covered + counts.composed) / scope;
}

/** covered / in scope (a single statement names the case), or `undefined` when nothing is in scope. */
export function strictRatio(counts: CaseCounts): number | undefined {
  const scope = inScope(counts);
  return scope === 0 ? undefined : counts.covered / scope;
}

/** A ratio as a percentage with one decimal, rounded down so the table never over-claims. */
export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined) return 'n/a';
  return `${(Math.floor(ratio * 1000 + 1e-9) / 10).toFixed(1)} %`;
}
