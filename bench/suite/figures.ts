/**
 * The suite's own figures, computed from conformance reports: how long a full run takes, and how
 * quickly and how briefly each shipped mutant is caught. Pure: measuring happens in `measure.ts`.
 *
 * @packageDocumentation
 */
import type { ResultStatus } from '../../conformance/engine/results.js';
import type { ConformanceReport } from '../../conformance/engine/runConformance.js';
import type { Mutant } from '../../conformance/mutants/index.js';
import { median } from '../statistics.js';

/** The part of a report the figures read. */
export type ReportFacts = Pick<ConformanceReport, 'rules' | 'properties'>;

/** What checking one mutant at one seed found. */
export interface MutantTrial {
  readonly seed: number;
  /** Wall time of the check (generation, runs up to the failure, shrinking), in ms. */
  readonly wallMs: number;
  /** The rules of `caughtBy` that reported `failed`. */
  readonly failedRules: readonly string[];
  /** Rules outside `caughtBy` that reported `failed`: blame the mutant does not earn (absent: none). */
  readonly wronglyBlamed?: readonly string[];
  /**
   * The failing property (among those checking a failed rule) that failed earliest: the runs up
   * to and including its first failing one, and the length of its shrunk counterexample.
   */
  readonly firstFailure?: { readonly property: string; readonly runs: number; readonly steps: number };
}

/** Reads one mutant check's report as a {@link MutantTrial}. */
export function trialOf(seed: number, report: ReportFacts, caughtBy: readonly string[], wallMs: number): MutantTrial {
  const failed = report.rules.filter((r) => r.status === 'failed' && caughtBy.includes(r.rule));
  const wrong = report.rules.filter((r) => r.status === 'failed' && !caughtBy.includes(r.rule)).map((r) => r.rule);
  const blamed = new Set(failed.flatMap((r) => r.properties));
  const earliest = report.properties
    .filter((p) => p.status === 'failed' && blamed.has(p.property))
    .sort((a, b) => a.runs - b.runs)[0];
  return {
    seed,
    wallMs,
    failedRules: failed.map((r) => r.rule),
    ...(wrong.length > 0 ? { wronglyBlamed: wrong } : {}),
    ...(earliest
      ? { firstFailure: { property: earliest.property, runs: earliest.runs, steps: earliest.counterexample?.steps.length ?? 0 } }
      : {}),
  };
}

