import { describeDurableEvent, type DurableEvent } from './durable/DurableEntity.js';

/** Setup of an incarnation began (counted per path over the whole run, from 1). @public */
export interface SetupEvent {
  readonly kind: 'setup';
  readonly path: string;
  readonly incarnation: number;
}
/** A `ping` was handled; `count` is how many pings this incarnation handled before it. @public */
export interface ReceivedEvent {
  readonly kind: 'received';
  readonly path: string;
  readonly id: number;
  readonly count: number;
}
/** A lifecycle signal reached the behavior. @public */
export interface SignalEvent {
  readonly kind: 'signal';
  readonly path: string;
  readonly signal: 'PreRestart' | 'PostStop';
}
/** A handled `Terminated` signal about `of`. @public */
export interface TerminatedEvent {
  readonly kind: 'terminated';
  readonly path: string;
  readonly of: string;
}
/** A handled `ChildFailed` signal: child `of` stopped because of an error named `cause`. @public */
export interface ChildFailedEvent {
  readonly kind: 'childFailed';
  readonly path: string;
  readonly of: string;
  readonly cause: string;
}
/** The message registered with `watchWith` arrived: `of` stopped. @public */
export interface WatchMessageEvent {
  readonly kind: 'watchMessage';
  readonly path: string;
  readonly of: string;
}

/**
 * A command carrying `id` was addressed to the actor at `path` but never handled: it went to
 * dead letters (LIF-08), or a full restart buffer dropped it (SUP-10). @public
 */
export interface DeadLetterEvent {
  readonly kind: 'deadLetter';
  readonly path: string;
  readonly id: number;
}

/**
 * What a test actor reports to the suite. A history is the sequence of these, in the order
 * the recorder saw them.
 *
 * @public
 */
export type HistoryEvent =
  | SetupEvent
  | ReceivedEvent
  | SignalEvent
  | TerminatedEvent
  | ChildFailedEvent
  | WatchMessageEvent
  | DeadLetterEvent
  | DurableEvent;

/** A one-line, stable rendering of an event, used in reports and for equality. @public */
export function describeEvent(event: HistoryEvent): string {
  switch (event.kind) {
    case 'setup':
      return `${event.path}: setup #${event.incarnation}`;
    case 'received':
      return `${event.path}: received ping ${event.id} (count ${event.count})`;
    case 'signal':
      return `${event.path}: ${event.signal}`;
    case 'terminated':
      return `${event.path}: Terminated(${event.of})`;
    case 'childFailed':
      return `${event.path}: ChildFailed(${event.of}, ${event.cause})`;
    case 'watchMessage':
      return `${event.path}: watchWith message (${event.of})`;
    case 'deadLetter':
      return `${event.path}: dead letter ${event.id}`;
    default:
      return describeDurableEvent(event);
  }
}
