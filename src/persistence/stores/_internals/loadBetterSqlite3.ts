import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { MissingStoreDependencyError } from '../../errors.js';

/** The constructor `better-sqlite3` exports. */
export type SqliteDatabaseConstructor = typeof BetterSqlite3;

/**
 * Loads `better-sqlite3` only when a SQLite store is created, so that users who never use one
 * need not install it. A missing package becomes `MissingStoreDependencyError`; any other load
 * failure (say, a native build for another Node version) is rethrown as is.
 */
export function loadBetterSqlite3(
  requireModule: (id: string) => unknown = createRequire(import.meta.url),
): SqliteDatabaseConstructor {
  try {
    return requireModule('better-sqlite3') as SqliteDatabaseConstructor;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes('better-sqlite3')) {
      throw new MissingStoreDependencyError('better-sqlite3', 'SqliteDurableStateStore', error);
    }
    throw error;
  }
}
