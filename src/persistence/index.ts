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
  StoreLockedError,
} from './errors.js';
export { InMemoryDurableStateStore } from './stores/InMemoryDurableStateStore.js';
export type { InMemoryDurableStateStoreOptions } from './stores/InMemoryDurableStateStore.js';
export { FileDurableStateStore } from './stores/FileDurableStateStore.js';
export type { FileDurableStateStoreOptions } from './stores/FileDurableStateStore.js';
export type { DurableStateFileHandle, DurableStateFileSystem } from './stores/DurableStateFileSystem.js';
export { SqliteDurableStateStore } from './stores/SqliteDurableStateStore.js';
export type { SqliteDurableStateStoreOptions } from './stores/SqliteDurableStateStore.js';
export { PostgresDurableStateStore } from './stores/PostgresDurableStateStore.js';
export type {
  PostgresConnectionOptions,
  PostgresDurableStateStoreOptions,
  PostgresPool,
} from './stores/PostgresDurableStateStore.js';

// Durable State behaviors
export { DurableStateBehavior } from './DurableStateBehavior.js';
export type {
  DurableStateBehaviorOptions,
  DurableStateCommandHandler,
  DurableStateSignalHandler,
  StashOverflowStrategy,
} from './DurableStateBehavior.js';
export type { DurableStateContext } from './DurableStateContext.js';
export { RecoveryCompleted, RecoveryFailed } from './DurableStateSignal.js';
export type { DurableStateSignal } from './DurableStateSignal.js';
export { Effect, ReplyEffect } from './Effect.js';
export { PersistenceId } from './PersistenceId.js';
export { StatusReply } from './StatusReply.js';
export { DurableStateStoreExtension, DURABLE_STATE_STORE_EXTENSION_ID } from './DurableStateStoreExtension.js';
export { FaultInjectingDurableStateStore } from './FaultInjectingDurableStateStore.js';
export type { StoreOperation, StoreWriteAttempt } from './FaultInjectingDurableStateStore.js';
export {
  DurableStateBehaviorError,
  DurableStatePersistError,
  DurableStateRecoveryError,
  DurableStateRecoveryTimeoutError,
  DurableStateStashOverflowError,
} from './errors.js';
