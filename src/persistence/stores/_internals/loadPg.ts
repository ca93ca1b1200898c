import type * as Pg from 'pg';
import { loadOptionalDependency, type RequireModule } from './loadOptionalDependency.js';

/** The parts of the `pg` package the PostgreSQL store uses. */
export type PgModule = Pick<typeof Pg, 'Pool' | 'Client'>;

/** `pg`, loaded when the first PostgreSQL store is opened (see {@link loadOptionalDependency}). */
export function loadPg(requireModule?: RequireModule): PgModule {
  return loadOptionalDependency<PgModule>('pg', 'PostgresDurableStateStore', requireModule);
}
