import fc from 'fast-check';
import { emptyStoreBelief, type StoreSemantics } from '../../spec/model/store/index.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import type { PropertyResult } from '../engine/results.js';
import type { RunOptions } from '../engine/runProperty.js';
import { checkProperty } from '../engine/_internals/checkProperty.js';
import type { StoreFamily } from './StoreProfile.js';
import { storeStepArbitrary, type StoreRunModel, type StoreRunReal } from './_internals/storeSteps.js';

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
 * Runs one model-based store property against a plugin: sequences of writes, reads, batches
 * of concurrent writers and tag queries, each observation checked against every state the
 * rules allow. Never throws for a non-conforming store.
 *
 * @public
 */
export async function runStoreProperty(plugin: StorePlugin, family: StoreFamily, options: RunOptions = {}): Promise<PropertyResult> {
  const semantics = semanticsOf(plugin);
  return checkProperty(plugin, family, options, (declared) => ({
    scenarios: fc.constant('fresh empty store'),
    steps: (replayPath) =>
      fc.commands([storeStepArbitrary(family.profile, declared)], {
        maxCommands: family.profile.maxSteps,
        ...(replayPath !== undefined ? { replayPath } : {}),
      }),
    run: async (_scenario: string, commands, exercised) => {
      const store = await plugin.createStore();
      const real: StoreRunReal = { store, semantics, exercised: new Set(), log: [] };
      const model: StoreRunModel = { belief: emptyStoreBelief, writes: 0 };
      try {
        await fc.asyncModelRun(() => ({ model, real }), commands);
      } finally {
        for (const rule of real.exercised) exercised.add(rule);
        await plugin.dispose?.(store);
      }
    },
    describeScenario: (scenario: string) => [scenario],
  }));
}
