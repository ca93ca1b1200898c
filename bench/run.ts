// `npm run bench`: one child process per scenario (so one scenario's garbage and JIT state cannot
// colour the next), every implementation of a scenario in that same process, medians of `--runs`.
// Writes reports/bench.json and prints a table of ratios against the peers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ratio, type Implementation, type Measurement } from './scenario.js';
import { scenarios } from './scenarios/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportPath = join(root, 'reports', 'bench.json');

function usage(problem: string): never {
  console.error(`bench: ${problem}\nusage: npm run bench -- [--runs N] [--only ${scenarios.map((s) => s.name).join(',')}]`);
  process.exit(2);
}

function parseArgs(argv: string[]): { runs: number; only: Set<string> | undefined } {
  let runs = 3;
  let only: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--runs') {
      runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1) usage(`--runs takes a whole number >= 1, got '${value}'`);
      i++;
    } else if (flag === '--only') {
      only = new Set((value ?? '').split(',').filter(Boolean));
      const unknown = [...only].filter((name) => !scenarios.some((s) => s.name === name));
      if (unknown.length || !only.size) usage(`--only names unknown scenarios: '${value ?? ''}'`);
      i++;
    } else usage(`unknown argument '${flag}'`);
  }
  return { runs, only };
}

type Entry = Partial<Record<Implementation, number>> & {
  unit: string;
  description: string;
  heapBytesPerUnit?: Partial<Record<Implementation, number>>;
  ratios: Record<string, number>;
  targets: { description: string; met: boolean }[];
  runs: number;
  node: string;
  measuredAt: string;
};

function readExisting(): Record<string, Entry> {
  try {
    return JSON.parse(readFileSync(reportPath, 'utf8')) as Record<string, Entry>;
  } catch {
    return {};
  }
}

const { runs, only } = parseArgs(process.argv.slice(2));
const report = readExisting();
const rows: string[][] = [];

for (const scenario of scenarios) {
  if (only && !only.has(scenario.name)) continue;
  process.stderr.write(`bench: ${scenario.name} (${scenario.description}), ${runs} runs each ...\n`);
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(root, 'bench', 'worker.ts'), scenario.name, String(runs)],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  const lastLine = output.trim().split('\n').at(-1) ?? '';
  const results = JSON.parse(lastLine) as Partial<Record<Implementation, Measurement>>;
  const implementations = Object.keys(results) as Implementation[];
  const ratios: Record<string, number> = {};
  for (const other of implementations.filter((i) => i !== 'ours')) ratios[`ours/${other}`] = ratio(results, other);
  const heap = Object.fromEntries(
    implementations.flatMap((i) => (results[i]?.heapBytesPerUnit === undefined ? [] : [[i, results[i].heapBytesPerUnit]])),
  ) as Partial<Record<Implementation, number>>;
  const targets = (scenario.targets ?? []).map((t) => ({ description: t.description, met: t.met(results) }));
  report[scenario.name] = {
    ...Object.fromEntries(implementations.map((i) => [i, results[i]!.opsPerSecond])),
    unit: scenario.unit,
    description: scenario.description,
    ...(Object.keys(heap).length ? { heapBytesPerUnit: heap } : {}),
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
  }
  for (const t of targets) rows.push([scenario.name, 'target', t.description, '', t.met ? 'met' : 'NOT met']);
}

mkdirSync(dirname(reportPath), { recursive: true });
// Write then rename, so an interrupted run never leaves a torn report behind.
writeFileSync(`${reportPath}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
renameSync(`${reportPath}.tmp`, reportPath);

const header = ['scenario', 'implementation', 'throughput', 'memory', 'ratio'];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
const line = (cells: string[]): string => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
console.log(`\nwritten: ${reportPath}`);
