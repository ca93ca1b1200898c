/**
 * The `conformance` command line (also shipped as `actor-conformance`).
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { areas, isLevel, rulesByRole, type Level } from '../../spec/index.js';
import { decodeReplayToken, InvalidReplayTokenError } from '../engine/ReplayToken.js';
import { AdapterLoadError } from '../harness/AdapterLoadError.js';
import { ReplayMismatchError } from '../harness/ReplayMismatchError.js';
import { referenceAdapterLocation, resolveAdapter } from '../harness/resolveAdapter.js';
import { runSuite, selectRules, suiteProperties } from '../harness/runSuite.js';
import { regressionsAgainst } from '../report/baseline.js';
import { conforms, reportSchemaVersion, totalsOf, type ConformanceRun } from '../report/ConformanceRun.js';
import { MergeError, mergeRuns, parseRun } from '../report/mergeRuns.js';
import { writeCoverage } from '../report/writeCoverage.js';
import { isReporterName, reporters, writeReports, type ReporterName } from '../report/writeReports.js';
import { kitManifest } from './_internals/kitManifest.js';
import { ProgressPrinter, type Output } from './_internals/ProgressPrinter.js';

/** Exit codes of the command line. @public */
export const exitCodes = {
  /** Every applicable rule passed (with a baseline: nothing that passed there broke). */
  conforms: 0,
  /** Some rule failed or the adapter broke during a rule. */
  failed: 1,
  /** Bad usage, or an adapter that cannot be loaded. */
  usage: 2,
} as const;

/** Where the command line reads and writes; the real process by default, fakes in tests. @public */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  /** Whether stdout is a terminal (progress lines overwrite themselves). */
  readonly tty: boolean;
}

class UsageError extends Error {
  readonly code = 'USAGE';
}

