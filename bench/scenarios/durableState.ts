import {
  measureFileStoreRoundTrips,
  measureMemoryStoreRoundTrips,
  measureSqliteStoreRoundTrips,
  ONE_ENTITY,
  THOUSAND_ENTITIES,
  type DurableStateLoad,
} from '../durable-state.js';
import { measurePostgresStoreRoundTrips, measureRawPgInserts, postgresUnavailable } from '../postgres.js';
import { ratio, type Scenario } from '../scenario.js';
import { measureInMemoryStore, measureRawFsyncWrites, measureSqliteStore } from '../stores.js';

// Durable State round trips (command -> write -> reply) against the store's own write rate:
// the baseline is what the store does with no actor in front of it (for the file store, the
// fsync-bound write of one small file, which is what durability costs at the least).
const durableOne: DurableStateLoad = { entities: 1, commandsPerEntity: 2_000, window: 64 };
const durableMany: DurableStateLoad = { entities: 1_000, commandsPerEntity: 5, window: 5 };

const perSecond = async (measure: () => Promise<number>) => ({ opsPerSecond: await measure() });

function persistScenario(
  name: string,
  description: string,
  ours: () => Promise<number>,
  baseline: () => Promise<number>,
  targets: Scenario['targets'] = [],
): Scenario {
  return {
    name,
    description,
    unit: 'round trips/s',
    run: { ours: () => perSecond(ours), baseline: () => perSecond(baseline) },
    targets,
  };
}

const withinTwiceOfFsync: NonNullable<Scenario['targets']> = [
  { description: 'ours within 2x of raw fsync-bound writes', met: (r) => ratio(r, 'baseline') >= 0.5 },
];

export const durableStateScenarios: readonly Scenario[] = [
  persistScenario(
    'persist-memory-1',
    'Durable State, memory store, 1 entity, 1,000,000 commands (256 in flight); baseline: raw store upserts',
    () => measureMemoryStoreRoundTrips(ONE_ENTITY),
    () => measureInMemoryStore({ entities: 1, writesPerEntity: 1_000_000 }),
    [{ description: 'ours >= 1,000,000 round trips/s', met: (r) => (r.ours?.opsPerSecond ?? 0) >= 1_000_000 }],
  ),
  persistScenario(
    'persist-memory-1000',
    'Durable State, memory store, 1,000 entities x 1,000 commands (16 in flight each); baseline: raw store upserts',
    () => measureMemoryStoreRoundTrips(THOUSAND_ENTITIES),
    () => measureInMemoryStore({ entities: 1_000, writesPerEntity: 1_000 }),
  ),
  persistScenario(
    'persist-file-1',
    'Durable State, file store, 1 entity, 2,000 commands (64 in flight); baseline: write+fsync+rename of one file',
    () => measureFileStoreRoundTrips(durableOne),
    () => measureRawFsyncWrites(500),
    withinTwiceOfFsync,
  ),
  persistScenario(
    'persist-file-1000',
    'Durable State, file store, 1,000 entities x 5 commands; baseline: write+fsync+rename of one file',
    () => measureFileStoreRoundTrips(durableMany),
    () => measureRawFsyncWrites(500),
    withinTwiceOfFsync,
  ),
  persistScenario(
    'persist-sqlite-1',
    'Durable State, SQLite store, 1 entity, 2,000 commands (64 in flight); baseline: raw store upserts',
    () => measureSqliteStoreRoundTrips(durableOne),
    () => measureSqliteStore({ entities: 1, writesPerEntity: 500 }),
  ),
  persistScenario(
    'persist-sqlite-1000',
    'Durable State, SQLite store, 1,000 entities x 5 commands; baseline: raw store upserts',
    () => measureSqliteStoreRoundTrips(durableMany),
    () => measureSqliteStore({ entities: 1_000, writesPerEntity: 3 }),
  ),
  // The server named by the PG* variables (scripts/postgres.sh start); skipped without one.
  {
    ...persistScenario(
      'persist-postgres-1',
      'Durable State, PostgreSQL store, 1 entity, 2,000 commands (64 in flight); baseline: raw pg parameterised inserts, one at a time, same server',
      () => measurePostgresStoreRoundTrips(durableOne),
      () => measureRawPgInserts({ entities: 1, insertsPerEntity: 2_000 }),
    ),
    unavailable: postgresUnavailable,
  },
  {
    ...persistScenario(
      'persist-postgres-1000',
      'Durable State, PostgreSQL store, 1,000 entities x 5 commands; baseline: raw pg parameterised inserts, 1,000 writers on a pool of the same size, same server',
      () => measurePostgresStoreRoundTrips(durableMany),
      () => measureRawPgInserts({ entities: 1_000, insertsPerEntity: 5 }),
    ),
    unavailable: postgresUnavailable,
  },
];