/** How one shipped mutant fared over all seeds. */
export interface MutantFigures {
  readonly name: string;
  readonly kind: Mutant['kind'];
  readonly caughtBy: readonly string[];
  readonly seeds: number;
  /** Seeds at which at least one rule of `caughtBy` failed. */
  readonly caught: number;
  /** Per rule of `caughtBy`: seeds at which it failed. */
  readonly caughtByRule: Readonly<Record<string, number>>;
  /** Blame precision: seeds that caught it and failed no rule outside `caughtBy`. */
  readonly precise: number;
  /** Rules outside `caughtBy` that failed at some seed, with how many seeds. */
  readonly wronglyBlamed: Readonly<Record<string, number>>;
  /** Median wall time of a check, over all seeds, in ms. */
  readonly medianWallMs: number;
  /** Median number of generated runs up to and including the first failing one, over the seeds that caught it; null when none did. */
  readonly medianRunsToFailure: number | null;
  /** Median length (steps) of the shrunk counterexample, over the seeds that caught it; null when none did. */
  readonly medianCounterexampleSteps: number | null;
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** Aggregates one mutant's trials into medians and catch counts. */
export function summariseMutant(mutant: Pick<Mutant, 'name' | 'kind' | 'caughtBy'>, trials: readonly MutantTrial[]): MutantFigures {
  const failures = trials.flatMap((t) => (t.firstFailure ? [t.firstFailure] : []));
  return {
    name: mutant.name,
    kind: mutant.kind,
    caughtBy: mutant.caughtBy,
    seeds: trials.length,
    caught: trials.filter((t) => t.failedRules.length > 0).length,
    caughtByRule: Object.fromEntries(mutant.caughtBy.map((rule) => [rule, trials.filter((t) => t.failedRules.includes(rule)).length])),
    precise: trials.filter((t) => t.failedRules.length > 0 && (t.wronglyBlamed ?? []).length === 0).length,
    wronglyBlamed: Object.fromEntries(
      [...new Set(trials.flatMap((t) => t.wronglyBlamed ?? []))].sort().map((rule) => [rule, trials.filter((t) => t.wronglyBlamed?.includes(rule)).length]),
    ),
    medianWallMs: median(trials.map((t) => t.wallMs)),
    medianRunsToFailure: orNull(median(failures.map((f) => f.runs))),
    medianCounterexampleSteps: orNull(median(failures.map((f) => f.steps))),
  };
}

/** One part of a full run (the runtime suite or one store plugin) as measured once. */
export interface PartSample {
  readonly part: string;
  readonly wallMs: number;
  /** Every rule's verdict, by rule ID. */
  readonly verdicts: Readonly<Record<string, ResultStatus>>;
}

/** The full run against the reference runtime and the shipped stores. */
export interface FullRunFigures {
  /** Median wall time of the whole run (all parts, one after another), in ms. */
  readonly medianWallMs: number;
  /** Each repetition's wall time, in ms. */
  readonly samplesMs: readonly number[];
  /** Median wall time of each part, in ms. */
  readonly parts: Readonly<Record<string, number>>;
  /** Count of rules per verdict, per part, at the last repetition. */
  readonly verdicts: Readonly<Record<string, Readonly<Partial<Record<ResultStatus, number>>>>>;
  /** Per part, the rules that failed at any repetition (each repetition draws a fresh random seed). */
  readonly failed: Readonly<Record<string, readonly string[]>>;
}

/** Aggregates repetitions of a full run (each a list of part samples) into medians. */
export function summariseFullRuns(repetitions: readonly (readonly PartSample[])[]): FullRunFigures {
  const parts = [...new Set(repetitions.flatMap((r) => r.map((s) => s.part)))];
  const last = repetitions.at(-1) ?? [];
  const tally = (verdicts: Readonly<Record<string, ResultStatus>>): Partial<Record<ResultStatus, number>> => {
    const counts: Partial<Record<ResultStatus, number>> = {};
    for (const status of Object.values(verdicts)) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  };
  const failedIn = (part: string): string[] => {
    const rules = repetitions.flatMap((r) => r.filter((s) => s.part === part).flatMap((s) => Object.keys(s.verdicts).filter((id) => s.verdicts[id] === 'failed')));
    return [...new Set(rules)].sort();
  };
  const samplesMs = repetitions.map((r) => r.reduce((sum, s) => sum + s.wallMs, 0));
  return {
    medianWallMs: median(samplesMs),
    samplesMs,
    parts: Object.fromEntries(parts.map((part) => [part, median(repetitions.flatMap((r) => r.filter((s) => s.part === part).map((s) => s.wallMs)))])),
    verdicts: Object.fromEntries(last.map((s) => [s.part, tally(s.verdicts)])),
    failed: Object.fromEntries(parts.map((part) => [part, failedIn(part)])),
  };
}

/** One default run against the reference runtime, judged by one oracle. */
export interface OracleSample {
  readonly wallMs: number;
  /** Per rule: its verdict and the generated runs of the properties that check it. */
  readonly rules: Readonly<Record<string, { readonly status: ResultStatus; readonly runs: number }>>;
}

/**
 * The full oracle against the one-order baseline, each default run at the same seeds, measured
 * side by side in one process: wall times, their ratio, and the rules that lost exercised runs
 * (passed under the baseline but not under the full oracle, or checked by fewer runs).
 */
export interface OracleComparison {
  readonly seeds: readonly number[];
  readonly fullMs: readonly number[];
  readonly baselineMs: readonly number[];
  readonly medianFullMs: number;
  readonly medianBaselineMs: number;
  /** Median full over median baseline; the target is at most 2. */
  readonly ratio: number;
  /** Rules (with the seed) that lost exercised runs under the full oracle. */
  readonly lostRuns: readonly string[];
  /** Rules (with the seed) the baseline failed, where its one order rejects what the rules allow. */
  readonly baselineFailed: readonly string[];
  /** Rules (with the seed) the full oracle failed against the reference: none is expected. */
  readonly fullFailed: readonly string[];
}

/** Compares paired samples: `pairs[i]` is the full oracle and the baseline at `seeds[i]`. */
export function compareOracles(seeds: readonly number[], pairs: readonly { readonly full: OracleSample; readonly baseline: OracleSample }[]): OracleComparison {
  const failedIn = (sample: OracleSample, seed: number) => Object.entries(sample.rules).filter(([, r]) => r.status === 'failed').map(([rule]) => `${rule} (seed ${seed})`);
  const lostRuns = pairs.flatMap(({ full, baseline }, i) =>
    Object.entries(baseline.rules).flatMap(([rule, before]) => {
      const after = full.rules[rule];
      const lost = after === undefined || after.runs < before.runs || (before.status === 'passed' && after.status !== 'passed');
      return lost ? [`${rule} (seed ${seeds[i]})`] : [];
    }),
  );
  const fullMs = pairs.map((p) => p.full.wallMs);
  const baselineMs = pairs.map((p) => p.baseline.wallMs);
  const medianFullMs = median(fullMs);
  const medianBaselineMs = median(baselineMs);
  return {
    seeds,
    fullMs,
    baselineMs,
    medianFullMs,
    medianBaselineMs,
    ratio: medianFullMs / medianBaselineMs,
    lostRuns,
    baselineFailed: pairs.flatMap((p, i) => failedIn(p.baseline, seeds[i]!)),
    fullFailed: pairs.flatMap((p, i) => failedIn(p.full, seeds[i]!)),
  };
}
