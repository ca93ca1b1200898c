import { rulesByRole, type Rule } from '../../spec/index.js';
import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import type { PropertyFamily } from './PropertyFamily.js';
import type { PropertyResult, RuleResult } from './results.js';
import { deriveRuleResults } from './ruleResults.js';
import type { RunOptions } from './runProperty.js';
import { effectiveCapabilities, runtimeProperties } from './runtimeProperties.js';

/** Knobs of {@link runConformance}. @public */
export interface ConformanceOptions extends Omit<RunOptions, 'replay'> {
  /** Only these rule IDs (default: every runtime rule). */
  readonly rules?: readonly string[];
  /** The actor properties to draw from (default: all); the durable-state properties always run. */
  readonly families?: readonly PropertyFamily[];
}

/** Everything one conformance run found. @public */
export interface ConformanceReport {
  readonly adapter: { readonly name: string; readonly version: string };
  readonly rules: readonly RuleResult[];
  readonly properties: readonly PropertyResult[];
  readonly durationMs: number;
}

/**
 * Runs the properties that check the selected rules against an adapter (each property once)
 * and reports every rule. Runner-agnostic; never throws for a non-conforming runtime.
 *
 * @public
 */
export async function runConformance(adapter: RuntimeAdapter, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const started = performance.now();
  const properties = runtimeProperties(adapter, options.families);
  const selected: readonly Rule[] = rulesByRole('runtime').filter((r) => options.rules === undefined || options.rules.includes(r.id));
  const needed = properties.filter((p) => selected.some((r) => p.rules.includes(r.id)));
  const runOptions: RunOptions = {
    ...(options.numRuns !== undefined ? { numRuns: options.numRuns } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.patienceMs !== undefined ? { patienceMs: options.patienceMs } : {}),
  };
  const results = new Map<string, PropertyResult>();
  for (const property of needed) results.set(property.id, await property.run(runOptions));
  return {
    adapter: { name: adapter.name, version: adapter.version },
    rules: deriveRuleResults(selected, properties, results, effectiveCapabilities(adapter)),
    properties: [...results.values()],
    durationMs: performance.now() - started,
  };
}

/** Runs the properties that check one rule and reports that rule. @public */
export async function runRule(adapter: RuntimeAdapter, ruleId: string, options: Omit<ConformanceOptions, 'rules'> = {}): Promise<RuleResult> {
  const report = await runConformance(adapter, { ...options, rules: [ruleId] });
  const result = report.rules[0];
  if (!result) throw new TypeError(`no runtime rule with ID ${ruleId}`);
  return result;
}
