import { rulesByRole } from '../../spec/index.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import type { ConformanceReport } from '../engine/runConformance.js';
import type { PropertyResult } from '../engine/results.js';
import { deriveRuleResults } from '../engine/ruleResults.js';
import type { RunOptions } from '../engine/runProperty.js';
import { runStoreProperty } from './runStoreProperty.js';
import { storeFamilies } from './storeFamilies.js';

/**
 * Runs the store properties against a plugin and reports every STORE and TAG rule.
 *
 * @public
 */
export async function runStoreConformance(plugin: StorePlugin, options: Omit<RunOptions, 'replay'> = {}): Promise<ConformanceReport> {
  const started = performance.now();
  const results = new Map<string, PropertyResult>();
  await plugin.setup?.();
  try {
    for (const family of storeFamilies) results.set(family.id, await runStoreProperty(plugin, family, options));
  } finally {
    await plugin.teardown?.();
  }
  return {
    adapter: { name: plugin.name, version: plugin.version },
    rules: deriveRuleResults(rulesByRole('store'), storeFamilies, results, new Set(plugin.capabilities)),
    properties: [...results.values()],
    durationMs: performance.now() - started,
  };
}
