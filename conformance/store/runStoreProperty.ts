import fc from 'fast-check';
import { emptyStoreBelief, type StoreSemantics } from '../../spec/model/store/index.js';
import type { Capability } from '../../spec/index.js';
import type { StorePlugin, StoreUnderTest } from '../contract/StorePlugin.js';
import { ConformanceViolation } from '../engine/ConformanceViolation.js';
import type { PropertyResult } from '../engine/results.js';
import { DEFAULT_PATIENCE_MS, type RunOptions } from '../engine/runProperty.js';
import { checkProperty } from '../engine/_internals/checkProperty.js';
import type { StoreFamily } from './StoreProfile.js';
import { storeStepArbitrary, type StoreRunModel, type StoreRunReal } from './_internals/storeSteps.js';
import { pluginWithoutTagQueries, storeWithoutTagQueries, tagRulesNotSkipped, undeliveredTagQueries } from './_internals/withoutTagQueries.js';

/** What a plugin promises, as the store oracle reads it. */
function semanticsOf(plugin: StorePlugin): StoreSemantics {
  const has = (c: string) => plugin.capabilities.some((d) => d === c);
  return {
    revisionCheck: has('store.revision-check'),
    deleteRevisionCheck: has('store.delete-revision-check'),
    hardDelete: has('store.hard-delete'),
    deleteOfUnknownId: plugin.deleteOfUnknownId ?? 'either',
  };
}

/**
 * TAG-07 before the steps: the plugin offers the tag queries it declares, and the suite skips
 * every tag-query rule, with a reason, for the view that declares none.
 */
function checkTagQueriesOptional(plugin: StorePlugin, store: StoreUnderTest, viewDeclared: ReadonlySet<Capability>): void {
  const problems = [...undeliveredTagQueries(plugin, store), ...tagRulesNotSkipped(viewDeclared)];
  if (problems.length === 0) return;
  const shown = `check what ${plugin.name} declares about tag queries`;
  const expected = ['each tag query it declares offered by its store; every tag-query rule skipped, with a reason, for a store that declares none'];
  throw new ConformanceViolation(shown, problems, ['TAG-07'], [`declared: ${plugin.capabilities.join(', ')}`], expected, [shown], true);
}

/**
 * Runs one model-based store property against a plugin: sequences of writes, reads, batches
 * of concurrent writers and tag queries, each observation checked against every state the
 * rules allow. Never throws for a non-conforming store.
 *
 * @public
 */
export async function runStoreProperty(plugin: StorePlugin, family: StoreFamily, options: RunOptions = {}): Promise<PropertyResult> {
  const semantics = semanticsOf(plugin);
  const hidden = family.profile.withoutTagQueries === true;
  const patienceMs = options.patienceMs ?? plugin.patienceMs ?? DEFAULT_PATIENCE_MS;
  if (!(Number.isFinite(patienceMs) && patienceMs > 0)) {
    throw new RangeError(`patienceMs must be a positive number of milliseconds, got ${String(patienceMs)} (${options.patienceMs !== undefined ? 'run options' : `plugin ${plugin.name}`})`);
  }
  const seen = hidden ? pluginWithoutTagQueries(plugin) : plugin;
  // A store case is a sequence of store operations: its token replays against any plugin, the fixed one included.
  const target = { name: seen.name, capabilities: seen.capabilities, bindsReplayTokens: false };
  return checkProperty(target, family, options, (declared) => ({
    scenarios: fc.constant('fresh empty store'),
    steps: (replayPath) =>
      fc.commands([storeStepArbitrary(family.profile, declared)], {
        maxCommands: family.profile.maxSteps,
        size: 'max',
        ...(replayPath !== undefined ? { replayPath } : {}),
      }),
    run: async (_scenario: string, commands, exercised) => {
      const created = await plugin.createStore();
      const store = hidden ? storeWithoutTagQueries(created) : created;
      const fresh = async () => {
        const again = await plugin.createStore();
        return { store: hidden ? storeWithoutTagQueries(again) : again, dispose: async () => plugin.dispose?.(again) };
      };
      const real: StoreRunReal = { store, fresh, semantics, exercised: new Set(), log: [], patienceMs };
      const model: StoreRunModel = { belief: emptyStoreBelief, writes: 0, attempts: [], offsets: new Map(), past: [] };
      try {
        if (hidden) checkTagQueriesOptional(plugin, created, declared);
        await fc.asyncModelRun(() => ({ model, real }), commands);
        if (hidden) real.exercised.add('TAG-07');
      } finally {
        for (const rule of real.exercised) exercised.add(rule);
        await plugin.dispose?.(created);
      }
    },
    describeScenario: (scenario: string) => [scenario],
  }));
}
