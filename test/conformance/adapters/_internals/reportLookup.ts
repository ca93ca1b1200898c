import { runtimeFamilies, type ConformanceReport, type PropertyFamily, type RuleResult } from '../../../../conformance/index.js';

/** The runtime property with this id; throws when there is none, so a renamed property shows up. */
export function familyById(id: string): PropertyFamily {
  const family = runtimeFamilies.find((f) => f.id === id);
  if (!family) throw new TypeError(`no property ${id}`);
  return family;
}

/** The report's verdict on one rule; throws when the report has none. */
export function ruleOf(report: ConformanceReport, id: string): RuleResult {
  const rule = report.rules.find((r) => r.rule === id);
  if (!rule) throw new TypeError(`no result for ${id}`);
  return rule;
}
