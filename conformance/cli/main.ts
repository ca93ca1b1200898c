/**
 * The `conformance` command line (also shipped as `actor-conformance`).
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { roleOf, rules } from '../../spec/index.js';
import { InvalidReplayTokenError } from '../engine/ReplayToken.js';
import { AdapterLoadError } from '../harness/AdapterLoadError.js';
import { ReplayMismatchError } from '../harness/ReplayMismatchError.js';
import { SelectionError } from '../harness/SelectionError.js';
import { referenceAdapterLocation, resolveAdapter } from '../harness/resolveAdapter.js';
import { suiteProperties } from '../harness/runSuite.js';
import { regressionsAgainst } from '../report/baseline.js';
import { CompatibilityNotesError } from '../report/CompatibilityNotes.js';
import { conforms, type ConformanceRun } from '../report/ConformanceRun.js';
import { MergeError, mergeRuns, missingShards } from '../report/mergeRuns.js';
import { InvalidReportError, parseReport } from '../report/parseReport.js';
import { truncated } from '../report/reportSchema.js';
import { isReporterName, reporters, ReportWriteError, writeReports, type ReporterName } from '../report/writeReports.js';
import { compareCommand, type CompareFlags } from './compare.js';
import { registerCheckAdapter } from './checkAdapter.js';
import { registerInit } from './init.js';
import { exitCodes } from './_internals/exitCodes.js';
import { kitManifest } from './_internals/kitManifest.js';
import { defaultPatienceMs } from '../_internals/patience.js';
import type { Output } from './_internals/ProgressPrinter.js';
import { checkedSelection, chosenReporters } from './_internals/checkedSelection.js';
import { checkOutputFolder } from './_internals/checkOutputFolder.js';
import { runAdapter, summaryLines, withCoverage, type RunFlags } from './_internals/runAdapter.js';
import { terminalSafe } from './_internals/terminalSafe.js';
import { UsageError } from './_internals/UsageError.js';

export { exitCodes } from './_internals/exitCodes.js';

/** Where the command line reads and writes; the real process by default, fakes in tests. @public */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  /** Whether stdout is a terminal (progress lines overwrite themselves). */
  readonly tty: boolean;
}

const integer = (what: string, min: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${what} must be an integer ≥ ${min}`);
  return n;
};

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s.length > 0)];

/** For options given once per value (adapter paths may hold commas). */
const repeated = (value: string, previous: string[] = []): string[] => [...previous, value];

function parseShard(value: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) throw new InvalidArgumentError('expected <i>/<n> with 1 ≤ i ≤ n, e.g. 2/4');
  return { index, total };
}

interface MainFlags extends RunFlags {
  adapter?: string[];
  replay?: string;
  baseline?: string;
  shard?: { index: number; total: number };
  listRules?: boolean;
  notes?: string;
  requireNotes?: boolean;
  failOn?: string[];
}

function listRules(out: Output): void {
  const properties = suiteProperties();
  for (const rule of rules) {
    const checked = properties.some((f) => f.rules.includes(rule.id)) ? '' : '  (no property yet)';
    const plugin = roleOf(rule) === 'store' ? '  (store plugin)' : '';
    out.write(`${rule.id.padEnd(9)} ${rule.level.padEnd(6)} ${rule.title}${plugin}${checked}\n`);
  }
}

/** Options that only make sense when comparing several adapters, and options that make no sense then. */
const compareOnly = { notes: '--notes', requireNotes: '--require-notes', failOn: '--fail-on' } as const;
const singleOnly = { replay: '--replay', baseline: '--baseline', shard: '--shard' } as const;

async function runCommand(flags: MainFlags, io: CliIo): Promise<number> {
  if (flags.listRules) {
    listRules(io.stdout);
    return exitCodes.conforms;
  }
  const adapters = flags.adapter ?? [];
  if (adapters.length > 1) {
    const conflicting = Object.entries(singleOnly).filter(([key]) => flags[key as keyof typeof singleOnly] !== undefined).map(([, option]) => option);
    if (conflicting.length > 0) throw new UsageError(`${conflicting.join(', ')} applies to one adapter; with several --adapter the command compares them (see \`conformance compare --help\`)`);
    return compareCommand({ ...flags, adapter: adapters } as CompareFlags, io);
  }
  const misplaced = Object.entries(compareOnly).filter(([key]) => flags[key as keyof typeof compareOnly] !== undefined).map(([, option]) => option);
  if (misplaced.length > 0) throw new UsageError(`${misplaced.join(', ')} applies when comparing adapters: give --adapter more than once, or use \`conformance compare\``);
  const { selection, reporters: chosen } = checkedSelection(flags, {
    ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
    ...(flags.replay !== undefined ? { replay: flags.replay } : {}),
  });
  await checkOutputFolder('--out', flags.out, io.cwd, reportEntries(chosen, flags.coverage === true));
  const baseline = flags.baseline === undefined ? undefined : await readRun(flags.baseline, io);
  const [adapter] = adapters;
  const location = adapter === undefined ? referenceAdapterLocation() : resolveAdapter(adapter, io.cwd);
  const outDir = resolve(io.cwd, flags.out);
  const run = await withCoverage(await runAdapter(location, flags, selection, io), flags, outDir);
  const written = await writeReports(run, outDir, chosen);
  return summarise(run, io, written, baseline);
}

