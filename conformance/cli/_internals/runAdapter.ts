import type { ScriptCoverage } from '../../harness/runSuite.js';
import type { AdapterLocation } from '../../harness/resolveAdapter.js';
import { runSuite } from '../../harness/runSuite.js';
import type { Selection } from './checkedSelection.js';
import { reportSchemaVersion, totalsOf, type ConformanceRun } from '../../report/ConformanceRun.js';
import { boundedOutcome, boundedRun } from '../../report/reportSchema.js';
import { writeCoverage } from '../../report/writeCoverage.js';
import { kitManifest } from './kitManifest.js';
import { inline } from './terminalSafe.js';
import { ProgressPrinter, type Output } from './ProgressPrinter.js';

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
  /** Real milliseconds of quiet (`--patience`). */
  patience?: number;
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
    ...(flags.patience !== undefined ? { patienceMs: flags.patience } : {}),
    coverage: flags.coverage === true,
    // Adapter text is bounded before it is printed (see boundedRun).
    onProgress: (event) => progress.progress(event.kind === 'rule' ? { ...event, outcome: boundedOutcome(event.outcome) } : event),
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
  return { run: boundedRun(run), scripts: result.coverage };
}

/** The run with its coverage summary, once the coverage reports are written into `outDir` (when coverage was asked for). */
export async function withCoverage({ run, scripts }: AdapterRun, flags: Pick<RunFlags, 'coverage'>, outDir: string): Promise<ConformanceRun> {
  if (flags.coverage !== true) return run;
  return { ...run, coverage: await writeCoverage(scripts, outDir, kitManifest().root) };
}

/** The summary of a run: one line, and one more for its coverage when it was measured. */
export function summaryLines(run: ConformanceRun): string {
  const t = run.totals;
  const counts = `${inline(run.adapter.name)} ${inline(run.adapter.version)}: ${t.passed} passed, ${t.failed} failed, ${t.error} error, ${t.flaky} flaky, ${t.skipped} skipped, ${t.unexercised} unexercised (seed ${run.seed}, ${(run.durationMs / 1000).toFixed(1)} s)\n`;
  const c = run.coverage;
  return c === undefined ? counts : `${counts}coverage: ${c.lines.covered}/${c.lines.total} lines of the implementation in ${c.files} files, ${c.html}\n`;
}
