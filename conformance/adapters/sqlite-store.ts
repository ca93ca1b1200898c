/**
 * Store plugin for this project's SQLite durable-state store (needs `better-sqlite3`); each
 * run gets its own in-memory database.
 *
 * @packageDocumentation
 */
import { SqliteDurableStateStore } from '../../src/index.js';
import type { StorePlugin } from '../contract/StorePlugin.js';
import { storePluginFor } from './_internals/fromDurableStateStore.js';

const open = () => new SqliteDurableStateStore({ filename: ':memory:' });

/** The SQLite store on a throwaway in-memory database. @public */
export const sqliteStorePlugin: StorePlugin = storePluginFor('sqlite-store', open().capabilities, open);
