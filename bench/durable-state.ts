// Durable State round trips (command → write → reply) per second, for `npm run bench` (the lead
// wires these in). Each function returns round trips per second; nothing is printed. Run
// directly for a quick table:
//   node --import tsx bench/durable-state.ts
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActorRef } from '../src/ActorRef.js';
import { ActorSystem } from '../src/ActorSystem.js';
import { Behaviors } from '../src/Behaviors.js';
import { DurableStateBehavior } from '../src/persistence/DurableStateBehavior.js';
import type { DurableStateStore } from '../src/persistence/DurableStateStore.js';
import { Effect } from '../src/persistence/Effect.js';
import { PersistenceId } from '../src/persistence/PersistenceId.js';
import { FileDurableStateStore } from '../src/persistence/stores/FileDurableStateStore.js';
import { InMemoryDurableStateStore } from '../src/persistence/stores/InMemoryDurableStateStore.js';
import { SqliteDurableStateStore } from '../src/persistence/stores/SqliteDurableStateStore.js';
import { inTemporaryDirectory } from './stores.js';

/** How many entities run, how many commands each handles, and how many each has outstanding. */
export interface DurableStateLoad {
  readonly entities: number;
  readonly commandsPerEntity: number;
  /**
   * Commands in flight per entity (a closed loop: each reply sends the next command). Must stay
   * below the stash capacity (4096), or commands arriving during a write would be dropped.
   */
  readonly window?: number;
}

/** One entity, a million round trips. */
export const ONE_ENTITY: DurableStateLoad = { entities: 1, commandsPerEntity: 1_000_000, window: 256 };
/** A thousand entities, a thousand round trips each. */
export const THOUSAND_ENTITIES: DurableStateLoad = { entities: 1000, commandsPerEntity: 1000, window: 16 };

/** The command: persist the next count and reply with it. One object per entity, reused. */
interface Increment {
  readonly replyTo: ActorRef<number>;
}

const identity = (count: number): number => count;

function counter(id: number) {
  return DurableStateBehavior.create<Increment, number>({
    persistenceId: PersistenceId.of('Counter', String(id)),
    emptyState: 0,
    commandHandler: (count, command) => Effect.persist(count + 1).thenReply(command.replyTo, identity),
  });
}

/**
 * Keeps `window` commands outstanding at one entity: every reply is checked (the counts must
 * arrive as 1, 2, 3, …) and sends the next command until `total` were sent.
 */
class ClosedLoop implements ActorRef<number> {
  readonly path: string;
  private readonly command: Increment = { replyTo: this };
  private sent = 0;
  private expected = 1;

  constructor(
    private readonly entity: ActorRef<Increment>,
    private readonly total: number,
    private readonly onReply: (count: number) => void,
    readonly name: string,
  ) {
    this.path = `/bench/${name}`;
  }

  start(window: number): void {
    while (this.sent < window) this.send();
  }

  tell(count: number): void {
    if (count !== this.expected) throw new Error(`${this.name}: expected reply ${this.expected}, got ${count}`);
    this.expected++;
    if (this.sent < this.total) this.send();
    this.onReply(count);
  }

  private send(): void {
    this.sent++;
    this.entity.tell(this.command);
  }
}

/**
 * Runs `load` against `store` and returns round trips per second: from the first command to the
 * last reply, every command persisted (revision + 1) and answered. Throws if any reply is wrong.
 */
export async function measurePersistRoundTrips(store: DurableStateStore, load: DurableStateLoad): Promise<number> {
  const window = Math.min(load.window ?? 64, load.commandsPerEntity);
  let entities: ActorRef<Increment>[] = [];
  const guardian = Behaviors.setup<never>((context) => {
    entities = Array.from({ length: load.entities }, (_, i) => context.spawn(counter(i), `counter-${i}`));
    return Behaviors.empty();
  });
  const system = ActorSystem.create(guardian, 'bench-durable-state', { durableStateStore: store });
  await system.settled(); // spawned and recovered: the measurement starts with live entities
  let unfinished = load.entities;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const drivers = entities.map(
    (entity, i) =>
      new ClosedLoop(entity, load.commandsPerEntity, (count) => {
        if (count === load.commandsPerEntity && --unfinished === 0) finished();
      }, `reply-${i}`),
  );
  const started = performance.now();
  for (const driver of drivers) driver.start(window);
  await done;
  const seconds = (performance.now() - started) / 1000;
  await system.terminate();
  return (load.entities * load.commandsPerEntity) / seconds;
}

async function withStore(openStore: (directory: string) => Promise<DurableStateStore>, load: DurableStateLoad): Promise<number> {
  return inTemporaryDirectory(async (directory) => {
    const store = await openStore(directory);
    try {
      return await measurePersistRoundTrips(store, load);
    } finally {
      await store.close?.();
    }
  });
}

let warmedUp = false;

/**
 * Runs the command → write → reply path a while on a throwaway in-memory store, once per
 * process, so the measurements see optimised code rather than the JIT's first tiers.
 */
export async function warmUpDurableState(): Promise<void> {
  if (warmedUp) return;
  warmedUp = true;
  await measurePersistRoundTrips(new InMemoryDurableStateStore(), { entities: 1, commandsPerEntity: 300_000, window: 256 });
  await measurePersistRoundTrips(new InMemoryDurableStateStore(), { entities: 1000, commandsPerEntity: 100, window: 16 });
}

/** Round trips per second on the {@link InMemoryDurableStateStore} (default: one entity), after a warm-up. */
export async function measureMemoryStoreRoundTrips(load: DurableStateLoad = ONE_ENTITY): Promise<number> {
  await warmUpDurableState();
  return measurePersistRoundTrips(new InMemoryDurableStateStore(), load);
}

/** Round trips per second on the {@link FileDurableStateStore} in a temporary directory. */
export function measureFileStoreRoundTrips(load: DurableStateLoad): Promise<number> {
  return withStore((directory) => FileDurableStateStore.open({ directory }), load);
}

/** Round trips per second on the {@link SqliteDurableStateStore} with a database file in a temporary directory. */
export function measureSqliteStoreRoundTrips(load: DurableStateLoad): Promise<number> {
  return withStore(async (directory) => new SqliteDurableStateStore({ filename: join(directory, 'bench.db') }), load);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const durable = { entities: 1, commandsPerEntity: 2000, window: 64 };
  const durableMany = { entities: 1000, commandsPerEntity: 5, window: 5 };
  const rows: Array<[string, () => Promise<number>]> = [
    ['memory, 1 entity', () => measureMemoryStoreRoundTrips(ONE_ENTITY)],
    ['memory, 1,000 entities', () => measureMemoryStoreRoundTrips(THOUSAND_ENTITIES)],
    ['sqlite, 1 entity', () => measureSqliteStoreRoundTrips(durable)],
    ['sqlite, 1,000 entities', () => measureSqliteStoreRoundTrips(durableMany)],
    ['file, 1 entity', () => measureFileStoreRoundTrips(durable)],
    ['file, 1,000 entities', () => measureFileStoreRoundTrips(durableMany)],
  ];
  for (const [name, measure] of rows) console.log(`${name.padEnd(24)} ${Math.round(await measure()).toLocaleString('en')} round trips/s`);
}
