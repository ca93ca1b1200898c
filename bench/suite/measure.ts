/**
 * Measures the suite itself: a full run against the reference runtime and the shipped store
 * plugins, and each shipped mutant checked by full runs over several seeds: caught by the
 * rules it lists, and blamed on nothing else. The mutant list is read from the index at run time, so new mutants are measured as
 * soon as they are registered.
 *
 * @packageDocumentation
 */
import { fileStorePlugin } from '../../conformance/adapters/file-store.js';
import { inMemoryStorePlugin } from '../../conformance/adapters/in-memory-store.js';
import { referenceRuntimeAdapter, referenceRuntimeWith } from '../../conformance/adapters/reference-runtime.js';
import { sqliteStorePlugin } from '../../conformance/adapters/sqlite-store.js';
import type { StorePlugin } from '../../conformance/contract/StorePlugin.js';
import { runConformance } from '../../conformance/engine/runConformance.js';
import { mutants as shippedMutants, type Mutant } from '../../conformance/mutants/index.js';
import { variants as shippedVariants, type Variant } from '../../conformance/variants/index.js';
import { runnable } from '../../conformance/variants/_internals/runnable.js';
import { runStoreConformance } from '../../conformance/store/runStoreConformance.js';
import { median } from '../statistics.js';
import { withOrdersLimitedTo } from '../../spec/model/_internals/search.js';
import {
  compareOracles,
  summariseFullRuns,
  summariseMutant,
  trialOf,
  type FullRunFigures,
  type MutantFigures,
  type MutantTrial,
  type OracleComparison,
  type OracleSample,
  type PartSample,
  type ReportFacts,
} from './figures.js';

/** The store plugins a full run checks besides the reference runtime. */
const shippedStores: readonly StorePlugin[] = [inMemoryStorePlugin, fileStorePlugin, sqliteStorePlugin];

/** Times `body` in ms, with what it returned. */
async function timed<T>(body: () => Promise<T>): Promise<{ value: T; wallMs: number }> {
  const started = performance.now();
  const value = await body();
  return { value, wallMs: performance.now() - started };
}

/** One full run: the runtime suite against the reference runtime, then each store plugin, with each property's default runs. */
export async function measureFullRun(): Promise<PartSample[]> {
  const sampleOf = (part: string, { value, wallMs }: { value: ReportFacts; wallMs: number }): PartSample => ({
    part,
    wallMs,
    verdicts: Object.fromEntries(value.rules.map((r) => [r.rule, r.status])),
  });
  const samples = [sampleOf(referenceRuntimeAdapter.name, await timed(() => runConformance(referenceRuntimeAdapter)))];
  for (const plugin of shippedStores) samples.push(sampleOf(plugin.name, await timed(() => runStoreConformance(plugin))));
  return samples;
}

/** One default run against the reference runtime at `seed`, judged by the model as it is, or limited to one order. */
async function referenceRun(seed: number, oneOrder: boolean): Promise<OracleSample> {
  const run = () => runConformance(referenceRuntimeAdapter, { seed });
  const { value, wallMs } = await timed(oneOrder ? () => withOrdersLimitedTo(1, run) : run);
  return { wallMs, rules: Object.fromEntries(value.rules.map((r) => [r.rule, { status: r.status, runs: r.runs }])) };
}

/**
 * The default run against the reference runtime judged by the full oracle, side by side with a
 * baseline that stands for the oracle before it searched the freedoms: the same model with
 * every search cut to its first order, the reference runtime's. Against the reference, whose
 * history is the first order's, the drivers judge by one prediction and search only when it
 * does not fit, so the baseline's verdict path is the old one: predict once, check once. Same
 * seeds for both, taken in turns so that drift of a busy machine falls on both.
 */
export async function measureOracleSideBySide(seeds: readonly number[]): Promise<OracleComparison> {
  const pairs: { full: OracleSample; baseline: OracleSample }[] = [];
  for (const [i, seed] of seeds.entries()) {
    // Alternate which goes first, so that warm-up and drift do not favour one.
    if (i % 2 === 0) {
      const baseline = await referenceRun(seed, true);
      pairs.push({ full: await referenceRun(seed, false), baseline });
    } else {
      const full = await referenceRun(seed, false);
      pairs.push({ full, baseline: await referenceRun(seed, true) });
    }
  }
  return compareOracles(seeds, pairs);
}

