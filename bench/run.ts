// `npm run bench`: one child process per scenario (so one scenario's garbage and JIT state cannot
// colour the next), every implementation of a scenario in that same process, medians of `--runs`.
// Writes reports/bench.json and prints a table of ratios against the peers. Then the suite's own
// figures (bench/suite/): a full conformance run's wall time and how each shipped mutant is caught.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ratio, type Implementation, type Measurement, type Skipped } from './scenario.js';
import { scenarios } from './scenarios/index.js';
import type { SuiteFigures } from './suite/measure.js';
import { fullRunTable, mutantTable, oracleTable, variantTable } from './suite/table.js';
import { formatTable } from './table.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportPath = join(root, 'reports', 'bench.json');

/** The section with the suite's own figures; selectable with `--only` like a scenario. */
const suiteSection = 'suite';
const sectionNames = [...scenarios.map((s) => s.name), suiteSection];

function usage(problem: string): never {
  console.error(`bench: ${problem}\nusage: npm run bench -- [--runs N] [--seeds N] [--only ${sectionNames.join(',')}]`);
  process.exit(2);
}

function wholeNumber(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usage(`${flag} takes a whole number >= 1, got '${value}'`);
  return n;
}

function parseArgs(argv: string[]): { runs: number; seeds: number; only: Set<string> | undefined } {
  let runs = 3;
  let seeds = 9;
  let only: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--runs') {
      runs = wholeNumber(flag, value);
      i++;
    } else if (flag === '--seeds') {
      seeds = wholeNumber(flag, value);
      i++;
    } else if (flag === '--only') {
      only = new Set((value ?? '').split(',').filter(Boolean));
      const unknown = [...only].filter((name) => !sectionNames.includes(name));
      if (unknown.length || !only.size) usage(`--only names unknown sections: '${value ?? ''}'`);
      i++;
    } else usage(`unknown argument '${flag}'`);
  }
  return { runs, seeds, only };
}

type Entry = Partial<Record<Implementation, number>> & {
  unit: string;
  description: string;
  heapBytesPerUnit?: Partial<Record<Implementation, number>>;
  figures?: Partial<Record<Implementation, Readonly<Record<string, number>>>>;
  ratios: Record<string, number>;
  targets: { description: string; met: boolean }[];
  runs: number;
  node: string;
  measuredAt: string;
};

/** The suite section of bench.json. */
type SuiteEntry = SuiteFigures & { description: string; runs: number; node: string; measuredAt: string };

function readExisting(): Record<string, Entry | SuiteEntry> {
  try {
    return JSON.parse(readFileSync(reportPath, 'utf8')) as Record<string, Entry | SuiteEntry>;
  } catch {
    return {};
  }
}

/** Runs a bench script in its own node process and returns the JSON of its last stdout line. */
function runInChild<T>(script: string, args: readonly string[]): T {
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '') as T;
}

const { runs, seeds, only } = parseArgs(process.argv.slice(2));
const report = readExisting();
const rows: string[][] = [];

for (const scenario of scenarios) {
  if (only && !only.has(scenario.name)) continue;
  process.stderr.write(`bench: ${scenario.name} (${scenario.description}), ${runs} runs each ...\n`);
  const outcome = runInChild<Partial<Record<Implementation, Measurement>> | Skipped>('worker.ts', [scenario.name, String(runs)]);
  if ('skipped' in outcome) {
    // Nothing measured: the figures of an earlier run, if any, stay in bench.json as they were.
    process.stderr.write(`bench: ${scenario.name} skipped: ${outcome.skipped}\n`);
    rows.push([scenario.name, 'skipped', outcome.skipped, '', '']);
    continue;
  }
  const results = outcome;
  const implementations = Object.keys(results) as Implementation[];
  const ratios: Record<string, number> = {};
  for (const other of implementations.filter((i) => i !== 'ours')) ratios[`ours/${other}`] = ratio(results, other);
  const heap = Object.fromEntries(
    implementations.flatMap((i) => (results[i]?.heapBytesPerUnit === undefined ? [] : [[i, results[i].heapBytesPerUnit]])),
  ) as Partial<Record<Implementation, number>>;
  const figures = Object.fromEntries(implementations.flatMap((i) => (results[i]?.figures === undefined ? [] : [[i, results[i].figures]]))) as Entry['figures'];
  const targets = (scenario.targets ?? []).map((t) => ({ description: t.description, met: t.met(results) }));
  report[scenario.name] = {
    ...Object.fromEntries(implementations.map((i) => [i, results[i]!.opsPerSecond])),
    unit: scenario.unit,
    description: scenario.description,
    ...(Object.keys(heap).length ? { heapBytesPerUnit: heap } : {}),
    ...(Object.keys(figures ?? {}).length ? { figures } : {}),
    ratios,
    targets,
    runs,
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  for (const implementation of implementations) {
    const m = results[implementation]!;
    rows.push([
      scenario.name,
      implementation,
      `${Math.round(m.opsPerSecond).toLocaleString('en-US')} ${scenario.unit}`,
      m.heapBytesPerUnit === undefined ? '' : `${Math.round(m.heapBytesPerUnit)} B/unit`,
      implementation === 'ours' ? '' : `ours is ${ratio(results, implementation).toFixed(2)}x`,
    ]);
    for (const [name, value] of Object.entries(m.figures ?? {})) rows.push([scenario.name, implementation, `${name}: ${value.toFixed(2)}`, '', '']);
  }
  for (const t of targets) rows.push([scenario.name, 'target', t.description, '', t.met ? 'met' : 'NOT met']);
}

let suite: SuiteFigures | undefined;
if (!only || only.has(suiteSection)) {
  process.stderr.write(`bench: suite (full conformance run x${runs}, each shipped mutant at ${seeds} seeds) ...\n`);
  suite = runInChild<SuiteFigures>(join('suite', 'worker.ts'), [String(runs), String(seeds)]);
  report[suiteSection] = {
    description: `the suite's own figures: a full run against the reference runtime and the shipped stores (median of ${runs}); each shipped mutant checked by a full run at seeds 1-${seeds}: caught by its rules, and nothing else blamed; the default run against the reference judged by the full oracle beside a baseline with every model search cut to the reference runtime's one order (the verdict path before the freedoms), at seeds 1-${Math.min(seeds, Math.max(runs, 1))} in turns, with the ratio (target at most 2x) and the rules that lost exercised runs; each shipped legal variant at full depth at seeds 1-${Math.min(seeds, 2)}, where it must fail nothing`,
    ...suite,
    runs,
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
}

mkdirSync(dirname(reportPath), { recursive: true });
// Write then rename, so an interrupted run never leaves a torn report behind.
writeFileSync(`${reportPath}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
renameSync(`${reportPath}.tmp`, reportPath);

if (rows.length) console.log(`${formatTable(['scenario', 'implementation', 'throughput', 'memory', 'ratio'], rows)}\n`);
if (suite) {
  for (const table of [fullRunTable(suite), oracleTable(suite), mutantTable(suite), variantTable(suite)]) console.log(`${formatTable(table.header, table.rows)}\n`);
}
console.log(`written: ${reportPath}`);
