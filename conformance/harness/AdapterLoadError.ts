/** Why an adapter could not be used at all. @public */
export type AdapterLoadErrorCode = 'ADAPTER_NOT_FOUND' | 'ADAPTER_IMPORT_FAILED' | 'ADAPTER_CONTRACT' | 'ADAPTER_LOAD_TIMEOUT' | 'ADAPTER_PROTOCOL';

/**
 * The adapter named on the command line cannot be loaded: the file or package does not exist,
 * its module throws on import, what it exports misses a member of the adapter contract, or its
 * host greets in another protocol version (or not at all).
 * The command line exits with code 2 on it.
 *
 * @public
 */
export class AdapterLoadError extends Error {
  constructor(
    /** Stable machine-readable reason. */
    readonly code: AdapterLoadErrorCode,
    /** Where the adapter was looked for, as the user gave it. */
    readonly source: string,
    message: string,
  ) {
    super(`cannot load adapter ${source}: ${message}`);
    this.name = 'AdapterLoadError';
  }
}
