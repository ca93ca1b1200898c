/**
 * `npm run mutation [-- <stryker options>]`: runs Stryker with `stryker.config.mjs` (the
 * conformance suite against the mutated runtime core), then writes the per-rule table
 * `reports/mutation/rules.md` and `rules.json` beside Stryker's own html and json reports.
 *
 * Stryker's incremental mode reuses earlier verdicts when neither the mutated code nor the
 * mutation entry changed. It cannot see the rest of what decides a verdict (the suite in
 * `conformance/` and `spec/`, the runtime code it does not mutate), so this script fingerprints
 * those and forces a full run when they changed since the last one.
 *
 * @packageDocumentation
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import { runtimeProperties } from '../../conformance/engine/runtimeProperties.js';
import { rulesByRole } from '../../spec/index.js';
import { mutationSeed } from './familyTests.js';
import { globToRegExp } from './globToRegExp.js';
import { buildMutationTable, renderMutationTable, type MutationReport } from './rulesTable.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const outDir = join(root, 'reports', 'mutation');
const fingerprintFile = join(outDir, 'suite-fingerprint.txt');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

/** A hash of everything that decides a verdict but that Stryker's incremental mode does not track. */
function suiteFingerprint(mutate: readonly string[]): string {
  const mutated = mutate.map(globToRegExp);
  const hash = createHash('sha256');
  const tracked = ['conformance', 'spec', 'src', 'test/mutation', 'scripts/mutation'].flatMap((d) => filesUnder(join(root, d)));
  for (const file of [...tracked, join(root, 'stryker.config.mjs'), join(root, 'vitest.mutation.config.ts')]) {
    const path = relative(root, file).split(sep).join('/');
    if (mutated.some((pattern) => pattern.test(path))) continue; // Stryker diffs these itself
    hash.update(path).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // --report-only: rebuild the table from the last Stryker report without running Stryker.
  if (args.includes('--report-only')) {
    writeTable({ date: new Date().toISOString(), commit: currentCommit(), seed: mutationSeed, wallSeconds: undefined, incremental: undefined });
    return 0;
  }
  const strykerArgs = args;
  const config = ((await import(new URL('../../stryker.config.mjs', import.meta.url).href)) as { default: { mutate: string[] } }).default;
  mkdirSync(outDir, { recursive: true });
  const fingerprint = suiteFingerprint(config.mutate);
  const previous = existsSync(fingerprintFile) ? readFileSync(fingerprintFile, 'utf8').trim() : undefined;
  const force = previous !== fingerprint && !strykerArgs.includes('--force');
  if (force) console.log('mutation: the suite or the unmutated runtime changed since the last run; running every mutant (--force)');

  // The commit measured is the one Stryker copies at the start; HEAD may move during a long run.
  const commit = currentCommit();
  const started = performance.now();
  const stryker = spawnSync(join(root, 'node_modules', '.bin', 'stryker'), ['run', ...(force ? ['--force'] : []), ...strykerArgs], {
    cwd: root,
    stdio: 'inherit',
  });
  const wallSeconds = Math.round((performance.now() - started) / 1000);
  if (stryker.status !== 0) {
    console.error(`mutation: stryker exited with ${stryker.status ?? stryker.signal}`);
    return stryker.status ?? 1;
  }
  writeFileSync(fingerprintFile, `${fingerprint}\n`);

  const run = { date: new Date().toISOString(), commit, seed: mutationSeed, wallSeconds, incremental: !force && !strykerArgs.includes('--force') };
  writeTable(run);
  return 0;
}

/** What the table's heading says about the run it was built from. */
interface RunFacts {
  readonly date: string;
  readonly commit: string;
  readonly seed: number;
  /** Undefined when the table was rebuilt from an earlier report. */
  readonly wallSeconds: number | undefined;
  readonly incremental: boolean | undefined;
}

function currentCommit(): string {
  return spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || 'unknown';
}

/** Builds rules.md and rules.json from Stryker's mutation.json. */
function writeTable(run: RunFacts): void {
  const report = JSON.parse(readFileSync(join(outDir, 'mutation.json'), 'utf8')) as MutationReport;
  const families = runtimeProperties(referenceRuntimeAdapter).map((p) => ({ id: p.id, rules: p.rules }));
  const table = buildMutationTable(report, families, rulesByRole('runtime'));
  writeFileSync(join(outDir, 'rules.json'), `${JSON.stringify({ run, ...table }, null, 2)}\n`);
  const timing = run.wallSeconds === undefined ? 'rebuilt from the last report' : `${run.wallSeconds} s wall${run.incremental ? ' (incremental: earlier verdicts reused)' : ''}`;
  const heading = [
    `Run ${run.date} at commit ${run.commit}, seed ${run.seed}, ${timing}.`,
    `Mutation score on the core ${table.core.score.toFixed(1)} % (target 90 %; ${table.core.strictScore.toFixed(1)} % counting the ${table.core.unspecified} unspecified mutants as survivors), ${table.overall.score.toFixed(1)} % on every mutated file (${table.overall.coveredScore.toFixed(1)} % of covered mutants). Stryker's own report: mutation.html.`,
  ];
  writeFileSync(join(outDir, 'rules.md'), renderMutationTable(table, heading));
  console.log(
    `mutation: core ${table.core.score.toFixed(1)} % (target 90 %; strict ${table.core.strictScore.toFixed(1)} %), all files ${table.overall.score.toFixed(1)} %, covered ${table.overall.coveredScore.toFixed(1)} %; table in reports/mutation/rules.md`,
  );
}

process.exitCode = await main();
