import type { AreaId, Capability, Level } from '../../spec/index.js';

/** Version of the report schema below; bumped on any incompatible change. @public */
export const reportSchemaVersion = 2;

/**
 * How a rule ended in a run of the command line:
 * - `passed`: a run exercised it and every history matched;
 * - `failed`: a shrunk counterexample shows the runtime breaking it;
 * - `skipped`: it cannot apply (capability not declared, optional not implemented);
 * - `error`: the adapter itself broke (threw, hung, reported events out of contract);
 * - `flaky`: it failed, then passed when the same replay token was run again;
 * - `unexercised`: no generated run reached it.
 *
 * @public
 */
export type RuleStatus = 'passed' | 'failed' | 'skipped' | 'error' | 'flaky' | 'unexercised';

/** Every status, in report order (worst first). @public */
export const ruleStatuses: readonly RuleStatus[] = ['error', 'failed', 'flaky', 'passed', 'unexercised', 'skipped'];

/** A shrunk failing case, as the reports show it. @public */
export interface ReportedCounterexample {
  /**
   * The operations of the shrunk case, scenario first.
   * @maxItems 200
   * @maxLength 500
   */
  readonly steps: readonly string[];
  /**
   * What diverged.
   * @maxLength 16000
   */
  readonly message: string;
  /**
   * The end of the failing run: operations and the events each produced.
   * @maxItems 200
   * @maxLength 500
   */
  readonly historyExcerpt: readonly string[];
  /**
   * Pass to `--replay` to rerun exactly this case.
   * @maxLength 4000
   */
  readonly replayToken: string;
}

/** One rule of the registry and how it ended. @public */
export interface RuleOutcome {
  readonly id: string;
  readonly area: AreaId;
  readonly level: Level;
  readonly title: string;
  /**
   * The normative text, so a report reader needs nothing else.
   * @maxLength 4000
   */
  readonly statement: string;
  /** "If this fails, check…" hints from the registry. */
  readonly hints: readonly string[];
  readonly status: RuleStatus;
  /**
   * Why it was skipped, not exercised, errored or flaky.
   * @maxLength 2000
   */
  readonly reason?: string;
  /** The properties that check it. */
  readonly properties: readonly string[];
  /**
   * Generated runs of those properties.
   * @integer
   * @minimum 0
   */
  readonly runs: number;
  /**
   * Runs (of any property) that reached this rule with a matching history: how hard it was
   * looked at. Absent in reports made before it was counted.
   * @integer
   * @minimum 0
   */
  readonly exercisedRuns?: number;
  /** @minimum 0 */
  readonly durationMs: number;
  readonly counterexample?: ReportedCounterexample;
  /**
   * Set when no shipped mutant is known to make this rule fail (`weakRules()` of
   * `conformance/mutants`): the suite has never been shown to catch a bug through it, so its
   * pass is weaker evidence than the others'. Absent: the rule has a mutant, or the report was
   * made without that knowledge.
   */
  readonly weak?: boolean;
}

/** Code coverage of the implementation under test, summarised. @public */
export interface CoverageSummary {
  readonly lines: { readonly covered: number; readonly total: number };
  readonly files: number;
  /** Where the lcov and HTML reports were written, relative to the output folder. */
  readonly lcov: string;
  readonly html: string;
}

/**
 * The single result model every report is rendered from (`conformance.json` is it verbatim).
 *
 * @public
 */
export interface ConformanceRun {
  readonly schemaVersion: typeof reportSchemaVersion;
  /** The kit that ran the suite. */
  readonly kit: { readonly name: string; readonly version: string };
  /** The adapter's identity as it declared it, and where it was loaded from. */
  readonly adapter: {
    /** @maxLength 200 */
    readonly name: string;
    /** @maxLength 200 */
    readonly version: string;
    /** What `--adapter` named. */
    readonly source: string;
  };
  /** Node version the suite ran on. */
  readonly runtime: { readonly node: string; readonly platform: string };
  readonly capabilities: readonly Capability[];
  /**
   * The seed every property ran with: rerun with `--seed` to repeat the run.
   * @integer
   */
  readonly seed: number;
  /** Set when this is one shard of a split run: shard `index` (1-based) of `total`. */
  readonly shard?: {
    /**
     * @integer
     * @minimum 1
     */
    readonly index: number;
    /**
     * @integer
     * @minimum 1
     */
    readonly total: number;
  };
  readonly startedAt: string;
  /** @minimum 0 */
  readonly durationMs: number;
  readonly rules: readonly RuleOutcome[];
  /** Count per status. */
  readonly totals: Readonly<Record<RuleStatus, number>>;
  readonly coverage?: CoverageSummary;
}

/** `rules` with `weak: true` on those whose id is in `weak` (see {@link RuleOutcome.weak}). @public */
export function markWeak(rules: readonly RuleOutcome[], weak: Iterable<string>): RuleOutcome[] {
  const ids = new Set(weak);
  return rules.map((rule) => (ids.has(rule.id) ? { ...rule, weak: true } : rule));
}

/** The rules of a run marked weak. @public */
export function weakOutcomes(run: Pick<ConformanceRun, 'rules'>): RuleOutcome[] {
  return run.rules.filter((r) => r.weak === true);
}

/** One sentence on what a weak rule is, shared by the reports. @public */
export const weakRuleNote = 'weak: no shipped mutant is known to make this rule fail, so a pass says less';

/** Counts the rules per status. @public */
export function totalsOf(rules: readonly Pick<RuleOutcome, 'status'>[]): Record<RuleStatus, number> {
  const totals: Record<RuleStatus, number> = { passed: 0, failed: 0, skipped: 0, error: 0, flaky: 0, unexercised: 0 };
  for (const rule of rules) totals[rule.status] += 1;
  return totals;
}

/** Whether the run conforms: no rule failed and the adapter never broke. @public */
export function conforms(run: Pick<ConformanceRun, 'rules'>): boolean {
  return run.rules.every((r) => r.status !== 'failed' && r.status !== 'error');
}
