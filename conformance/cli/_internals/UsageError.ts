/** The command line was used wrongly (unknown option value, conflicting options, unreadable input): exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
