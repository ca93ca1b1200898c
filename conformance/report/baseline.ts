import type { ConformanceRun, RuleOutcome } from './ConformanceRun.js';

/**
 * The rules that broke (failed or error) in `current` but passed in `baseline`: with a
 * baseline, only these fail the run, the way engines keep test262 expectation files. Rules
 * that were not passing in the baseline (or are new) are known gaps, not regressions.
 *
 * @public
 */
export function regressionsAgainst(baseline: Pick<ConformanceRun, 'rules'>, current: Pick<ConformanceRun, 'rules'>): RuleOutcome[] {
  const passedBefore = new Set(baseline.rules.filter((r) => r.status === 'passed').map((r) => r.id));
  return current.rules.filter((r) => (r.status === 'failed' || r.status === 'error') && passedBefore.has(r.id));
}
