/**
 * How one upstream test case (a Pekko or GoAkt test) stands against the rules: covered by a rule's
 * statement, covered only by composing rules, not covered yet (with the missing semantic), or not
 * applicable to a conformance kit (with the reason).
 *
 * @packageDocumentation
 */

/** Why a test case is outside what a conformance kit can state. */
export const notApplicableReasons = {
  interceptor: 'tests the interceptor API, which the kit does not model',
  logging: 'tests logging or MDC',
  jvm: 'JVM specifics: null, fatal errors, stack depth',
  serialization: 'tests serialization',
  config: 'tests configuration or plugin wiring',
  'internal-api': 'asserts internal API or registries, not observable behavior',
  'runtime-specific-api': 'an API of one runtime with no counterpart in the kit (manual restart)',
  'api-misuse': 'checks that a misuse of the API is rejected',
  'compile-only': 'only checks that code compiles',
  pending: 'the upstream test is marked pending and checks nothing',
} as const;

/** A reason a case is not applicable. */
export type NotApplicableReason = keyof typeof notApplicableReasons;

/**
 * Semantics no rule states yet, numbered as in the coverage research; an uncovered case names
 * the one it checks. A gap closes when its cases are marked covered by new rules.
 */
export const gaps = {
  1: 'Timers: key replacement and cancel discard already-enqueued messages',
  2: 'Timers and scheduling: basic delivery',
  3: 'Unhandled messages: publication and continuation',
  4: 'Message adapters',
  5: 'Ask from an actor (context.ask): mapping, timeout, order',
  6: 'pipeToSelf / PipeTo: success and failure delivery',
  7: 'Restart buffer survives a second failure during release',
  8: 'Passivation strategies (GoAkt)',
  9: 'Behavior threading while unstashing',
  10: 'Behavior replacement baseline (become / same; supervisor transparency)',
  11: 'Receive timeout',
  12: 'Behaviors are reusable templates',
  13: 'watchWith after a plain watch (extend WATCH-05)',
  14: 'One-for-all strategy (GoAkt, MAY)',
  15: 'Nested backoff supervisors keep independent counters',
  16: 'Null / undefined / primitive state values',
  17: 'Suspension and reinstate (GoAkt, MAY)',
  18: 'Context introspection',
  19: 'Stash buffer introspection and clear',
  20: 'PostStart message after every start (GoAkt)',
  21: 'askWithStatus / StatusReply',
  22: 'Unknown extension / dependency lookup',
  23: 'By-slice change queries (store, MAY)',
  24: 'Listing persistence ids (store, MAY)',
} as const;

/** The number of a known gap. */
export type GapId = keyof typeof gaps;

/** The verdict on one upstream test case. */
export type CaseVerdict =
  | { readonly kind: 'covered'; readonly rules: readonly string[]; readonly note?: string }
  | { readonly kind: 'composed'; readonly rules: readonly string[]; readonly note: string }
  | { readonly kind: 'uncovered'; readonly gap: GapId; readonly note?: string }
  | { readonly kind: 'not-applicable'; readonly reason: NotApplicableReason; readonly note?: string };

const withNote = (note: string | undefined): { note?: string } => (note === undefined ? {} : { note });

/** A rule statement says what the case checks. */
export function covers(rules: readonly string[], note?: string): CaseVerdict {
  return { kind: 'covered', rules, ...withNote(note) };
}

/** The case follows from composing these rules, though no single statement names it. */
export function composes(rules: readonly string[], note: string): CaseVerdict {
  return { kind: 'composed', rules, note };
}

/** No rule states what the case checks yet. */
export function gap(id: GapId, note?: string): CaseVerdict {
  return { kind: 'uncovered', gap: id, ...withNote(note) };
}

/** The case is outside what a conformance kit states. */
export function na(reason: NotApplicableReason, note?: string): CaseVerdict {
  return { kind: 'not-applicable', reason, ...withNote(note) };
}

/** The verdicts on the cases read from one upstream suite (a Pekko tag or a GoAkt test file). */
export interface SuiteCoverage {
  readonly upstream: 'pekko' | 'goakt';
  /** The Pekko suite tag of spec/testSuites.ts, or the GoAkt test file path. */
  readonly suite: string;
  /** Verdict per case, keyed by the full test name as extracted (groups joined by `" / "`). */
  readonly cases: Readonly<Record<string, CaseVerdict>>;
}
