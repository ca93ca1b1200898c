import type { Capability, Rule } from '../../spec/index.js';
import { partitionByCapabilities } from '../../spec/index.js';
import type { PropertyFamily } from './PropertyFamily.js';
import type { Counterexample, PropertyResult, RuleResult } from './results.js';

/**
 * Whether a failed property blames `rule`. Pinpointed suspects (the rules behind the diverging
 * events) are blamed whether or not the property lists them. Suspects that are only the rules
 * the diverging step reached count among the property's own rules, and when none of them is,
 * the property blames all of its rules; so does a property with no suspects at all (the adapter
 * broke rather than diverged).
 */
function blames(counterexample: Counterexample, family: CheckingProperty, rule: string): boolean {
  const suspects = counterexample.suspects;
  if (counterexample.pinpointed === true && suspects.length > 0) return suspects.includes(rule);
  const own = suspects.filter((s) => family.rules.includes(s));
  return own.length === 0 ? family.rules.includes(rule) : own.includes(rule);
}

/** Every counterexample of a failed property: the first, then those found with failed rules set aside. */
function counterexamplesOf(result: PropertyResult | undefined): readonly Counterexample[] {
  if (result?.status !== 'failed' || result.counterexample === undefined) return [];
  return [result.counterexample, ...(result.moreCounterexamples ?? [])];
}

/** What rule derivation needs of a property: its id and the rules it checks. */
type CheckingProperty = Pick<PropertyFamily, 'id' | 'rules'>;

/**
 * Derives each rule's outcome from the properties that check it: skipped when the adapter
 * lacks a capability the rule needs; failed when a failing property blames it; passed when a
 * run exercised it with a matching history; otherwise unexercised, with the reason.
 *
 * @public
 */
export function deriveRuleResults(
  rules: readonly Rule[],
  families: readonly CheckingProperty[],
  results: ReadonlyMap<string, PropertyResult>,
  declared: ReadonlySet<Capability>,
): RuleResult[] {
  const { skipped } = partitionByCapabilities(declared, rules);
  const skipReasons = new Map(skipped.map((s) => [s.rule.id, s.reason] as const));
  return rules.map((rule): RuleResult => {
    const checking = families.filter((f) => f.rules.includes(rule.id));
    const ran = checking.flatMap((f) => {
      const r = results.get(f.id);
      return r ? [{ family: f, result: r }] : [];
    });
    const common = {
      rule: rule.id,
      properties: checking.map((f) => f.id),
      runs: ran.reduce((n, r) => n + r.result.runs, 0),
      exercisedRuns: [...results.values()].reduce((n, r) => n + (r.exercisedRuns?.[rule.id] ?? (r.exercised.includes(rule.id) ? 1 : 0)), 0),
      durationMs: ran.reduce((n, r) => n + r.result.durationMs, 0),
    };
    const skipReason = skipReasons.get(rule.id);
    if (skipReason !== undefined) return { ...common, status: 'skipped', reason: skipReason };
    if (checking.length === 0) return { ...common, status: 'unexercised', reason: 'no property checks this rule yet' };
    const failed = families
      .flatMap((f) => counterexamplesOf(results.get(f.id)).flatMap((c) => (blames(c, f, rule.id) ? [{ family: f, counterexample: c }] : [])))
      .sort((a, b) => Number(b.family.rules.includes(rule.id)) - Number(a.family.rules.includes(rule.id)))[0];
    if (failed) return { ...common, status: 'failed', counterexample: failed.counterexample };
    // Any property whose runs reached the rule with a matching history checked it, listed or not.
    if ([...results.values()].some((r) => r.exercised.includes(rule.id))) return { ...common, status: 'passed' };
    if (ran.length > 0 && ran.every((r) => r.result.status === 'skipped')) {
      return { ...common, status: 'skipped', reason: ran.map((r) => `${r.family.id}: ${r.result.reason ?? ''}`).join('; ') };
    }
    // A property that failed on other rules stopped there: say so, or its failure would go unseen
    // when the rules it blames are skipped for this adapter.
    const stopped = ran
      .filter((r) => r.result.status === 'failed')
      .map((r) => `${r.family.id} failed on ${[...new Set(counterexamplesOf(r.result).flatMap((c) => c.suspects))].join(', ') || 'an adapter error'}`);
    const reason = `no generated run of ${common.properties.join(', ')} reached it${stopped.length > 0 ? ` (${stopped.join('; ')})` : ''}`;
    return { ...common, status: 'unexercised', reason };
  });
}
