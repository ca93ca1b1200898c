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
