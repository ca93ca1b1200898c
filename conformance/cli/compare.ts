/**
 * `conformance compare`: runs several adapters with one seed and one selection and writes, next
 * to each adapter's own reports, the compatibility matrix (rules down, implementations across).
 *
 * @packageDocumentation
 */
import { randomInt } from 'node:crypto';
import { readFile, rename, writeFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { rules } from '../../spec/index.js';
import { referenceAdapterLocation, resolveAdapter, type AdapterLocation } from '../harness/resolveAdapter.js';
import { compatibilityMatrix, columnKeys, type CompatibilityMatrix } from '../report/CompatibilityMatrix.js';
import { parseCompatibilityNotes, type CompatibilityNotes } from '../report/CompatibilityNotes.js';
import { conforms, type ConformanceRun } from '../report/ConformanceRun.js';
import { renderCompatibilityHtml } from '../report/renderCompatibilityHtml.js';
import { renderCompatibilityMarkdown } from '../report/renderCompatibilityMarkdown.js';
import { reporters, writeReports, type ReporterName } from '../report/writeReports.js';
import { exitCodes } from './_internals/exitCodes.js';
import type { Output } from './_internals/ProgressPrinter.js';
import { checkedSelection } from './_internals/checkedSelection.js';
import { checkOutputFolder } from './_internals/checkOutputFolder.js';
import { runAdapter, summaryLines, withCoverage, type AdapterRun, type RunFlags } from './_internals/runAdapter.js';
import { inline } from './_internals/terminalSafe.js';
import { UsageError } from './_internals/UsageError.js';

/** The options of `compare` (and of the main command given `--adapter` more than once). @public */
export interface CompareFlags extends RunFlags {
  /** What each `--adapter` named, in column order. */
  readonly adapter: readonly string[];
  /** A notes file explaining third-party failures (`docs/compatibility-notes.json`). */
  readonly notes?: string;
  /** Refuse to write anything when a third-party failure has no explanation, or an explanation no failure. */
  readonly requireNotes?: boolean;
  /** Adapters (as given to `--adapter`) whose failures make the command exit 1. */
  readonly failOn?: readonly string[];
}

/** The files the matrix is written to, inside the output folder. @public */
export const compatibilityFiles = { markdown: 'compatibility.md', html: 'compatibility.html' } as const;

/** Where `compare` reads and writes. @public */
export interface CompareIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  readonly tty: boolean;
}

/** One adapter of a comparison after its run. @public */
export interface ComparedAdapter extends AdapterRun {
  /** What `--adapter` named. */
  readonly given: string;
  readonly location: AdapterLocation;
  /** Its report folder inside the output folder (also the matrix column's key). */
  readonly folder: string;
}

/** What {@link runComparison} found: every adapter's run and the matrix of them. @public */
export interface Comparison {
  readonly adapters: readonly ComparedAdapter[];
  readonly matrix: CompatibilityMatrix;
}

/**
 * Checks the flags, runs every adapter in turn with the same seed and selection, and builds the
 * matrix; writes nothing. Throws `UsageError`, `AdapterLoadError` or `CompatibilityNotesError`
 * (all exit code 2), before anything is written.
 *
 * @public
 */
