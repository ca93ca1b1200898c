import type { LogLevel } from './Logger.js';

/** A message sent to an actor that was already stopped, or left over at its stop (LIF-08). @public */
export interface DeadLetterEvent {
  readonly type: 'DeadLetter';
  readonly message: unknown;
  /** Path of the intended recipient. */
  readonly recipient: string;
}

/** Why a message was dropped. @public */
export type DropReason =
  /** The buffer that holds messages during a restart was full (SUP-10). */
  | 'restart-buffer-full'
  /** A stash buffer was full (used by stashes that drop instead of failing, e.g. Durable State). */
  | 'stash-overflow'
  /** A component-specific reason; see `detail`. */
  | 'other';

/** A message the runtime discarded on purpose instead of delivering it. @public */
export interface DroppedEvent {
  readonly type: 'Dropped';
  readonly message: unknown;
  readonly recipient: string;
  readonly reason: DropReason;
  readonly detail?: string;
}

/** A behavior returned `Behaviors.unhandled()` for a message. @public */
export interface UnhandledMessageEvent {
  readonly type: 'UnhandledMessage';
  readonly message: unknown;
  readonly recipient: string;
}

/** A record from an actor's `context.log` or from the runtime itself. @public */
export interface LogEvent {
  readonly type: 'Log';
  readonly level: LogLevel;
  /** Path of the actor that logged, or `/system` for the runtime. */
  readonly source: string;
  readonly message: string;
  readonly data?: unknown;
}

/** Everything that travels on the {@link EventStream}. @public */
export type RuntimeEvent = DeadLetterEvent | DroppedEvent | UnhandledMessageEvent | LogEvent;

/**
 * A system-wide publish/subscribe channel for runtime events. Listeners run synchronously
 * at publication; a throwing listener is isolated from the publisher and the others.
 *
 * @public
 */
export interface EventStream {
  /** Registers `listener`; returns a function that removes it. */
  subscribe(listener: (event: RuntimeEvent) => void): () => void;
  /** Delivers `event` to every current listener. */
  publish(event: RuntimeEvent): void;
}
