import type { HistoryEvent } from './HistoryEvent.js';

/**
 * One event the model expects. `optional` events may be missing (the rules leave the choice
 * to the runtime); `causes`, on a `childFailed` event, lists every cause name the rules allow;
 * `alternatives` are other events the rules accept in its place; `rules` names the rules that
 * require the event (that it happens, with this content), so a divergence can be blamed on them.
 *
 * @public
 */
export interface ExpectedEvent {
  readonly event: HistoryEvent;
  readonly optional?: boolean;
  readonly causes?: readonly string[];
  readonly alternatives?: readonly HistoryEvent[];
  readonly rules?: readonly string[];
}

/**
 * A happens-before edge: event `before` must be observed before event `after` (indexes into
 * {@link ExpectedHistory.events}); `rules`, when given, are the rules that require this order.
 *
 * @public
 */
export type HappensBefore = readonly [before: number, after: number, rules?: readonly string[]];

/**
 * Events the rules keep from happening at one actor during an operation, and the rules that
 * do so: when a runtime reports such an event anyway, those rules are the ones it broke.
 * `classes` are {@link eventClass} values (`PostStop`, `received`, `terminated`, …).
 *
 * @public
 */
export interface WithheldEvents {
  readonly path: string;
  readonly classes: readonly string[];
  readonly rules: readonly string[];
}

/**
 * The model's prediction for one operation: the events (listed in one allowed order) and the
 * happens-before edges every observed order must respect. Events with no path between them
 * may appear in any order. `withheld` lists what must not happen, and why.
 *
 * @public
 */
export interface ExpectedHistory {
  readonly events: readonly ExpectedEvent[];
  readonly before: readonly HappensBefore[];
  readonly withheld?: readonly WithheldEvents[];
}

/**
 * The class of an event for blame: the signal's name for a lifecycle signal, otherwise its
 * kind. An unexpected event is compared with withheld and expected events of the same class.
 *
 * @public
 */
export function eventClass(event: HistoryEvent): string {
  return event.kind === 'signal' ? event.signal : event.kind;
}