export async function runComparison(flags: CompareFlags, io: CompareIo): Promise<Comparison> {
  if (flags.adapter.length === 0) throw new UsageError('compare needs at least one --adapter (e.g. --adapter reference --adapter ./my-adapter.ts)');
  const { selection } = checkedSelection(flags);
  await checkOutputFolder('--out', flags.out, io.cwd, Object.values(compatibilityFiles).map((name) => ({ name })));
  const unknownFailOn = (flags.failOn ?? []).filter((f) => !flags.adapter.includes(f));
  if (unknownFailOn.length > 0) throw new UsageError(`--fail-on ${unknownFailOn.join(', ')} names no --adapter of this command (give it exactly as after --adapter: ${flags.adapter.join(', ')})`);
  const notes = flags.notes === undefined ? undefined : await readNotes(flags.notes, io.cwd);
  if (flags.requireNotes === true && notes === undefined) throw new UsageError('--require-notes needs --notes <file>');
  // Every adapter is found before any runs, so a typo in the last one costs no time.
  const locations = flags.adapter.map((given) => ({ given, location: resolveAdapter(given, io.cwd) }));
  for (const [i, { given, location }] of locations.entries()) {
    const twin = locations.findIndex((l) => l.location.url === location.url);
    if (twin !== i) throw new UsageError(`--adapter ${locations[twin]!.given} and --adapter ${given} load the same module; give each adapter once`);
  }
  // One seed for all, chosen now, so the columns are comparable and the run repeatable.
  const seed = flags.seed ?? randomInt(2 ** 31);
  const runs: AdapterRun[] = [];
  for (const [i, { given }] of locations.entries()) {
    io.stdout.write(`${i === 0 ? '' : '\n'}== ${given} (${i + 1}/${locations.length}) ==\n`);
    runs.push(await runAdapter(locations[i]!.location, { ...flags, seed }, selection, io));
  }
  const folders = columnKeys(runs.map((r) => r.run.adapter.name));
  const reference = referenceAdapterLocation().url;
  const adapters = runs.map((r, i): ComparedAdapter => ({ ...r, ...locations[i]!, folder: folders[i]! }));
  const matrix = compatibilityMatrix(
    adapters.map((a) => ({
      run: a.run,
      thirdParty: a.location.url !== reference,
      ...(flags.reporter.includes('html') ? { htmlReport: `${a.folder}/${reporters.html.file}` } : {}),
    })),
    { ...(notes !== undefined ? { notes } : {}), requireExplanations: flags.requireNotes === true },
  );
  return { adapters, matrix };
}

async function readNotes(file: string, cwd: string): Promise<CompatibilityNotes> {
  const text = await readFile(resolve(cwd, file), 'utf8').catch((error: unknown) => {
    throw new UsageError(`cannot read the notes file ${file} (${error instanceof Error ? error.message : String(error)})`);
  });
  return parseCompatibilityNotes(text, file, rules.map((r) => r.id));
}

/** Writes a file whole or not at all: a reader never sees half a matrix, and a failed write leaves the old one. */
async function writeWhole(path: string, text: string): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeFile(partial, text, 'utf8');
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * `conformance compare`: exit code 0 when every adapter ran (failures of the runtimes are
 * findings, shown in the matrix), 1 when an adapter named by `--fail-on` has a failed or
 * error rule, 2 on bad usage, an adapter that cannot be loaded or notes that do not match.
 *
 * @public
 */
export async function compareCommand(flags: CompareFlags, io: CompareIo): Promise<number> {
  const { adapters, matrix } = await runComparison(flags, io);
  const outDir = resolve(io.cwd, flags.out);
  // runComparison has checked the reporter names.
  const chosen = flags.reporter as ReporterName[];
  // The folders are named after the adapters, known only now: all are checked before any is written.
  for (const adapter of adapters) await checkOutputFolder('--out', join(flags.out, adapter.folder), io.cwd, chosen.map((name) => ({ name: reporters[name].file })));
  const written: string[] = [];
  const finished: ConformanceRun[] = [];
  for (const adapter of adapters) {
    const dir = join(outDir, adapter.folder);
    const run = await withCoverage(adapter, flags, dir);
    finished.push(run);
    written.push(...(await writeReports(run, dir, chosen)));
  }
  await mkdir(outDir, { recursive: true });
  for (const [file, text] of [
    [compatibilityFiles.markdown, renderCompatibilityMarkdown(matrix)],
    [compatibilityFiles.html, renderCompatibilityHtml(matrix)],
  ] as const) {
    await writeWhole(join(outDir, file), text);
    written.push(join(outDir, file));
  }
  io.stdout.write('\n');
  for (const run of finished) io.stdout.write(summaryLines(run));
  for (const path of written) io.stdout.write(`wrote ${path}\n`);
  const failing = adapters.flatMap((adapter, i) => ((flags.failOn ?? []).includes(adapter.given) && !conforms(finished[i]!) ? [finished[i]!] : []));
  for (const run of failing) {
    const broken = run.rules.filter((r) => r.status === 'failed' || r.status === 'error');
    io.stderr.write(`not conforming: ${inline(run.adapter.name)}: ${broken.map((r) => `${r.id} (${r.status})`).join(', ')}\n`);
  }
  return failing.length > 0 ? exitCodes.failed : exitCodes.conforms;
}
