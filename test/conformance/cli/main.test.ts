import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './_cliSandbox.js';
import { reportSchemaVersion, type ConformanceRun } from '../../../conformance/report/ConformanceRun.js';

const fixtures = fileURLToPath(new URL('../../fixtures/bad-adapters/', import.meta.url));
const shippedMutant = fileURLToPath(new URL('../../../conformance/mutants/post-stop-on-restart.ts', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/conformance.js', import.meta.url));
const sandbox = cliSandbox('conformance-cli-');
const { cli } = sandbox;

const quick = ['-n', '10', '-s', '7', '--timeout', '2000'];
const readRun = async (folder: string): Promise<ConformanceRun> => JSON.parse(await readFile(sandbox.path(folder, 'conformance.json'), 'utf8')) as ConformanceRun;

describe('conformance command line', () => {
  it('prints help with every option and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const option of ['--adapter', '--rules', '--level', '--num-runs', '--seed', '--replay', '--timeout', '--total-timeout', '--out', '--reporter', '--coverage', '--baseline', '--shard', '--list-rules', '--version', 'merge', 'compare', '--notes', '--require-notes', '--fail-on']) {
      expect(out).toContain(option);
    }
  });

  it('prints its version', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    const { code, out } = await cli('--version');
    expect(code).toBe(0);
    expect(out.trim()).toBe(manifest.version);
  });

  it('lists the rules', async () => {
    const { code, out } = await cli('--list-rules');
    expect(code).toBe(0);
    expect(out).toMatch(/^SUP-07 +MUST +Restart limit/m);
  });

  it('exits 2 on bad usage', async () => {
    expect((await cli('--bogus')).code).toBe(2);
    expect((await cli('--shard', '3/2')).code).toBe(2);
    expect((await cli('--rules', 'NOPE-99')).err).toContain('no rule or area named NOPE-99');
    expect((await cli('--reporter', 'pdf')).code).toBe(2);
    expect((await cli('--replay', 'garbage')).err).toContain('invalid replay token');
  });

  it('exits 2 on a replay token made for another adapter', async () => {
    const token = `acr1.${Buffer.from(JSON.stringify({ family: 'supervision.strategies', adapter: 'someone-else', seed: 1, path: '0' })).toString('base64url')}`;
    const { code, err } = await cli('--replay', token);
    expect(code).toBe(2);
    expect(err).toContain('the replay token is for adapter someone-else, but the loaded adapter is reference-runtime');
  });

  it('exits 2 when the adapter cannot be loaded, naming it', async () => {
    const missing = await cli('--adapter', './missing.ts');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot load adapter ./missing.ts');
    const member = await cli('--adapter', join(fixtures, 'missing-member.ts'));
    expect(member.code).toBe(2);
    expect(member.err).toContain('no `start`');
  });

  it('runs the reference runtime by default, exits 0 and writes the four reports', async () => {
    const { code, out } = await cli(...quick, '--rules', 'LIF,SUP-01', '--out', 'ref');
    expect(code).toBe(0);
    expect(out).toMatch(/^PASS  LIF-01 \[MUST\]/m);
    expect(out).toContain('(seed 7');
    for (const file of ['conformance.json', 'junit.xml', 'conformance.md', 'conformance.html']) await readFile(sandbox.path('ref', file), 'utf8');
    const run = await readRun('ref');
    expect(run).toMatchObject({ schemaVersion: reportSchemaVersion, adapter: { name: 'reference-runtime', source: 'built-in reference runtime' }, seed: 7 });
    expect(run.rules.map((r) => r.id)).toEqual(['LIF-01', 'LIF-02', 'LIF-03', 'LIF-04', 'LIF-05', 'LIF-06', 'LIF-07', 'LIF-08', 'LIF-09', 'LIF-10', 'LIF-11', 'SUP-01']);
    expect(run.totals.failed + run.totals.error).toBe(0);
  });

  it('exits 1 against a shipped mutant and names the failing rules', async () => {
    const { code, out, err } = await cli(...quick, '-n', '40', '--adapter', shippedMutant, '--rules', 'LIF-05,LIF-01', '--out', 'mutant');
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL  LIF-05/m);
    expect(out).toContain('replay token: acr1.');
    expect(err).toContain('not conforming: LIF-05 (failed)');
  });

  it('a hanging adapter ends in a message naming the rule, the adapter and the replay token, and the run goes on', async () => {
    const { code, out, err } = await cli(...quick, '--timeout', '600', '--adapter', join(fixtures, 'sync-loop.ts'), '--rules', 'WATCH-01,LIF-01', '--out', 'hang');
    expect(code).toBe(1);
    expect(out).toMatch(/^ERROR WATCH-01 \[MUST\].*\n +tell\(\) did not return within 600 ms in run \d+ \(adapter loops-on-watch, property watch\.[a-z-]+, seed 7\)/m);
    expect(out).toMatch(/^ +replay token: acr1\.\S+$/m);
    expect(out).toMatch(/^PASS  LIF-01/m);
    expect(err).toContain('not conforming: WATCH-01 (error)');
  });

  it('with a baseline, fails only on rules that passed in it', async () => {
    const args = [...quick, '-n', '40', '--adapter', shippedMutant, '--rules', 'LIF-05,LIF-01'];
    const known = await cli(...args, '--baseline', 'mutant/conformance.json', '--out', 'with-baseline');
    expect(known.code).toBe(0);
    expect(known.out).toContain('not passing in the baseline either');
    const passing = await readRun('mutant');
    const pretendPassed = { ...passing, rules: passing.rules.map(({ counterexample: _c, reason: _r, ...r }) => ({ ...r, status: 'passed' })), totals: { ...passing.totals, passed: passing.rules.length, failed: 0, error: 0, flaky: 0, skipped: 0, unexercised: 0 } };
    await writeFile(sandbox.path('all-passed.json'), JSON.stringify(pretendPassed));
    const regressed = await cli(...args, '--baseline', 'all-passed.json', '--out', 'regressed');
    expect(regressed.code).toBe(1);
    expect(regressed.err).toContain('regressions against the baseline: LIF-05');
  });

  it('splits a run into shards whose JSON reports merge into the whole', async () => {
    const selection = ['--rules', 'STASH', '--reporter', 'json'];
    expect((await cli(...quick, ...selection, '--shard', '1/2', '--out', 'shard1')).code).toBe(0);
    expect((await cli(...quick, ...selection, '--shard', '2/2', '--out', 'shard2')).code).toBe(0);
    const [one, two] = [await readRun('shard1'), await readRun('shard2')];
    expect(one.shard).toEqual({ index: 1, total: 2 });
    expect(one.rules.length + two.rules.length).toBe(6);
    expect(one.rules.some((r) => two.rules.some((s) => s.id === r.id))).toBe(false);
    const merged = await cli('merge', 'shard1/conformance.json', 'shard2/conformance.json', '--out', 'merged');
    expect(merged.code).toBe(0);
    const run = await readRun('merged');
    expect(run.rules.map((r) => r.id)).toEqual(['STASH-01', 'STASH-02', 'STASH-03', 'STASH-04', 'STASH-05', 'STASH-06']);
    expect(run.shard).toBeUndefined();
    expect(run.totals.passed + run.totals.unexercised).toBe(6);
    expect((await cli('merge', 'shard1/conformance.json', 'shard1/conformance.json', '--out', 'bad')).err).toContain('shard 1/2 is given more than once');
    expect((await cli('merge', 'shard1/conformance.json', 'missing.json')).code).toBe(2);
  });

  it('--coverage writes lcov and HTML of the implementation under test, not of the kit, and a summary line', async () => {
    const { code, out } = await cli(...quick, '--rules', 'LIF-01', '--coverage', '--out', 'cov');
    expect(code).toBe(0);
    expect(out).toMatch(/^coverage: \d+\/\d+ lines of the implementation in \d+ files/m);
    const lcov = await readFile(sandbox.path('cov', 'coverage', 'lcov.info'), 'utf8');
    const files = [...lcov.matchAll(/^SF:(.*)$/gm)].map((m) => m[1]!);
    expect(files.some((f) => f.endsWith(join('src', '_internals', 'ActorCell.ts')))).toBe(true);
    expect(files.filter((f) => /[\\/](conformance|spec|node_modules)[\\/]/.test(f))).toEqual([]);
    expect(lcov).toMatch(/^DA:\d+,[1-9]\d*$/m);
    const run = await readRun('cov');
    expect(run.coverage!.lines.covered).toBeGreaterThan(0);
    expect(await readFile(sandbox.path('cov', 'conformance.md'), 'utf8')).toContain('Coverage of the implementation:');
    expect(await readFile(sandbox.path('cov', 'coverage', 'index.html'), 'utf8')).toContain('ActorCell.ts');
  });

  it('the bin runs the command line as a program', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const failed = await promisify(execFile)(process.execPath, [bin, '--adapter', './nowhere.ts'], { cwd: sandbox.dir }).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    expect(failed).toBe(2);
  });
});