const integer = (what: string, min: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${what} must be an integer ≥ ${min}`);
  return n;
};

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s.length > 0)];

function parseShard(value: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) throw new InvalidArgumentError('expected <i>/<n> with 1 ≤ i ≤ n, e.g. 2/4');
  return { index, total };
}

interface RunFlags {
  adapter?: string;
  rules?: string[];
  level?: string[];
  numRuns?: number;
  seed?: number;
  replay?: string;
  timeout: number;
  totalTimeout: number;
  out: string;
  reporter: string[];
  coverage?: boolean;
  baseline?: string;
  shard?: { index: number; total: number };
  listRules?: boolean;
}

function listRules(out: Output): void {
  const properties = suiteProperties();
  for (const rule of rulesByRole('runtime')) {
    const checked = properties.some((f) => f.rules.includes(rule.id)) ? '' : '  (no property yet)';
    out.write(`${rule.id.padEnd(9)} ${rule.level.padEnd(6)} ${rule.title}${checked}\n`);
  }
}

async function runCommand(flags: RunFlags, io: CliIo): Promise<number> {
  if (flags.listRules) {
    listRules(io.stdout);
    return exitCodes.conforms;
  }
  const unknownReporters = flags.reporter.filter((r) => !isReporterName(r));
  if (unknownReporters.length > 0) throw new UsageError(`unknown reporter ${unknownReporters.join(', ')} (choose from ${Object.keys(reporters).join(', ')})`);
  const levels = (flags.level ?? []).map((l) => l.toUpperCase());
  const badLevel = levels.find((l) => !isLevel(l));
  if (badLevel !== undefined) throw new UsageError(`unknown level ${badLevel} (choose from MUST, SHOULD, MAY)`);
  const runtimeRules = rulesByRole('runtime');
  const unknownRules = (flags.rules ?? []).filter((s) => !Object.hasOwn(areas, s.toUpperCase()) && !runtimeRules.some((r) => r.id === s.toUpperCase() || r.aliases.includes(s.toUpperCase())));
  if (unknownRules.length > 0) throw new UsageError(`no runtime rule or area named ${unknownRules.join(', ')} (see --list-rules)`);
  if (flags.replay !== undefined) decodeReplayToken(flags.replay);
  const baseline = flags.baseline === undefined ? undefined : await readRun(flags.baseline, io);
  const selection = {
    ...(flags.rules !== undefined ? { select: flags.rules } : {}),
    ...(levels.length > 0 ? { levels: levels as Level[] } : {}),
    ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
    ...(flags.replay !== undefined ? { replay: flags.replay } : {}),
  };
  if (selectRules(selection).length === 0) throw new UsageError('the selection holds no rule');

  const location = flags.adapter === undefined ? referenceAdapterLocation() : resolveAdapter(flags.adapter, io.cwd);
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
  const outDir = resolve(io.cwd, flags.out);
  const kit = kitManifest();
  const coverage = flags.coverage === true ? await writeCoverage(result.coverage, outDir, kit.root) : undefined;
  const run: ConformanceRun = {
    schemaVersion: reportSchemaVersion,
    kit: { name: kit.name, version: kit.version },
    adapter: { name: result.adapter.name, version: result.adapter.version, source: location.source },
    runtime: { node: process.version, platform: `${process.platform}-${process.arch}` },
    capabilities: result.adapter.capabilities,
    seed: result.seed,
    ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
    startedAt,
    durationMs: result.durationMs,
    rules: result.rules,
    totals: totalsOf(result.rules),
    ...(coverage !== undefined ? { coverage } : {}),
  };
  const written = await writeReports(run, outDir, flags.reporter as ReporterName[]);
  return summarise(run, io, written, baseline);
}

function summarise(run: ConformanceRun, io: CliIo, written: readonly string[], baseline: ConformanceRun | undefined): number {
  const t = run.totals;
  io.stdout.write(
    `\n${run.adapter.name} ${run.adapter.version}: ${t.passed} passed, ${t.failed} failed, ${t.error} error, ${t.flaky} flaky, ${t.skipped} skipped, ${t.unexercised} unexercised (seed ${run.seed}, ${(run.durationMs / 1000).toFixed(1)} s)\n`,
  );
  if (run.coverage) io.stdout.write(`coverage: ${run.coverage.lines.covered}/${run.coverage.lines.total} lines of the implementation in ${run.coverage.files} files, ${run.coverage.html}\n`);
  for (const path of written) io.stdout.write(`wrote ${path}\n`);
  const broken = run.rules.filter((r) => r.status === 'failed' || r.status === 'error');
  if (baseline !== undefined) {
    const regressions = regressionsAgainst(baseline, run);
    const known = broken.length - regressions.length;
    if (known > 0) io.stdout.write(`${known} rule(s) broken here were not passing in the baseline either: not counted\n`);
    if (regressions.length === 0) return exitCodes.conforms;
    io.stderr.write(`regressions against the baseline: ${regressions.map((r) => r.id).join(', ')}\n`);
    return exitCodes.failed;
  }
  if (conforms(run)) return exitCodes.conforms;
  io.stderr.write(`not conforming: ${broken.map((r) => `${r.id} (${r.status})`).join(', ')}\n`);
  return exitCodes.failed;
}

/** Reads a `conformance.json` named on the command line. */
async function readRun(file: string, io: CliIo): Promise<ConformanceRun> {
  const text = await readFile(resolve(io.cwd, file), 'utf8').catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  return parseRun(text, file);
}

async function mergeCommand(files: readonly string[], flags: { out: string; reporter: string[]; baseline?: string }, io: CliIo): Promise<number> {
  const unknownReporters = flags.reporter.filter((r) => !isReporterName(r));
  if (unknownReporters.length > 0) throw new UsageError(`unknown reporter ${unknownReporters.join(', ')}`);
  const shards = await Promise.all(files.map((file) => readRun(file, io)));
  const baseline = flags.baseline === undefined ? undefined : await readRun(flags.baseline, io);
  const merged = mergeRuns(shards, rulesByRole('runtime').map((r) => r.id));
  const written = await writeReports(merged, resolve(io.cwd, flags.out), flags.reporter as ReporterName[]);
  return summarise(merged, io, written, baseline);
}

function program(io: CliIo, exit: { code: number }): Command {
  const kit = kitManifest();
  const cmd = new Command('conformance')
    .description(`Checks an actor runtime against the ${kit.name} rules through its adapter and writes reports.`)
    .version(kit.version, '-V, --version', 'print the kit version')
    // Options after `merge` belong to merge (both have --out).
    .enablePositionalOptions()
    .option('-a, --adapter <file|package>', 'adapter module (TypeScript or JavaScript file, or installed package); default: the built-in reference runtime')
    .option('-r, --rules <ids>', 'only these rule IDs or areas, comma-separated (e.g. SUP-07,WATCH)', list)
    .option('-l, --level <levels>', 'only rules of these levels, comma-separated (MUST, SHOULD, MAY)', list)
    .option('-n, --num-runs <n>', 'generated runs per property (default: each property\'s own)', integer('--num-runs', 1))
    .option('-s, --seed <n>', 'seed of every property (default: random, always printed)', integer('--seed', 0))
    .option('--replay <token>', 'rerun exactly the failing case a report gave this token for')
    .addOption(new Option('--timeout <ms>', 'longest one adapter operation may take before its worker is killed').default(10_000).argParser(integer('--timeout', 1)))
    .addOption(new Option('--total-timeout <ms>', 'longest the whole run may take').default(1_800_000).argParser(integer('--total-timeout', 1)))
    .option('-o, --out <dir>', 'folder for the reports', 'reports')
    .option('--reporter <names>', `reports to write, comma-separated (${Object.keys(reporters).join(', ')})`, list)
    .option('--coverage', 'v8 coverage of the implementation under test, as lcov and HTML under <out>/coverage/')
    .option('--baseline <file>', 'a previous conformance.json: fail only on rules that passed in it')
    .option('--shard <i/n>', 'run only shard i of n (merge the JSON reports with `conformance merge`)', parseShard)
    .option('--list-rules', 'list the runtime rules and exit')
    .action(async (flags: RunFlags) => {
      exit.code = await runCommand({ ...flags, reporter: flags.reporter ?? Object.keys(reporters) }, io);
    });
  cmd
    .command('merge')
    .description('merge the conformance.json reports of shards into one set of reports')
    .argument('<files...>', 'conformance.json of each shard')
    .option('-o, --out <dir>', 'folder for the merged reports', 'reports')
    .option('--reporter <names>', 'reports to write, comma-separated', list)
    .option('--baseline <file>', 'exit 1 only on rules that passed in this conformance.json')
    .action(async (files: string[], flags: { out: string; reporter?: string[]; baseline?: string }) => {
      exit.code = await mergeCommand(files, { ...flags, reporter: flags.reporter ?? Object.keys(reporters) }, io);
    });
  for (const c of [cmd, ...cmd.commands]) {
    c.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  return cmd;
}

/**
 * Runs the command line with `argv` (without `node` and the script) and returns the exit
 * code: 0 conforms, 1 some rule failed or errored, 2 bad usage or an adapter that cannot be
 * loaded. Never calls `process.exit`.
 *
 * @public
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const exit = { code: exitCodes.conforms as number };
  try {
    await program(io, exit).parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.conforms : exitCodes.usage;
    if (error instanceof AdapterLoadError || error instanceof UsageError || error instanceof InvalidReplayTokenError || error instanceof ReplayMismatchError || error instanceof MergeError) {
      io.stderr.write(`conformance: ${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}