/** The files and folders a run writes into its output folder. */
function reportEntries(chosen: readonly ReporterName[], coverage: boolean): { name: string; folder?: boolean }[] {
  return [...chosen.map((name) => ({ name: reporters[name].file })), ...(coverage ? [{ name: 'coverage', folder: true }] : [])];
}

function summarise(run: ConformanceRun, io: CliIo, written: readonly string[], baseline: ConformanceRun | undefined): number {
  io.stdout.write(`\n${summaryLines(run)}`);
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

/** Reads a `conformance.json` named on the command line, checked against the report schema, this kit and its registry. */
async function readRun(file: string, io: CliIo): Promise<ConformanceRun> {
  const text = await readFile(resolve(io.cwd, file), 'utf8').catch((error: unknown) => {
    throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  });
  const kit = kitManifest();
  return parseReport(text, file, { kit: { name: kit.name, version: kit.version }, ruleIds: rules.map((r) => r.id) });
}

interface MergeFlags {
  out: string;
  reporter: string[];
  baseline?: string;
  allowPartial?: boolean;
}

async function mergeCommand(files: readonly string[], flags: MergeFlags, io: CliIo): Promise<number> {
  const unknownReporters = flags.reporter.filter((r) => !isReporterName(r));
  if (unknownReporters.length > 0) throw new UsageError(`unknown reporter ${unknownReporters.join(', ')} (choose from ${Object.keys(reporters).join(', ')})`);
  const chosen = flags.reporter as ReporterName[];
  await checkOutputFolder('--out', flags.out, io.cwd, reportEntries(chosen, false));
  const shards = await Promise.all(files.map((file) => readRun(file, io)));
  const baseline = flags.baseline === undefined ? undefined : await readRun(flags.baseline, io);
  const merged = mergeRuns(shards, rules.map((r) => r.id), { allowPartial: flags.allowPartial === true });
  const missing = missingShards(shards);
  if (missing.length > 0) io.stderr.write(`conformance merge: partial merge: shard ${missing.join(', ')} missing, ${missing.length === 1 ? 'its' : 'their'} rules are absent from the reports\n`);
  const written = await writeReports(merged, resolve(io.cwd, flags.out), chosen);
  return summarise(merged, io, written, baseline);
}

/** The options of every run of the suite, shared by the main command and `compare`. */
function withRunOptions(cmd: Command): Command {
  return cmd
    .option('-r, --rules <ids>', 'only these rule IDs or areas, comma-separated (e.g. SUP-07,WATCH)', list)
    .option('-l, --level <levels>', 'only rules of these levels, comma-separated (MUST, SHOULD, MAY)', list)
    .option('-n, --num-runs <n>', 'generated runs per property (default: each property\'s own)', integer('--num-runs', 1))
    .option('-s, --seed <n>', 'seed of every property (default: random, always printed)', integer('--seed', 0))
    .addOption(new Option('--timeout <ms>', 'longest one adapter operation may take before its worker is killed').default(10_000).argParser(integer('--timeout', 1)))
    .addOption(new Option('--total-timeout <ms>', 'longest the whole run may take (per adapter)').default(1_800_000).argParser(integer('--total-timeout', 1)))
    .option('--patience <ms>', `real milliseconds of quiet after which a runtime without settle() counts as idle and a store's live query as caught up (default ${defaultPatienceMs})`, integer('--patience', 1))
    .option('-o, --out <dir>', 'folder for the reports', 'reports')
    .option('--reporter <names>', `reports to write, comma-separated (${Object.keys(reporters).join(', ')})`, list)
    .option('--coverage', 'v8 coverage of the implementation under test, as lcov and HTML under <out>/coverage/');
}

/** The options that only comparing several adapters takes. */
function withCompareOptions(cmd: Command): Command {
  return cmd
    .option('--notes <file>', 'when comparing: explanations of third-party failures (JSON, see docs/command-line.md)')
    .option('--require-notes', 'when comparing: refuse (exit 2, nothing written) if a third-party failure has no explanation or an explanation no failure')
    .option('--fail-on <adapter>', 'when comparing: exit 1 if this adapter (as given to --adapter) fails a rule; repeatable', repeated);
}

function program(io: CliIo, exit: { code: number }): Command {
  const kit = kitManifest();
  const cmd = new Command('conformance')
    .description(`Checks an actor runtime (through its adapter) or a durable-state store (through its plugin) against the ${kit.name} rules and writes reports.`)
    .version(kit.version, '-V, --version', 'print the kit version')
    // Options after a subcommand belong to it (they share --out and more).
    .enablePositionalOptions()
    .option('-a, --adapter <file|package>', 'adapter module: a runtime adapter or a store plugin (TypeScript or JavaScript file, or installed package; `reference` is the built-in reference runtime with its default store, also the default); more than once: compare them', repeated);
  withRunOptions(cmd)
    .option('--replay <token>', 'rerun exactly the failing case a report gave this token for')
    .option('--baseline <file>', 'a previous conformance.json: fail only on rules that passed in it')
    .option('--shard <i/n>', 'run only shard i of n (merge the JSON reports with `conformance merge`)', parseShard)
    .option('--list-rules', 'list the rules (runtime rules, then the STORE and TAG rules of store plugins) and exit');
  withCompareOptions(cmd).action(async (flags: MainFlags) => {
    exit.code = await runCommand({ ...flags, reporter: chosenReporters(flags.reporter) }, io);
  });
  const compare = cmd
    .command('compare')
    .description('run several adapters with one seed and write each one\'s reports plus the compatibility matrix (compatibility.md, compatibility.html)')
    .requiredOption('-a, --adapter <file|package>', 'an adapter to compare (`reference` for the built-in reference runtime); give it once per adapter', repeated);
  withCompareOptions(withRunOptions(compare)).action(async (flags: Omit<CompareFlags, 'reporter'> & { reporter?: string[] }) => {
    exit.code = await compareCommand({ ...flags, reporter: chosenReporters(flags.reporter) }, io);
  });
  cmd
    .command('merge')
    .description('merge the conformance.json reports of shards into one set of reports')
    .argument('<files...>', 'conformance.json of each shard')
    .option('-o, --out <dir>', 'folder for the merged reports', 'reports')
    .option('--reporter <names>', 'reports to write, comma-separated', list)
    .option('--baseline <file>', 'exit 1 only on rules that passed in this conformance.json')
    .option('--allow-partial', 'merge even when shards of the split are missing (by default an incomplete set is refused)')
    .action(async (files: string[], flags: Omit<MergeFlags, 'reporter'> & { reporter?: string[] }) => {
      exit.code = await mergeCommand(files, { ...flags, reporter: chosenReporters(flags.reporter) }, io);
    });
  registerInit(cmd, io, exit);
  registerCheckAdapter(cmd, io, exit);
  for (const c of [cmd, ...cmd.commands]) {
    c.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  return cmd;
}

/**
 * Runs the command line with `argv` (without `node` and the script) and returns the exit
 * code: 0 conforms, 1 some rule failed or errored, 2 bad usage or an adapter that cannot be
 * loaded. Comparing adapters (`compare`, or `--adapter` more than once) exits 0 once every
 * adapter ran, 1 only for the adapters named by `--fail-on`. Never calls `process.exit`.
 *
 * @public
 */
export async function main(argv: readonly string[], given: CliIo): Promise<number> {
  const io: CliIo = { ...given, stdout: terminalSafe(given.stdout), stderr: terminalSafe(given.stderr) };
  const exit = { code: exitCodes.conforms as number };
  try {
    await program(io, exit).parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.conforms : exitCodes.usage;
    if (
      error instanceof AdapterLoadError ||
      error instanceof UsageError ||
      error instanceof InvalidReplayTokenError ||
      error instanceof ReplayMismatchError ||
      error instanceof SelectionError ||
      error instanceof MergeError ||
      error instanceof InvalidReportError ||
      error instanceof ReportWriteError ||
      error instanceof CompatibilityNotesError
    ) {
      // One line, however much adapter text the message carries.
      io.stderr.write(`conformance: ${truncated(error.message.replace(/\s*\n\s*/g, ' '), 2000)}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}
