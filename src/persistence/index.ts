// Durable-state stores
export { NO_OFFSET } from './DurableStateStore.js';
export type {
  DurableStateChange,
  DurableStateDeleted,
  DurableStateStore,
  DurableStateStoreCapabilities,
  DurableStateUpdated,
  GetObjectResult,
  Offset,
} from './DurableStateStore.js';
export {
  DurableStateStoreError,
  InvalidStoreArgumentError,
  MissingStoreDependencyError,
  PersistenceError,
  RevisionConflictError,
  StoreClosedError,
} from './errors.js';
export { InMemoryDurableStateStore } from './stores/InMemoryDurableStateStore.js';
export type { InMemoryDurableStateStoreOptions } from './stores/InMemoryDurableStateStore.js';
export { FileDurableStateStore } from './stores/FileDurableStateStore.js';
export type { FileDurableStateStoreOptions } from './stores/FileDurableStateStore.js';
export type { DurableStateFileHandle, DurableStateFileSystem } from './stores/DurableStateFileSystem.js';
export { SqliteDurableStateStore } from './stores/SqliteDurableStateStore.js';
export type { SqliteDurableStateStoreOptions } from './stores/SqliteDurableStateStore.js';
