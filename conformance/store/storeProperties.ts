import type { StorePlugin } from '../contract/StorePlugin.js';
import type { RunnableProperty } from '../engine/runtimeProperties.js';
import type { RunOptions } from '../engine/runProperty.js';
import { runStoreProperty } from './runStoreProperty.js';
import { storeFamilies } from './storeFamilies.js';

/**
 * Every property checked through a store plugin, bound to it: what the command line runs for a
 * module that exports a `StorePlugin`, the counterpart of `runtimeProperties`.
 *
 * @public
 */
export function storeProperties(plugin: StorePlugin): RunnableProperty[] {
  return storeFamilies.map((family) => ({ id: family.id, rules: family.rules, run: (o: RunOptions) => runStoreProperty(plugin, family, o) }));
}
