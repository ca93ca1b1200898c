/**
 * Anything a handler, hook or store throws: an Error, but also a string, `null`, a symbol, a
 * frozen object, an object whose `toString` or `Symbol.toPrimitive` throws, or a Proxy whose
 * every trap throws. The runtime must decide, log and report such a value without ever
 * letting a second exception escape, so it only does to it what cannot throw: `typeof`,
 * identity, and `instanceof` or property reads inside a `try`.
 */
import { ThrownValueError } from '../errors.js';
import { describeValue } from './describeValue.js';

/**
 * `value instanceof type`, or false when asking throws (a Proxy's `getPrototypeOf` trap, a
 * throwing `Symbol.hasInstance`).
 */
export function isInstanceOf<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/**
 * The Error the runtime works with for a thrown value: the value itself when it is an Error,
 * otherwise a {@link ThrownValueError} that keeps it as `cause` untouched.
 */
export function toError(thrown: unknown): Error {
  return isInstanceOf(thrown, Error) ? thrown : new ThrownValueError(describeValue(thrown), thrown);
}
