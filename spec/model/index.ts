/**
 * The model (oracle) of the conformance kit: test actors as data, the operations the suite
 * applies, the events a history holds, and {@link predict}, which computes the history the
 * rules allow. Imports nothing outside `spec/`.
 *
 * @packageDocumentation
 */
export * from './ActorBlueprint.js';
export * from './ActorCommand.js';
export * from './blame.js';
export * from './checkHistory.js';
export * from './durable/DurableEntity.js';
export * from './durable/DurableModel.js';
export * from './ErrorHierarchy.js';
export * from './ExpectedHistory.js';
export * from './HistoryEvent.js';
export * from './hooks/HookedActor.js';
export * from './hooks/HookModel.js';
export * from './hooks/checkLookups.js';
export * from './ModelError.js';
export * from './ModelState.js';
export * from './Operation.js';
export * from './predict.js';
