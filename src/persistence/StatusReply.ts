/**
 * A reply that is either a success carrying a value or an error carrying a message, for
 * commands that can be rejected by validation (like Akka's `StatusReply`).
 *
 * @public
 */
export type StatusReply<T> = StatusReply.Success<T> | StatusReply.Error;

/** Constructors and variants of {@link StatusReply}. @public */
export namespace StatusReply {
  /** The command was accepted; `value` is the answer. */
  export interface Success<T> {
    readonly ok: true;
    readonly value: T;
  }
  /** The command was rejected; `message` says why. */
  export interface Error {
    readonly ok: false;
    readonly message: string;
  }
  /** The acknowledgement value of {@link StatusReply.ack}. */
  export type Done = 'done';

  /** A successful reply with `value`. */
  export function success<T>(value: T): Success<T> {
    return { ok: true, value };
  }
  /** A rejection with a human-readable `message`. */
  export function error(message: string): Error {
    return { ok: false, message };
  }
  /** A successful reply that carries no value. */
  export function ack(): Success<Done> {
    return ACK;
  }
  const ACK: Success<Done> = Object.freeze({ ok: true, value: 'done' });
}
