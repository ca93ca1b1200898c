/**
 * A replay token was given for an adapter other than the one loaded: it cannot reproduce
 * anything there. The command line exits with code 2 on it.
 *
 * @public
 */
export class ReplayMismatchError extends Error {
  readonly code = 'REPLAY_MISMATCH';
  constructor(
    /** The adapter the token was made for. */
    readonly tokenAdapter: string,
    /** The adapter that was loaded. */
    readonly loadedAdapter: string,
  ) {
    super(`the replay token is for adapter ${tokenAdapter}, but the loaded adapter is ${loadedAdapter}`);
    this.name = 'ReplayMismatchError';
  }
}
