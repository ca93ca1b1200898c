/**
 * The conformance suite as vitest tests: `import { conformanceSuite } from 'actor-conformance/vitest'`,
 * then call it at the top level of a test file with your adapter (or `storeConformanceSuite`
 * with a store plugin). One test per rule, titled `"<ID> [<LEVEL>] <title>"` from the
 * registry, grouped by area.
 *
 * @packageDocumentation
 */
import { areas, partitionByCapabilities, rulesByRole, testTitle, type AreaId, type Capability, type Role } from '../spec/index.js';
import type { RuntimeAdapter } from './contract/RuntimeAdapter.js';
import type { StorePlugin } from './contract/StorePlugin.js';
import type { PropertyResult } from './engine/results.js';
import { deriveRuleResults } from './engine/ruleResults.js';
import type { ConformanceOptions } from './engine/runConformance.js';
import type { RunOptions } from './engine/runProperty.js';
import { effectiveCapabilities, runtimeProperties } from './engine/runtimeProperties.js';
import { runStoreProperty } from './store/runStoreProperty.js';
import { storeFamilies } from './store/storeFamilies.js';
import { checkStartedSystem } from './harness/adapterContract.js';
import { loadVitest } from './_internals/loadVitest.js';

// vitest is an optional peer: without it, importing this entry fails with one line saying so.
const { afterAll, beforeAll, describe, it } = await loadVitest();

/** Options of {@link conformanceSuite} and {@link storeConformanceSuite}. @public */
export interface ConformanceSuiteOptions extends Omit<ConformanceOptions, 'families'> {
  /** Timeout of each rule's test, in ms (default 60 000): the first test of a property runs it. */
  readonly timeoutMs?: number;
}

interface Checked {
  readonly id: string;
  readonly rules: readonly string[];
}

/**
 * Declares one test per rule of `role`. Each property runs once, when the first rule that
 * needs it is tested. Rules needing an undeclared capability are skipped with the reason;
 * rules no property checks yet are `todo`; a rule no run reached is skipped with that reason,
 * never passed; a failure shows the shrunk counterexample and its replay token.
 */
function declareRuleTests<F extends Checked>(
  title: string,
  role: Role,
  declared: ReadonlySet<Capability>,
  families: readonly F[],
  run: (family: F, options: RunOptions) => Promise<PropertyResult>,
  options: ConformanceSuiteOptions,
  /** Around the suite's tests: a store plugin's `setup()` and `teardown()`; for a runtime adapter, the check of its started system (a throw fails every test with its message). */
  around: { readonly setup?: () => Promise<void>; readonly teardown?: () => Promise<void> } = {},
): void {
  const selected = rulesByRole(role).filter((r) => options.rules === undefined || options.rules.includes(r.id));
  const runOptions: RunOptions = {
    ...(options.numRuns !== undefined ? { numRuns: options.numRuns } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.patienceMs !== undefined ? { patienceMs: options.patienceMs } : {}),
  };
  const running = new Map<string, Promise<PropertyResult>>();
  const resultOf = (family: F): Promise<PropertyResult> => {
    let pending = running.get(family.id);
    if (!pending) {
      pending = run(family, runOptions);
      running.set(family.id, pending);
    }
    return pending;
  };
  const skipReasons = new Map(partitionByCapabilities(declared, selected).skipped.map((s) => [s.rule.id, s.reason] as const));

  describe(title, () => {
    const { setup, teardown } = around;
    if (setup !== undefined) beforeAll(setup, options.timeoutMs ?? 60_000);
    if (teardown !== undefined) afterAll(teardown, options.timeoutMs ?? 60_000);
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
              let [outcome] = deriveRuleResults([rule], families, results, declared);
              // As in the command: a property that does not list the rule may still reach it, so
              // before calling it unexercised, judge it on every property's runs.
              if (outcome?.status === 'unexercised' || outcome?.status === 'skipped') {
                const all = new Map((await Promise.all(families.map(resultOf))).map((r) => [r.property, r] as const));
                [outcome] = deriveRuleResults([rule], families, all, declared);
              }
              if (!outcome || outcome.status === 'passed') return;
              if (outcome.status === 'failed' && outcome.counterexample) {
                const c = outcome.counterexample;
                throw new Error([c.message, 'counterexample:', ...c.steps.map((s) => `  ${s}`), `replay token: ${c.replayToken}`].join('\n'));
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

/** Declares the runtime suite (LIF, SUP, WATCH, STASH, DS, … rules) for `adapter`. @public */
export function conformanceSuite(adapter: RuntimeAdapter, options: ConformanceSuiteOptions = {}): void {
  declareRuleTests(
    `${adapter.name} ${adapter.version} conformance`,
    'runtime',
    effectiveCapabilities(adapter),
    runtimeProperties(adapter),
    (property, runOptions) => property.run(runOptions),
    options,
    // As the CLI does at load time: an over-declared capability is the adapter's error, named once.
    { setup: () => checkStartedSystem(adapter, adapter.name) },
  );
}

/** Declares the store suite (STORE and TAG rules) for a store plugin. @public */
export function storeConformanceSuite(plugin: StorePlugin, options: ConformanceSuiteOptions = {}): void {
  declareRuleTests(
    `${plugin.name} ${plugin.version} store conformance`,
    'store',
    new Set(plugin.capabilities),
    storeFamilies,
    (family, runOptions) => runStoreProperty(plugin, family, runOptions),
    options,
    // Once around all the plugin's tests, as the command and runStoreConformance do.
    {
      ...(plugin.setup !== undefined ? { setup: () => plugin.setup!() } : {}),
      ...(plugin.teardown !== undefined ? { teardown: () => plugin.teardown!() } : {}),
    },
  );
}
