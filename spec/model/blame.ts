import type { HistoryCheck } from './checkHistory.js';
import { eventClass, type ExpectedHistory } from './ExpectedHistory.js';
import type { HistoryEvent } from './HistoryEvent.js';

/**
 * The rules a failed {@link checkHistory} verdict points at, sorted:
 *
 * - a missing event, or one with a wrong cause: the rules that require that event, unless it is a
 *   notice that came as another kind of notice about the same actor (blamed as that unexpected one);
 * - a misordered pair: the rules that require the order (else those of the later event);
 * - an unexpected event that is a missing one with other content (same actor, class and id): the
 *   rules of that missing event, already blamed for it;
 * - an unexpected event below an actor that already did something unexpected: a consequence of
 *   that, blamed with it;
 * - another unexpected event: the rules that withheld events of its class at its actor, else the
 *   rules of the expected events of the same class at that actor (a wrong count or a second
 *   notice), else of every expected event at that actor.
 *
 * A divergence that none of these explains is blamed on `fallback` (the operation's rules).
 *
 * @public
 */
export function blameRules(
  expected: ExpectedHistory,
  observed: readonly HistoryEvent[],
  check: HistoryCheck,
  fallback: readonly string[],
): string[] {
  const blamed = new Set<string>();
  const blame = (rules: readonly string[] | undefined) => {
    for (const rule of rules !== undefined && rules.length > 0 ? rules : fallback) blamed.add(rule);
  };
  const rulesOf = (index: number) => expected.events[index]?.rules;
  const unexpectedAt: string[] = [];
  const unexpectedNotices = check.divergences.flatMap((d) => (d.kind === 'unexpected' && isNotice(observed[d.observed]!) ? [observed[d.observed]!] : []));
  const missingIndexes = check.divergences.flatMap((d) => (d.kind === 'missing' ? [d.expected] : []));
  /** The unexpected notice that came instead of the missing expected notice `index`, if any. */
  const noticeInstead = (index: number) => {
    const want = expected.events[index]!.event;
    return isNotice(want) ? unexpectedNotices.find((o) => sameNotice(o, want)) : undefined;
  };
  const missing = check.divergences.flatMap((d) => (d.kind === 'missing' ? [expected.events[d.expected]!.event] : []));
  for (const divergence of check.divergences) {
    switch (divergence.kind) {
      case 'missing':
        // A notice that came as another kind of notice about the same actor: blamed with that one.
        if (noticeInstead(divergence.expected) !== undefined) break;
        blame(rulesOf(divergence.expected));
        break;
      case 'wrongCause':
        blame(rulesOf(divergence.expected));
        break;
      case 'misordered': {
        const [, after, rules] = expected.before[divergence.edge]!;
        blame(rules !== undefined && rules.length > 0 ? rules : rulesOf(after));
        break;
      }
      case 'unexpected': {
        const event = observed[divergence.observed]!;
        // The same event with other content was reported missing: its rules are blamed already.
        if (missing.some((m) => sameIdentity(m, event))) break;
        // What happens in the subtree of an actor that already did something unexpected (a child
        // started by a restart that must not happen) follows from that, and is blamed with it.
        if (unexpectedAt.some((path) => event.path.startsWith(`${path}/`))) break;
        unexpectedAt.push(event.path);
        // A notice of the wrong kind: the rules that withheld that kind here, else those of the notice it replaced.
        const replaced = isNotice(event) ? missingIndexes.find((i) => noticeInstead(i) === event) : undefined;
        const withheld = withheldRules(expected, event);
        blame(replaced !== undefined && withheld.length === 0 ? rulesOf(replaced) : explainUnexpected(expected, event));
        break;
      }
    }
  }
  return [...blamed].sort();
}

const noticeKinds = ['terminated', 'childFailed', 'watchMessage'];

function isNotice(event: HistoryEvent): boolean {
  return noticeKinds.includes(event.kind);
}

/** Two notices to one watcher about one actor (of whatever kind). */
function sameNotice(a: HistoryEvent, b: HistoryEvent): boolean {
  const of = (e: HistoryEvent) => (e as unknown as Record<string, unknown>)['of'];
  return a.path === b.path && of(a) === of(b);
}

/** Whether two events are one event, possibly with different content: same actor, class, id (and step of a chain). */
function sameIdentity(a: HistoryEvent, b: HistoryEvent): boolean {
  const field = (e: HistoryEvent, name: 'id' | 'step') => (name in e ? (e as unknown as Record<string, unknown>)[name] : undefined);
  return (
    a.path === b.path &&
    eventClass(a) === eventClass(b) &&
    typeof field(a, 'id') === 'number' &&
    field(a, 'id') === field(b, 'id') &&
    field(a, 'step') === field(b, 'step')
  );
}

/** The rules that withheld events of this one's class at its actor. */
function withheldRules(expected: ExpectedHistory, event: HistoryEvent): readonly string[] {
  const kind = eventClass(event);
  return (expected.withheld ?? []).filter((w) => w.path === event.path && w.classes.includes(kind)).flatMap((w) => w.rules);
}

function explainUnexpected(expected: ExpectedHistory, event: HistoryEvent): readonly string[] {
  const kind = eventClass(event);
  const withheld = withheldRules(expected, event);
  if (withheld.length > 0) return withheld;
  const here = expected.events.filter((e) => e.event.path === event.path);
  const alike = here.filter((e) => eventClass(e.event) === kind).flatMap((e) => e.rules ?? []);
  return alike.length > 0 ? alike : here.flatMap((e) => e.rules ?? []);
}
