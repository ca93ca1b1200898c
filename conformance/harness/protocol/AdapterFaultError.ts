import type { Fault } from './messages.js';

/**
 * The adapter broke the contract (threw from an operation, reported an event out of contract,
 * sent a message the protocol does not allow): thrown into the property so the run stops there.
 * The harness reports such a run as an `error` of the adapter, never as a verdict on a rule.
 */
export class AdapterFaultError extends Error {
  readonly code = 'ADAPTER_FAULT';
  constructor(readonly fault: Fault) {
    super(`the adapter broke in ${fault.operation}: ${fault.message}`);
    this.name = 'AdapterFaultError';
  }
}
