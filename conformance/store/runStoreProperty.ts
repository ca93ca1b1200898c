import fc from 'fast-check';
import { emptyStoreBelief, type StoreSemantics } from '../../spec/model/store/index.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import { decodeReplayToken } from '../engine/ReplayToken.js';
import type { PropertyResult } from '../engine/results.js';
import type { RunOptions } from '../engine/runProperty.js';
import { counterexampleOf } from '../engine/_internals/counterexample.js';
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
  const started = performance.now();
  const declared = new Set(plugin.capabilities);
  const missing = family.requires.filter((c) => !declared.has(c));
  if (missing.length > 0) {
    return { property: family.id, status: 'skipped', reason: `plugin does not declare ${missing.join(', ')}`, runs: 0, exercised: [], durationMs: 0 };
  }
  const replay = options.replay === undefined ? undefined : decodeReplayToken(options.replay);
  if (replay && (replay.family !== family.id || replay.adapter !== plugin.name)) {
    throw new TypeError(`replay token is for ${replay.family} on ${replay.adapter}, not ${family.id} on ${plugin.name}`);
  }
  const semantics = semanticsOf(plugin);
  const steps = fc.commands([storeStepArbitrary(family.profile, declared)], {
    maxCommands: family.profile.maxSteps,
    ...(replay?.replayPath !== undefined ? { replayPath: replay.replayPath } : {}),
  });
  const exercised = new Set<string>();
  const property = fc.asyncProperty(fc.constant(null), steps, async (_none, commands) => {
    const store = await plugin.createStore();
    const real: StoreRunReal = { store, semantics, exercised: new Set(), log: [] };
    const model: StoreRunModel = { belief: emptyStoreBelief, writes: 0 };
    try {
      await fc.asyncModelRun(() => ({ model, real }), commands);
    } finally {
      for (const rule of real.exercised) exercised.add(rule);
      await plugin.dispose?.(store);
    }
  });
  const details = await fc.check(property, {
    numRuns: replay ? 1 : (options.numRuns ?? family.numRuns),
    ...(replay ? { seed: replay.seed, path: replay.path, endOnFailure: true } : options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const base = { property: family.id, runs: details.numRuns, exercised: [...exercised].sort() };
  if (!details.failed) return { ...base, status: 'passed', durationMs: performance.now() - started };
  const counterexample = counterexampleOf(plugin.name, family.id, details, () => ['fresh empty store']);
  return { ...base, status: 'failed', counterexample, durationMs: performance.now() - started };
}
