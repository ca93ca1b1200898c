/**
 * The store oracle: the operations a store property applies and the belief (every state the
 * rules allow) it narrows with each observation.
 *
 * @packageDocumentation
 */
export * from './StoreModel.js';
export * from './StoreOperation.js';
export * from './StoreAttempts.js';
