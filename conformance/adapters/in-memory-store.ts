/**
 * Store plugin for this project's in-memory durable-state store.
 *
 * @packageDocumentation
 */
import { InMemoryDurableStateStore } from '../../src/index.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import { storePluginFor } from './_internals/fromDurableStateStore.js';

/** The in-memory store, fresh for every run. @public */
export const inMemoryStorePlugin: StorePlugin = storePluginFor(
  'in-memory-store',
  new InMemoryDurableStateStore().capabilities,
  () => new InMemoryDurableStateStore(),
);
