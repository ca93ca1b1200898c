import { createHash } from 'node:crypto';

/** File names of entity records end with this; temporary files never do. */
export const RECORD_SUFFIX = '.json';
/** Suffix of files being written; a crash can leave them behind, and opening removes them. */
export const TEMP_SUFFIX = '.tmp';

/** Longest escaped name kept readable; longer ids are hashed so names stay under 255 bytes. */
const MAX_ESCAPED_LENGTH = 200;

/**
 * Maps a persistence id to a file name that cannot leave the directory and cannot collide.
 *
 * - Readable form `s-…`: lowercase ASCII letters, digits, `_` and `-` are kept; every other
 *   UTF-16 code unit (uppercase letters included) becomes `~` and four hex digits. Escaping
 *   code units rather than UTF-8 bytes keeps lone surrogates distinct, and escaping uppercase
 *   keeps ids that differ only in case apart on case-insensitive file systems. The mapping is
 *   injective because `~` itself is escaped. `.`, `/`, `\` and NUL can never appear unescaped,
 *   and the `s-` prefix rules out `.`, `..` and device names such as `nul`.
 * - Hashed form `h-<sha-256>` for ids whose escaped form is too long. The two forms cannot
 *   collide (different prefixes); the record inside the file names its id, which is checked on
 *   open, so even a hash collision would be detected rather than silently merged.
 */
export function fileNameFor(persistenceId: string): string {
  let escaped = 's-';
  for (let i = 0; i < persistenceId.length; i++) {
    const unit = persistenceId.charCodeAt(i);
    const keep =
      (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || unit === 0x5f || unit === 0x2d;
    escaped += keep ? persistenceId[i] : `~${unit.toString(16).padStart(4, '0')}`;
    if (escaped.length > MAX_ESCAPED_LENGTH) return hashedName(persistenceId);
  }
  return escaped + RECORD_SUFFIX;
}

function hashedName(persistenceId: string): string {
  // UTF-16 code units, like the escaped form, so that distinct strings hash distinct inputs.
  const digest = createHash('sha256').update(Buffer.from(persistenceId, 'utf16le')).digest('hex');
  return `h-${digest}${RECORD_SUFFIX}`;
}
