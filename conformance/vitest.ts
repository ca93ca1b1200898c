/**
 * The conformance suite as vitest tests: `import { conformanceSuite } from 'actor-conformance/vitest'`,
 * then call it at the top level of a test file with your adapter. One test per rule, titled
 * `"<ID> [<LEVEL>] <title>"` from the registry, grouped by area.
 *
 * @packageDocumentation
 */
import { describe, it } from 'vitest';
import { areas, partitionByCapabilities, rulesByRole, testTitle, type AreaId } from '../spec/index.js';
import type { RuntimeAdapter } from './contract/RuntimeAdapter.js';
import type { PropertyFamily } from './engine/PropertyFamily.js';
import type { PropertyResult } from './engine/results.js';
import { deriveRuleResults } from './engine/ruleResults.js';
import type { ConformanceOptions } from './engine/runConformance.js';
import { runProperty } from './engine/runProperty.js';
import { runtimeFamilies } from './families/index.js';

/** Options of {@link conformanceSuite}. @public */
export interface ConformanceSuiteOptions extends ConformanceOptions {
  /** Timeout of each rule's test, in ms (default 60 000): the first test of a property runs it. */
  readonly timeoutMs?: number;
}

/**
 * Declares the suite for `adapter`. Each property runs once, when the first rule that needs it
 * is tested; a rule's test then reads its outcome. Rules the adapter cannot express are
 * skipped with the missing capability; rules no property checks yet are `todo`; a rule no run
 * reached is skipped with that reason, never passed; a failure shows the shrunk
 * counterexample and its replay token.
 *
 * @public
 */
export function conformanceSuite(adapter: RuntimeAdapter, options: ConformanceSuiteOptions = {}): void {
  const families: readonly PropertyFamily[] = options.families ?? runtimeFamilies;
  const declared = new Set(adapter.capabilities);
  const selected = rulesByRole('runtime').filter((r) => options.rules === undefined || options.rules.includes(r.id));
  const running = new Map<string, Promise<PropertyResult>>();
  const resultOf = (family: PropertyFamily): Promise<PropertyResult> => {
    let pending = running.get(family.id);
    if (!pending) {
      pending = runProperty(adapter, family, {
        ...(options.numRuns !== undefined ? { numRuns: options.numRuns } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      });
      running.set(family.id, pending);
    }
    return pending;
  };
  const skipReasons = new Map(partitionByCapabilities(declared, selected).skipped.map((s) => [s.rule.id, s.reason] as const));

  describe(`${adapter.name} ${adapter.version} conformance`, () => {
    for (const area of Object.keys(areas) as AreaId[]) {
      const inArea = selected.filter((r) => r.area === area);
      if (inArea.length === 0) continue;
      describe(areas[area].title, () => {
        for (const rule of inArea) {
          const checking = families.filter((f) => f.rules.includes(rule.id));
          if (checking.length === 0 && !skipReasons.has(rule.id)) {
            it.todo(testTitle(rule));
            continue;
          }
          it(
            testTitle(rule),
            async (ctx) => {
              const reason = skipReasons.get(rule.id);
              if (reason !== undefined) ctx.skip(reason);
              const results = new Map((await Promise.all(checking.map(resultOf))).map((r) => [r.property, r] as const));
              const [outcome] = deriveRuleResults([rule], families, results, declared);
              if (!outcome || outcome.status === 'passed') return;
              if (outcome.status === 'failed' && outcome.counterexample) {
                const c = outcome.counterexample;
                throw new Error(
                  [c.message, 'counterexample:', ...c.steps.map((s) => `  ${s}`), `replay token: ${c.replayToken}`].join('\n'),
                );
              }
              ctx.skip(`${outcome.status}: ${outcome.reason ?? ''}`);
            },
            options.timeoutMs ?? 60_000,
          );
        }
      });
    }
  });
}
