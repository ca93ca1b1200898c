/** How one rule or property ended. @public */
export type ResultStatus = 'passed' | 'failed' | 'skipped' | 'unexercised';

/** A shortened failing case. @public */
export interface Counterexample {
  /** The operations of the shrunk case, in order. */
  readonly steps: readonly string[];
  /** What diverged, with observed and expected events. */
  readonly message: string;
  /** The end of the failing run: operations and the events each produced. */
  readonly historyExcerpt: readonly string[];
  /** Pass back as `replay` to rerun exactly this case. */
  readonly replayToken: string;
  /** Rules suspected by the diverging step. */
  readonly suspects: readonly string[];
  /**
   * Whether `suspects` are the rules behind the diverging events (actor, durable-state and hook
   * properties); otherwise (store properties) they are the rules the diverging step reached, and a
   * property none of whose rules is among them blames all of its rules.
   */
  readonly pinpointed?: boolean;
}

/** The outcome of running one property against an adapter. @public */
export interface PropertyResult {
  readonly property: string;
  readonly status: Exclude<ResultStatus, 'unexercised'>;
  /** Why it was skipped. */
  readonly reason?: string;
  /** Generated runs (up to and including the first failure). */
  readonly runs: number;
  /** Rules its runs reached with a matching history. */
  readonly exercised: readonly string[];
  /** For each rule in `exercised`, how many runs reached it with a matching history. */
  readonly exercisedRuns?: Readonly<Record<string, number>>;
  /** The first failure. */
  readonly counterexample?: Counterexample;
  /**
   * Failures of other rules found after the first, with the rules already failed set aside (so one
   * failure does not leave the property's other rules without a verdict).
   */
  readonly moreCounterexamples?: readonly Counterexample[];
  readonly durationMs: number;
}

/** The outcome of one rule, derived from the properties that check it. @public */
export interface RuleResult {
  readonly rule: string;
  readonly status: ResultStatus;
  /** Why it was skipped or not exercised. */
  readonly reason?: string;
  /** The properties that check it. */
  readonly properties: readonly string[];
  readonly runs: number;
  /** Runs that reached the rule with a matching history, over every property (listed or not). */
  readonly exercisedRuns: number;
  readonly counterexample?: Counterexample;
  readonly durationMs: number;
}
