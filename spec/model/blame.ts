import type { HistoryCheck } from './checkHistory.js';
import { eventClass, type ExpectedHistory } from './ExpectedHistory.js';
import type { HistoryEvent } from './HistoryEvent.js';

/**
 * The rules a failed {@link checkHistory} verdict points at, sorted:
 *
 * - a missing event, or one with a wrong cause: the rules that require that event;
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
  const missing = check.divergences.flatMap((d) => (d.kind === 'missing' ? [expected.events[d.expected]!.event] : []));
  for (const divergence of check.divergences) {
    switch (divergence.kind) {
      case 'missing':
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
        blame(explainUnexpected(expected, event));
        break;
      }
    }
  }
  return [...blamed].sort();
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

function explainUnexpected(expected: ExpectedHistory, event: HistoryEvent): readonly string[] {
  const kind = eventClass(event);
  const withheld = (expected.withheld ?? []).filter((w) => w.path === event.path && w.classes.includes(kind));
  if (withheld.length > 0) return withheld.flatMap((w) => w.rules);
  const here = expected.events.filter((e) => e.event.path === event.path);
  const alike = here.filter((e) => eventClass(e.event) === kind).flatMap((e) => e.rules ?? []);
  return alike.length > 0 ? alike : here.flatMap((e) => e.rules ?? []);
}
