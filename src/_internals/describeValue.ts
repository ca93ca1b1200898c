/**
 * Texts for values the runtime did not make (thrown values, errors of stores and hooks) that
 * never throw: reading them runs no user code outside a `try` (see thrownValues.ts).
 */

/** Longest description kept in a message (a thrown 5 MB string stays whole in `cause`). */
const MAX_DESCRIPTION = 1000;

/**
 * A short text for any value that never throws: primitives are rendered (truncated), objects
 * and functions only named by kind, since rendering them runs user code (`toString`, traps).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return truncate(value);
    case 'symbol':
      // String() of a symbol is defined and never throws (a template literal would).
      return truncate(String(value));
    case 'bigint':
      return `${truncate(value.toString())}n`;
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'function':
      return 'a function';
    default:
      return value === null ? 'null' : 'a non-Error object';
  }
}

/** The message of an error for a log or a wrapping error's text; never throws (a getter may). */
export function errorMessage(error: unknown): string {
  try {
    if (!(error instanceof Error)) return describeValue(error);
    const message: unknown = error.message;
    return typeof message === 'string' ? truncate(message) : describeValue(message);
  } catch {
    return 'a value whose message cannot be read';
  }
}

function truncate(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}… (${text.length} characters)` : text;
}
