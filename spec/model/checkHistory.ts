import type { ExpectedHistory } from './ExpectedHistory.js';
import { describeEvent, type HistoryEvent } from './HistoryEvent.js';
import { matchKey } from './_internals/matchKey.js';

/**
 * One way an observed history departs from the expected one, by index: an expected event
 * that never came, an observed event nothing expected, an observed `ChildFailed` paired with an
 * expected one but carrying a cause the rules do not allow, or a happens-before edge (index
 * into `before`) observed the other way round.
 *
 * @public
 */
export type Divergence =
  | { readonly kind: 'missing'; readonly expected: number }
  | { readonly kind: 'unexpected'; readonly observed: number }
  | { readonly kind: 'wrongCause'; readonly expected: number; readonly observed: number }
  | { readonly kind: 'misordered'; readonly edge: number };

/**
 * The verdict of {@link checkHistory}: empty `problems` means the observed history is allowed.
 * `divergences` says the same by index, one per problem, for blaming rules.
 *
 * @public
 */
export interface HistoryCheck {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly divergences: readonly Divergence[];
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
  const divergences: Divergence[] = [];
  const report = (divergence: Divergence, problem: string) => {
    divergences.push(divergence);
    problems.push(problem);
  };
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
  const seen = (index: number) => (predecessors.get(index) ?? []).every((p) => position.has(p));
  const ready = (index: number) =>
    (predecessors.get(index) ?? []).every((p) => position.has(p) || expected.events[p]!.optional === true);
  const keys = actual.map(matchKey);
  // How many events of each key are still to come (the current one included): counted once,
  // not rescanned per event, because every run of every property checks its history here.
  const coming = new Map<string, number>();
  for (const key of keys) coming.set(key, (coming.get(key) ?? 0) + 1);
  // Among equal candidates, take one whose predecessors were all seen, a required one first:
  // an optional event is only chosen when nothing required fits. When more equal events are
  // still to come than required candidates wait, this one may be an optional candidate: then
  // take the one whose predecessors were all seen (an optional event may be the predecessor
  // of an equal required one, and taking the required one first would misorder them).
  const takeCandidate = (key: string): number | undefined => {
    const list = (waiting.get(key) ?? []).filter((i) => !position.has(i));
    const required = list.filter((i) => !expected.events[i]!.optional).length;
    const spare = coming.get(key)! > required ? list.find((i) => seen(i)) : undefined;
    const pick =
      spare ?? list.find((i) => ready(i) && !expected.events[i]!.optional) ?? list.find((i) => ready(i)) ?? list[0];
    return pick;
  };
  actual.forEach((event, at) => {
    const index = takeCandidate(keys[at]!);
    coming.set(keys[at]!, coming.get(keys[at]!)! - 1);
    if (index === undefined) {
      report({ kind: 'unexpected', observed: at }, `unexpected event #${at}: ${describeEvent(event)}`);
      return;
    }
    position.set(index, at);
    if (event.kind !== 'childFailed') return;
    const allowed = expected.events[index]!.causes;
    if (allowed && !allowed.includes(event.cause)) {
      report(
        { kind: 'wrongCause', expected: index, observed: at },
        `event #${at}: ${describeEvent(event)} has cause ${event.cause}, expected one of ${allowed.join(', ')}`,
      );
    }
    if (!allowed) {
      const want = [expected.events[index]!.event, ...(expected.events[index]!.alternatives ?? [])].find((e) => e.kind === 'childFailed');
      if (want?.kind === 'childFailed' && want.cause !== event.cause) {
        report({ kind: 'wrongCause', expected: index, observed: at }, `event #${at}: ${describeEvent(event)}, expected cause ${want.cause}`);
      }
    }
  });
  expected.events.forEach((e, i) => {
    if (!position.has(i) && !e.optional) report({ kind: 'missing', expected: i }, `missing event: ${describeEvent(e.event)}`);
  });
  expected.before.forEach(([before, after], edge) => {
    const a = position.get(before);
    const b = position.get(after);
    if (a !== undefined && b !== undefined && a > b) {
      report(
        { kind: 'misordered', edge },
        `order: ${describeEvent(expected.events[before]!.event)} must come before ${describeEvent(expected.events[after]!.event)}`,
      );
    }
  });
  return { ok: problems.length === 0, problems, divergences };
}
