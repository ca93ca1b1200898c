import type { ScriptCoverage } from '../../harness/runSuite.js';
import { areas, isLevel, rulesByRole, type Level } from '../../../spec/index.js';
import { decodeReplayToken } from '../../engine/ReplayToken.js';
import type { AdapterLocation } from '../../harness/resolveAdapter.js';
import { runSuite, selectRules, type SuiteOptions } from '../../harness/runSuite.js';
import { reportSchemaVersion, totalsOf, type ConformanceRun } from '../../report/ConformanceRun.js';
import { writeCoverage } from '../../report/writeCoverage.js';
import { isReporterName, reporters, type ReporterName } from '../../report/writeReports.js';
import { kitManifest } from './kitManifest.js';
import { ProgressPrinter, type Output } from './ProgressPrinter.js';
import { UsageError } from './UsageError.js';

/** The options every run of the suite takes, as commander parsed them. */
export interface RunFlags {
  rules?: string[];
  level?: string[];
  numRuns?: number;
  seed?: number;
  timeout: number;
  totalTimeout: number;
  out: string;
  reporter: string[];
  coverage?: boolean;
}

/** Which rules to run, checked: `SuiteOptions` without the run limits. */
export type Selection = Pick<SuiteOptions, 'select' | 'levels' | 'shard' | 'replay'>;

/** Checks the reporters, levels and rule names, and that the selection holds a rule. Throws {@link UsageError}. */
export function checkedSelection(flags: RunFlags, extra: Pick<SuiteOptions, 'shard' | 'replay'> = {}): { selection: Selection; reporters: ReporterName[] } {
  const unknownReporters = flags.reporter.filter((r) => !isReporterName(r));
  if (unknownReporters.length > 0) throw new UsageError(`unknown reporter ${unknownReporters.join(', ')} (choose from ${Object.keys(reporters).join(', ')})`);
  const levels = (flags.level ?? []).map((l) => l.toUpperCase());
  const badLevel = levels.find((l) => !isLevel(l));
  if (badLevel !== undefined) throw new UsageError(`unknown level ${badLevel} (choose from MUST, SHOULD, MAY)`);
  const runtimeRules = rulesByRole('runtime');
  const unknownRules = (flags.rules ?? []).filter((s) => !Object.hasOwn(areas, s.toUpperCase()) && !runtimeRules.some((r) => r.id === s.toUpperCase() || r.aliases.includes(s.toUpperCase())));
  if (unknownRules.length > 0) throw new UsageError(`no runtime rule or area named ${unknownRules.join(', ')} (see --list-rules)`);
  if (extra.replay !== undefined) decodeReplayToken(extra.replay);
  const selection: Selection = {
    ...(flags.rules !== undefined ? { select: flags.rules } : {}),
    ...(levels.length > 0 ? { levels: levels as Level[] } : {}),
    ...extra,
  };
  if (selectRules(selection).length === 0) throw new UsageError('the selection holds no rule');
  return { selection, reporters: flags.reporter as ReporterName[] };
}

/** A finished run and the raw coverage its workers collected (written later, with the reports). */
export interface AdapterRun {
  readonly run: ConformanceRun;
  readonly scripts: readonly ScriptCoverage[];
}

/** Runs the suite against one adapter in its isolated worker, printing progress, and builds the report model. */
export async function runAdapter(location: AdapterLocation, flags: RunFlags, selection: Selection, io: { stdout: Output; tty: boolean }): Promise<AdapterRun> {
  const progress = new ProgressPrinter(io.stdout, io.tty);
  const startedAt = new Date().toISOString();
  const result = await runSuite(location, {
    ...selection,
    ...(flags.numRuns !== undefined ? { numRuns: flags.numRuns } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    operationTimeoutMs: flags.timeout,
    totalTimeoutMs: flags.totalTimeout,
    coverage: flags.coverage === true,
    onProgress: (event) => progress.progress(event),
  });
  const kit = kitManifest();
  const run: ConformanceRun = {
    schemaVersion: reportSchemaVersion,
    kit: { name: kit.name, version: kit.version },
    adapter: { name: result.adapter.name, version: result.adapter.version, source: location.source },
    runtime: { node: process.version, platform: `${process.platform}-${process.arch}` },
    capabilities: result.adapter.capabilities,
    seed: result.seed,
    ...(selection.shard !== undefined ? { shard: selection.shard } : {}),
    startedAt,
    durationMs: result.durationMs,
    rules: result.rules,
    totals: totalsOf(result.rules),
  };
  return { run, scripts: result.coverage };
}

/** The run with its coverage summary, once the coverage reports are written into `outDir` (when coverage was asked for). */
export async function withCoverage({ run, scripts }: AdapterRun, flags: Pick<RunFlags, 'coverage'>, outDir: string): Promise<ConformanceRun> {
  if (flags.coverage !== true) return run;
  return { ...run, coverage: await writeCoverage(scripts, outDir, kitManifest().root) };
}

/** The summary of a run: one line, and one more for its coverage when it was measured. */
export function summaryLines(run: ConformanceRun): string {
  const t = run.totals;
  const counts = `${run.adapter.name} ${run.adapter.version}: ${t.passed} passed, ${t.failed} failed, ${t.error} error, ${t.flaky} flaky, ${t.skipped} skipped, ${t.unexercised} unexercised (seed ${run.seed}, ${(run.durationMs / 1000).toFixed(1)} s)\n`;
  const c = run.coverage;
  return c === undefined ? counts : `${counts}coverage: ${c.lines.covered}/${c.lines.total} lines of the implementation in ${c.files} files, ${c.html}\n`;
}