/**
 * Checks one mutant at one seed with a full default run (every rule, each property's default
 * runs), so its figures say whether it is caught and whether anything beyond its rules is blamed.
 */
export async function checkMutant(mutant: Mutant, seed: number): Promise<MutantTrial> {
  const { value, wallMs } = await timed(
    (): Promise<ReportFacts> =>
      mutant.kind === 'store' ? runStoreConformance(mutant.plugin, { seed }) : runConformance(referenceRuntimeWith(mutant.name, mutant.mutation), { seed }),
  );
  return trialOf(seed, value, mutant.caughtBy, wallMs);
}

/** One legal variant at full depth: the rules it failed at each seed (none, or the model rejects what the rules allow). */
export interface VariantFigures {
  readonly name: string;
  readonly seeds: readonly number[];
  /** Per seed, the rules that failed. */
  readonly failed: Readonly<Record<number, readonly string[]>>;
  readonly medianWallMs: number;
}

/** Runs the whole runtime suite, each property at its default runs, against one variant at each seed. */
export async function checkVariant(variant: Variant, seeds: readonly number[]): Promise<VariantFigures> {
  const failed: Record<number, readonly string[]> = {};
  const walls: number[] = [];
  for (const seed of seeds) {
    const { value, wallMs } = await timed(() => runConformance(runnable(variant), { seed }));
    failed[seed] = value.rules.filter((r) => r.status === 'failed').map((r) => r.rule);
    walls.push(wallMs);
  }
  return { name: variant.name, seeds, failed, medianWallMs: median(walls) };
}

/** Everything the suite section of the bench reports. */
export interface SuiteFigures {
  readonly fullRun: FullRunFigures;
  /** The default run against the reference, the full oracle side by side with the one-order baseline. */
  readonly oracle: OracleComparison;
  readonly mutants: readonly MutantFigures[];
  /** Each shipped legal variant at full depth, at the first seeds (at most 2). */
  readonly variants: readonly VariantFigures[];
  /** The fixed seeds every mutant was checked at. */
  readonly seeds: readonly number[];
}

/** How much to measure. */
export interface SuiteBenchOptions {
  /** Repetitions of the full run (median taken). */
  readonly repetitions: number;
  /** Seeds per mutant: 1…n, fixed so that two bench runs check the same cases. */
  readonly seeds: number;
  /** Default: every shipped mutant. */
  readonly mutants?: readonly Mutant[];
  /** Default: every shipped legal variant. */
  readonly variants?: readonly Variant[];
  /** Told what is being measured, for progress output. */
  readonly onProgress?: (what: string) => void;
}

/** Measures the full run and every mutant. */
export async function measureSuite(options: SuiteBenchOptions): Promise<SuiteFigures> {
  const repetitions: PartSample[][] = [];
  for (let i = 1; i <= options.repetitions; i++) {
    options.onProgress?.(`full run ${i}/${options.repetitions}`);
    repetitions.push(await measureFullRun());
  }
  const seeds = Array.from({ length: options.seeds }, (_, i) => i + 1);
  const oracleSeeds = seeds.slice(0, Math.max(options.repetitions, 1));
  options.onProgress?.(`full oracle and one-order baseline side by side at seeds ${oracleSeeds.join(', ')}`);
  const oracle = await measureOracleSideBySide(oracleSeeds);
  const figures: MutantFigures[] = [];
  for (const mutant of options.mutants ?? shippedMutants) {
    options.onProgress?.(`${mutant.name} at ${seeds.length} seeds`);
    const trials: MutantTrial[] = [];
    for (const seed of seeds) trials.push(await checkMutant(mutant, seed));
    figures.push(summariseMutant(mutant, trials));
  }
  const variantSeeds = seeds.slice(0, 2);
  const variantFigures: VariantFigures[] = [];
  for (const variant of options.variants ?? shippedVariants) {
    options.onProgress?.(`${variant.name} at full depth, seeds ${variantSeeds.join(', ')}`);
    variantFigures.push(await checkVariant(variant, variantSeeds));
  }
  return { fullRun: summariseFullRuns(repetitions), oracle, mutants: figures, variants: variantFigures, seeds };
}
