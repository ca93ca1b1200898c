import type { ExpectedHistory } from './ExpectedHistory.js';
import { describeEvent, type HistoryEvent } from './HistoryEvent.js';

/** The verdict of {@link checkHistory}: empty `problems` means the observed history is allowed. @public */
export interface HistoryCheck {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** Identity of an event for matching; a `ChildFailed` cause is checked separately against the allowed ones. */
function matchKey(event: HistoryEvent): string {
  return event.kind === 'childFailed' ? `${event.path}: ChildFailed(${event.of}, …)` : describeEvent(event);
}

/**
 * Decides whether `actual` is one of the histories `expected` allows: the same events (every
 * required one exactly once, optional ones at most once, nothing else), each `ChildFailed`
 * with an allowed cause, in an order that respects every happens-before edge. Equal events
 * are paired with the first expected one whose predecessors were already seen.
 *
 * @public
 */
export function checkHistory(expected: ExpectedHistory, actual: readonly HistoryEvent[]): HistoryCheck {
  const problems: string[] = [];
  const waiting = new Map<string, number[]>();
  expected.events.forEach((e, i) => {
    for (const candidate of [e.event, ...(e.alternatives ?? [])]) {
      const key = matchKey(candidate);
      const list = waiting.get(key);
      if (list) list.push(i);
      else waiting.set(key, [i]);
    }
  });
  const position = new Map<number, number>();
  const predecessors = new Map<number, number[]>();
  for (const [before, after] of expected.before) {
    const list = predecessors.get(after);
    if (list) list.push(before);
    else predecessors.set(after, [before]);
  }
  const ready = (index: number) =>
    (predecessors.get(index) ?? []).every((p) => position.has(p) || expected.events[p]!.optional === true);
  // Among equal candidates, take one whose predecessors were all seen, a required one first:
  // an optional event is only chosen when nothing required fits.
  const takeCandidate = (key: string): number | undefined => {
    const list = (waiting.get(key) ?? []).filter((i) => !position.has(i));
    const pick =
      list.find((i) => ready(i) && !expected.events[i]!.optional) ?? list.find((i) => ready(i)) ?? list[0];
    return pick;
  };
  actual.forEach((event, at) => {
    const index = takeCandidate(matchKey(event));
    if (index === undefined) {
      problems.push(`unexpected event #${at}: ${describeEvent(event)}`);
      return;
    }
    position.set(index, at);
    const allowed = expected.events[index]!.causes;
    if (event.kind === 'childFailed' && allowed && !allowed.includes(event.cause)) {
      problems.push(`event #${at}: ${describeEvent(event)} has cause ${event.cause}, expected one of ${allowed.join(', ')}`);
    }
    if (event.kind === 'childFailed' && !allowed) {
      const want = [expected.events[index]!.event, ...(expected.events[index]!.alternatives ?? [])].find((e) => e.kind === 'childFailed');
      if (want?.kind === 'childFailed' && want.cause !== event.cause) {
        problems.push(`event #${at}: ${describeEvent(event)}, expected cause ${want.cause}`);
      }
    }
  });
  expected.events.forEach((e, i) => {
    if (!position.has(i) && !e.optional) problems.push(`missing event: ${describeEvent(e.event)}`);
  });
  for (const [before, after] of expected.before) {
    const a = position.get(before);
    const b = position.get(after);
    if (a !== undefined && b !== undefined && a > b) {
      problems.push(
        `order: ${describeEvent(expected.events[before]!.event)} must come before ${describeEvent(expected.events[after]!.event)}`,
      );
    }
  }
  return { ok: problems.length === 0, problems };
}
