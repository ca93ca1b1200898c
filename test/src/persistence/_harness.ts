import { createFsFromVolume, Volume } from 'memfs';
import { afterEach } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import type { RuntimeEvent } from '../../../src/EventStream.js';
import type { DurableStateStore } from '../../../src/persistence/DurableStateStore.js';
import { DurableStateStoreExtension } from '../../../src/persistence/DurableStateStoreExtension.js';
import { FaultInjectingDurableStateStore } from '../../../src/persistence/FaultInjectingDurableStateStore.js';
import type { DurableStateFileSystem } from '../../../src/persistence/stores/DurableStateFileSystem.js';
import { FileDurableStateStore } from '../../../src/persistence/stores/FileDurableStateStore.js';
import { InMemoryDurableStateStore } from '../../../src/persistence/stores/InMemoryDurableStateStore.js';
import { SqliteDurableStateStore } from '../../../src/persistence/stores/SqliteDurableStateStore.js';
import { ActorTestKit } from '../../../src/testkit/ActorTestKit.js';
import type { TestProbe } from '../../../src/testkit/TestProbe.js';

/** A named way to get a fresh, empty store. */
export interface StoreKind {
  readonly name: string;
  readonly create: () => Promise<DurableStateStore>;
}

/** The three stores of the package; the file store runs on memfs, SQLite in memory. */
export const STORE_KINDS: ReadonlyArray<StoreKind> = [
  { name: 'memory', create: async () => new InMemoryDurableStateStore() },
  {
    name: 'file',
    create: async () =>
      FileDurableStateStore.open({ directory: '/store', fs: createFsFromVolume(new Volume()) as unknown as DurableStateFileSystem }),
  },
  { name: 'sqlite', create: async () => new SqliteDurableStateStore({ filename: ':memory:' }) },
];

/** One test's world: a manual-time testkit whose durable-state store is a fault-injecting wrapper. */
export interface World {
  readonly kit: ActorTestKit;
  readonly store: FaultInjectingDurableStateStore;
  /** Every event published on the system's event stream. */
  readonly events: RuntimeEvent[];
  /** Waits until no actor has mail or a pending async step. */
  settled(): Promise<void>;
  probe<T>(): TestProbe<T>;
}

const openKits: ActorTestKit[] = [];
const openStores: DurableStateStore[] = [];

afterEach(async () => {
  for (const kit of openKits.splice(0)) await kit.shutdown();
  for (const store of openStores.splice(0)) await store.close?.();
});

function worldOn(store: FaultInjectingDurableStateStore): World {
  const kit = ActorTestKit.create({ manualTime: true, extensions: [new DurableStateStoreExtension(store)] });
  openKits.push(kit);
  const events: RuntimeEvent[] = [];
  kit.system.eventStream.subscribe((event) => events.push(event));
  return { kit, store, events, settled: () => kit.settled(), probe: <T>() => kit.createTestProbe<T>() };
}

/** A fresh world on `underlying` (default: a new in-memory store). Shut down after the test. */
export function world(underlying: DurableStateStore = new InMemoryDurableStateStore()): World {
  const store = new FaultInjectingDurableStateStore(underlying);
  openStores.push(store);
  return worldOn(store);
}

/** A second actor system on `first`'s store (another "node" serving the same persistence ids). */
export function sibling(first: World): World {
  return worldOn(first.store);
}

/** Sends each message to `ref` in order. */
export function tellAll<T>(ref: ActorRef<T>, messages: ReadonlyArray<T>): void {
  for (const message of messages) ref.tell(message);
}

/**
 * Waits until the actors are idle and every store call that is not held has settled (stores
 * doing real I/O may take several event-loop turns). No sleeping: it only yields to the event loop.
 */
export async function quiet(w: World): Promise<void> {
  let calm = 0;
  while (calm < 2) {
    await w.settled();
    // Twice in a row: a call that settled just now has had a turn to deliver its answer.
    calm = w.store.unfinishedCount === w.store.heldCount ? calm + 1 : 0;
    if (calm === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
