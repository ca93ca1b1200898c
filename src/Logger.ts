/** Severity of a {@link LogRecord}. @public */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The per-actor logger behind `context.log`. Records are published on the system's
 * event stream as `Log` events (nothing is printed by the runtime itself).
 *
 * @public
 */
export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}
