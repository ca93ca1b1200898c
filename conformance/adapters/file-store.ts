/**
 * Store plugin for this project's file-per-entity durable-state store; each run gets a fresh
 * temporary directory, removed afterwards.
 *
 * @packageDocumentation
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDurableStateStore } from '../../src/index.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import { storePluginFor } from './_internals/fromDurableStateStore.js';

const directories = new WeakMap<object, string>();

/** The file store in a temporary directory; its capabilities as its documentation states them. @public */
export const fileStorePlugin: StorePlugin = storePluginFor(
  'file-store',
  {
    revisionCheck: true,
    deleteRevisionCheck: true,
    hardDelete: true,
    deleteOfUnknownId: 'tombstone',
    tagQueries: true,
    liveChanges: true,
    durable: true,
  },
  async () => {
    const directory = await mkdtemp(join(tmpdir(), 'conformance-store-'));
    const store = await FileDurableStateStore.open({ directory });
    directories.set(store, directory);
    return store;
  },
  async (store) => {
    const directory = directories.get(store);
    if (directory) await rm(directory, { recursive: true, force: true });
  },
);
