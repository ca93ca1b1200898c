import type { Capability } from '../../../spec/index.js';
import type { DurableStateStore, DurableStateStoreCapabilities } from '../../../src/index.js';
import type { StorePlugin } from '../../contract/StorePlugin.js';

/** The vocabulary words for what one of this project's stores says it guarantees. */
function capabilitiesOf(c: DurableStateStoreCapabilities): Capability[] {
  const words: Capability[] = ['store'];
  if (c.revisionCheck) words.push('store.revision-check');
  if (c.deleteRevisionCheck) words.push('store.delete-revision-check');
  if (c.hardDelete) words.push('store.hard-delete');
  if (c.tagQueries) words.push('store.tag-queries');
  if (c.liveChanges) words.push('store.live-changes');
  return words;
}

/**
 * How long a live query of an in-process store may stay silent before it counts as quiet: its
 * changes arrive within microtasks of the commit, so a few milliseconds are plenty even on a
 * loaded machine, and keep the live-query property fast.
 */
export const IN_PROCESS_PATIENCE_MS = 2;

/**
 * A store plugin for one of this project's `DurableStateStore`s: the store already speaks the
 * suite's store contract, so the plugin only names it and reads its capabilities.
 */
export function storePluginFor(
  name: string,
  capabilities: DurableStateStoreCapabilities,
  create: () => DurableStateStore | Promise<DurableStateStore>,
  cleanUp?: (store: DurableStateStore) => Promise<void>,
): StorePlugin {
  const opened = new WeakMap<object, DurableStateStore>();
  return {
    name,
    version: '0.1.0',
    capabilities: capabilitiesOf(capabilities),
    deleteOfUnknownId: capabilities.deleteOfUnknownId,
    patienceMs: IN_PROCESS_PATIENCE_MS,
    async createStore() {
      const store = await create();
      opened.set(store, store);
      return store;
    },
    async dispose(store) {
      const real = opened.get(store);
      if (!real) return;
      await real.close?.();
      await cleanUp?.(real);
    },
  };
}
