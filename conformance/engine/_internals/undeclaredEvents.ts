import type { Capability } from '../../../spec/index.js';
import type { EventReporting, ExpectedEvent, ExpectedHistory, HappensBefore, HistoryEvent } from '../../../spec/model/index.js';

/** Lifecycle signals an adapter reports only when it declares the capability that names them. */
const signalCapability: Readonly<Record<'PreRestart' | 'PostStop', Capability>> = {
  PreRestart: 'lifecycle.pre-restart',
  PostStop: 'lifecycle.post-stop',
};

function undeclaredSignal(event: HistoryEvent, declared: ReadonlySet<Capability>): boolean {
  return event.kind === 'signal' && !declared.has(signalCapability[event.signal]);
}

/**
 * The prediction cut to what an adapter can report. Dead letters become optional without
 * `dead-letters` (a runtime may publish them where the adapter cannot see them). A signal whose
 * capability is not declared is left out: the adapter must not report it, and leaving it out
 * keeps the order it stood for, as edges from its predecessors to its successors.
 */
export function reportableHistory(expected: ExpectedHistory, declared: ReadonlySet<Capability>): ExpectedHistory {
  const deadLettersOptional = !declared.has('dead-letters');
  const dropped = new Set(expected.events.flatMap((e, i) => (undeclaredSignal(e.event, declared) ? [i] : [])));
  if (dropped.size === 0 && !deadLettersOptional) return expected;
  // Bridge every dropped event: each predecessor now comes before each successor.
  let edges: HappensBefore[] = [...expected.before];
  for (const gone of dropped) {
    const into = edges.filter(([, after]) => after === gone);
    const out = edges.filter(([before]) => before === gone);
    edges = edges.filter(([before, after]) => before !== gone && after !== gone);
    for (const [before, , rulesIn] of into) {
      for (const [, after, rulesOut] of out) edges.push([before, after, [...new Set([...(rulesIn ?? []), ...(rulesOut ?? [])])]]);
    }
  }
  const newIndex = new Map<number, number>();
  const events: ExpectedEvent[] = [];
  expected.events.forEach((e, i) => {
    if (dropped.has(i)) return;
    newIndex.set(i, events.length);
    events.push(deadLettersOptional && e.event.kind === 'deadLetter' ? { ...e, optional: true } : e);
  });
  const before = edges.map(([b, a, rules]): HappensBefore => {
    const pair = [newIndex.get(b)!, newIndex.get(a)!] as const;
    return rules !== undefined && rules.length > 0 ? [...pair, rules] : pair;
  });
  return { ...expected, events, before };
}

/** How an adapter declaring `declared` reports a predicted event, as {@link reportableHistory} cuts the prediction. */
export function eventReporting(declared: ReadonlySet<Capability>): (event: HistoryEvent) => EventReporting {
  const deadLettersOptional = !declared.has('dead-letters');
  return (event) => (undeclaredSignal(event, declared) ? 'absent' : deadLettersOptional && event.kind === 'deadLetter' ? 'optional' : 'required');
}
