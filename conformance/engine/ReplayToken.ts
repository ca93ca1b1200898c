/**
 * Everything needed to reproduce one failing case exactly: which property, against which
 * adapter, and fast-check's seed, shrink path and command replay path.
 *
 * @public
 */
export interface ReplayData {
  readonly family: string;
  readonly adapter: string;
  readonly seed: number;
  readonly path: string;
  readonly replayPath?: string;
}

const prefix = 'acr1.';

/** Packs replay data into one opaque, copy-pasteable string. @public */
export function encodeReplayToken(data: ReplayData): string {
  return prefix + Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

/** A replay token that cannot be read. @public */
export class InvalidReplayTokenError extends Error {
  readonly code = 'INVALID_REPLAY_TOKEN';
  constructor(reason: string) {
    super(`invalid replay token: ${reason}`);
    this.name = 'InvalidReplayTokenError';
  }
}

/** Reads a token made by {@link encodeReplayToken}; throws {@link InvalidReplayTokenError}. @public */
export function decodeReplayToken(token: string): ReplayData {
  if (!token.startsWith(prefix)) throw new InvalidReplayTokenError(`expected it to start with ${prefix}`);
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    throw new InvalidReplayTokenError('not base64url-encoded JSON');
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    typeof (data as ReplayData).family !== 'string' ||
    typeof (data as ReplayData).adapter !== 'string' ||
    typeof (data as ReplayData).seed !== 'number' ||
    typeof (data as ReplayData).path !== 'string'
  ) {
    throw new InvalidReplayTokenError('missing family, adapter, seed or path');
  }
  return data as ReplayData;
}
