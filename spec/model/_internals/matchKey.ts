import { describeEvent, type HistoryEvent } from '../HistoryEvent.js';

/** Identity of an event for matching; a `ChildFailed` cause is checked separately against the allowed ones. */
export function matchKey(event: HistoryEvent): string {
  return event.kind === 'childFailed' ? `${event.path}: ChildFailed(${event.of}, …)` : describeEvent(event);
}
