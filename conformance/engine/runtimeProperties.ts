import type { Capability } from '../../spec/index.js';
import { controlledStoreCapabilities } from '../_internals/ControlledStore.js';
import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import type { AdapterPort } from './AdapterPort.js';
import { portOf } from '../harness/protocol/inProcessPort.js';
import { durableFamilies } from '../durable/durableFamilies.js';
import { runDurableProperty } from '../durable/runDurableProperty.js';
import { runtimeFamilies } from '../families/index.js';
import { hookProperties } from '../hooks/runHookProperty.js';
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
 * What an adapter's rules may rely on: its own capabilities plus, for durable state, those of
 * the suite's store, which every entity writes through (it checks revisions on every write).
 *
 * @public
 */
export function effectiveCapabilities(adapter: Pick<RuntimeAdapter, 'capabilities'>): ReadonlySet<Capability> {
  const declared = new Set<Capability>(adapter.capabilities);
  if (declared.has('durable-state')) for (const c of controlledStoreCapabilities) declared.add(c);
  return declared;
}

/**
 * Every property checked through a runtime adapter: actor properties (`actorFamilies`,
 * default all) and the durable-state properties.
 *
 * @public
 */
export function runtimeProperties(adapter: RuntimeAdapter | AdapterPort, actorFamilies: readonly PropertyFamily[] = runtimeFamilies): RunnableProperty[] {
  // One host for every property, so an adapter loads its runtime once.
  const port = portOf(adapter);
  return [
    ...actorFamilies.map((family) => ({ id: family.id, rules: family.rules, run: (o: RunOptions) => runProperty(port, family, o) })),
    ...durableFamilies.map((family) => ({ id: family.id, rules: family.rules, run: (o: RunOptions) => runDurableProperty(port, family, o) })),
    ...hookProperties(port),
  ];
}
