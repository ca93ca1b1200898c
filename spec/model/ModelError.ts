/**
 * The model was asked something the rules do not describe (an operation that cannot be
 * applied, or a cascade that never settles). It signals a bug in a generator or in the
 * model, never a runtime's non-conformance.
 *
 * @public
 */
export class ModelError extends Error {
  constructor(
    /** Stable identifier of the problem. */
    readonly code: 'DUPLICATE_PATH' | 'BAD_OPERATION' | 'RUNAWAY',
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
