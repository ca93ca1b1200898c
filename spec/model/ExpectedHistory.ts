import type { HistoryEvent } from './HistoryEvent.js';

/**
 * One event the model expects. `optional` events may be missing (the rules leave the choice
 * to the runtime); `causes`, on a `childFailed` event, lists every cause name the rules allow;
 * `alternatives` are other events the rules accept in its place.
 *
 * @public
 */
export interface ExpectedEvent {
  readonly event: HistoryEvent;
  readonly optional?: boolean;
  readonly causes?: readonly string[];
  readonly alternatives?: readonly HistoryEvent[];
}

/**
 * The model's prediction for one operation: the events (listed in one allowed order) and the
 * happens-before edges every observed order must respect, as pairs of indexes into `events`.
 * Events with no path between them may appear in any order.
 *
 * @public
 */
export interface ExpectedHistory {
  readonly events: readonly ExpectedEvent[];
  readonly before: readonly (readonly [number, number])[];
}
