import { expect } from 'vitest';
import { blameRules, checkHistory, type ExpectedHistory, type HistoryEvent } from '../../../../spec/model/index.js';

/** The rules blamed when a runtime reports `observed` where `expected` was predicted (which must diverge); `FALLBACK` marks what nothing explains. */
export function blameOf(expected: ExpectedHistory, observed: readonly HistoryEvent[]): string[] {
  const check = checkHistory(expected, observed);
  expect(check.ok).toBe(false);
  expect(check.divergences).toHaveLength(check.problems.length);
  return blameRules(expected, observed, check, ['FALLBACK']);
}
