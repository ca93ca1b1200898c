import type { ActorSystem } from '../ActorSystem.js';
import type { Extension } from '../Extension.js';
import type { DurableStateStore } from './DurableStateStore.js';
import { InMemoryDurableStateStore } from './stores/InMemoryDurableStateStore.js';

/** The extension id under which an actor system holds its durable-state store. @public */
export const DURABLE_STATE_STORE_EXTENSION_ID = 'actor-conformance.durable-state-store';

/**
 * Registers the store every `DurableStateBehavior` of an actor system uses. Passing
 * `{ durableStateStore }` to `ActorSystem.create` registers one for you; without either,
 * each system gets its own {@link InMemoryDurableStateStore}.
 *
 * @public
 */
export class DurableStateStoreExtension implements Extension {
  readonly id = DURABLE_STATE_STORE_EXTENSION_ID;
  constructor(
    /** The store of the system. */
    readonly store: DurableStateStore,
  ) {}

  /** The store of `system`: the registered one, else the system's default in-memory store. */
  static storeOf(system: ActorSystem<unknown>): DurableStateStore {
    const cached = resolved.get(system);
    if (cached !== undefined) return cached;
    const store = registeredStore(system) ?? new InMemoryDurableStateStore();
    resolved.set(system, store);
    return store;
  }
}

/** One store per system, resolved once: the lookup stays off the command path. */
const resolved = new WeakMap<ActorSystem<unknown>, DurableStateStore>();

function registeredStore(system: ActorSystem<unknown>): DurableStateStore | undefined {
  try {
    return system.extension<DurableStateStoreExtension>(DURABLE_STATE_STORE_EXTENSION_ID).store;
  } catch (error) {
    if (error instanceof Error && (error as { code?: unknown }).code === 'UNKNOWN_EXTENSION') return undefined;
    throw error;
  }
}
