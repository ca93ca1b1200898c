/**
 * The rules a run selected are none of the rules the loaded module can be judged on: store
 * rules asked of a runtime adapter, runtime rules of a store plugin, or a replay token of a
 * property the module does not offer. The command line exits with code 2 on it.
 *
 * @public
 */
export class SelectionError extends Error {
  readonly code = 'EMPTY_SELECTION';
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}
