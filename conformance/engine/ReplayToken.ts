/**
 * Everything needed to reproduce one failing case exactly: which property, against which
 * adapter, and fast-check's seed, shrink path and command replay path.
 *
 * @public
 */
export interface ReplayData {
  readonly family: string;
  /**
   * The runtime adapter the case failed on. Absent for store properties: a store case is a
   * sequence of store operations that replays against any plugin, the fixed one included.
   */
  readonly adapter?: string;
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

/** fast-check's shrink path: run index, then one index per shrink step, colon-separated (empty for the first run). */
const shrinkPath = /^(?:\d+(?::\d+)*)?$/;
/**
 * The largest run or shrink index a token may hold. fast-check reaches run k of a replay by
 * drawing k cases first (minutes at 10^8), so an index no real run reaches is refused up front.
 */
export const largestReplayIndex = 1_000_000;
/** fast-check's command replay path: counts, a colon, changes, both in its base64 alphabet. */
const commandReplayPath = /^[A-Za-z0-9+/]*:[A-Za-z0-9+/]*$/;

/** Shows a piece of a token the user gave in a one-line message, whatever it holds. */
const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= 80 ? text : `${text.slice(0, 80)}…`;
};

/**
 * Reads a token made by {@link encodeReplayToken} and checks every field, so a token damaged by
 * copying is refused before anything runs rather than failing inside the replay (where it would
 * look like the adapter's fault); throws {@link InvalidReplayTokenError}. @public
 */
export function decodeReplayToken(token: string): ReplayData {
  if (!token.startsWith(prefix)) throw new InvalidReplayTokenError(`expected it to start with ${prefix}`);
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    throw new InvalidReplayTokenError('not base64url-encoded JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InvalidReplayTokenError('not an object of family, adapter, seed and path');
  const { family, adapter, seed, path, replayPath } = data as Record<string, unknown>;
  // `adapter` is absent from store cases: they replay against any store plugin.
  const missing = (['family', 'seed', 'path'] as const).filter((key) => (data as Record<string, unknown>)[key] === undefined);
  if (missing.length > 0) throw new InvalidReplayTokenError(`missing ${missing.join(', ')}`);
  if (typeof family !== 'string' || family.length === 0) throw new InvalidReplayTokenError(`family must be a property name, got ${shown(family)}`);
  if (adapter !== undefined && typeof adapter !== 'string') throw new InvalidReplayTokenError(`adapter must be an adapter name, got ${shown(adapter)}`);
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new InvalidReplayTokenError(`seed must be an integer, got ${shown(seed)}`);
  if (typeof path !== 'string' || !shrinkPath.test(path)) throw new InvalidReplayTokenError(`malformed path ${shown(path)} (expected run and shrink indexes such as 3:0:1)`);
  if (path !== '' && path.split(':').some((index) => Number(index) > largestReplayIndex)) {
    throw new InvalidReplayTokenError(`malformed path ${shown(path)} (an index above ${largestReplayIndex}: no run gets that far)`);
  }
  if (replayPath !== undefined && (typeof replayPath !== 'string' || !commandReplayPath.test(replayPath))) {
    throw new InvalidReplayTokenError(`malformed replayPath ${shown(replayPath)}`);
  }
  return { family, ...(adapter !== undefined ? { adapter } : {}), seed, path, ...(replayPath !== undefined ? { replayPath } : {}) };
}

/**
 * Whether a replay failed because its path leads to no generated case (fast-check's words for a
 * path past the end of the shrink tree): the token is at fault, not the adapter. @public
 */
export function isUnreplayablePath(message: string): boolean {
  return /Unable to replay, got (?:invalid|wrong) path/.test(message);
}
