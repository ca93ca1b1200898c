/** Severity of a {@link LogRecord}. @public */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The per-actor logger behind `context.log`. Records are published on the system's
 * event stream as `Log` events (nothing is printed by the runtime itself).
 *
 * @public
 */
export interface Logger {
  /** Publishes a `debug` record; `data` travels with it unchanged. */
  debug(message: string, data?: unknown): void;
  /** Publishes an `info` record. */
  info(message: string, data?: unknown): void;
  /** Publishes a `warn` record. */
  warn(message: string, data?: unknown): void;
  /** Publishes an `error` record (runtime-logged failures carry the error as `data`). */
  error(message: string, data?: unknown): void;
}
