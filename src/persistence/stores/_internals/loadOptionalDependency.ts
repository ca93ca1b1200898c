import { createRequire } from 'node:module';
import { MissingStoreDependencyError } from '../../errors.js';

/** How a module is required; injectable so tests can simulate a missing or broken package. */
export type RequireModule = (id: string) => unknown;

/**
 * Loads an optional peer dependency only when a store that needs it is created, so that users
 * who never use that store need not install it. A missing package becomes
 * `MissingStoreDependencyError`; any other load failure (say, a native build for another Node
 * version) is rethrown as is.
 */
export function loadOptionalDependency<T>(
  packageName: string,
  storeName: string,
  requireModule: RequireModule = createRequire(import.meta.url),
): T {
  try {
    return requireModule(packageName) as T;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(packageName)) {
      throw new MissingStoreDependencyError(packageName, storeName, error);
    }
    throw error;
  }
}
