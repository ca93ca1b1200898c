import type BetterSqlite3 from 'better-sqlite3';
import { loadOptionalDependency, type RequireModule } from './loadOptionalDependency.js';

/** The constructor `better-sqlite3` exports. */
export type SqliteDatabaseConstructor = typeof BetterSqlite3;

/** `better-sqlite3`, loaded when the first SQLite store is created (see {@link loadOptionalDependency}). */
export function loadBetterSqlite3(requireModule?: RequireModule): SqliteDatabaseConstructor {
  return loadOptionalDependency<SqliteDatabaseConstructor>('better-sqlite3', 'SqliteDurableStateStore', requireModule);
}
