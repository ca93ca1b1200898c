import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import { durableFamilies } from '../durable/durableFamilies.js';
import { runDurableProperty } from '../durable/runDurableProperty.js';
import { runtimeFamilies } from '../families/index.js';
import type { PropertyFamily } from './PropertyFamily.js';
import type { PropertyResult } from './results.js';
import { runProperty, type RunOptions } from './runProperty.js';

/** A property bound to its runner: what rule derivation and the runners need. @public */
export interface RunnableProperty {
  readonly id: string;
  readonly rules: readonly string[];
  run(options: RunOptions): Promise<PropertyResult>;
}

/**
 * Every property checked through a runtime adapter: actor properties (`actorFamilies`,
 * default all) and the durable-state properties.
 *
 * @public
 */
export function runtimeProperties(adapter: RuntimeAdapter, actorFamilies: readonly PropertyFamily[] = runtimeFamilies): RunnableProperty[] {
  return [
    ...actorFamilies.map((family) => ({ id: family.id, rules: family.rules, run: (o: RunOptions) => runProperty(adapter, family, o) })),
    ...durableFamilies.map((family) => ({ id: family.id, rules: family.rules, run: (o: RunOptions) => runDurableProperty(adapter, family, o) })),
  ];
}
