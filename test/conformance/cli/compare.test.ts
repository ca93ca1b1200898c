import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './_cliSandbox.js';
import type { ConformanceRun } from '../../../conformance/report/ConformanceRun.js';

const mutant = fileURLToPath(new URL('../../../conformance/mutants/post-stop-on-restart.ts', import.meta.url));
const sandbox = cliSandbox('conformance-compare-');
const { cli } = sandbox;

/** The mutant fails LIF-05 within 40 runs at seed 7 (the CLI's exit-1 test relies on that too), the reference passes it. */
const pair = ['-a', 'reference', '-a', mutant, '-s', '7', '-n', '40', '--timeout', '5000', '--rules', 'LIF-05'];

describe('conformance compare', () => {
  it('runs both adapters with one seed, writes their reports in sub-folders and the matrix with the mutant\'s failed cell; --fail-on makes it exit 1', async () => {
    const { code, out, err } = await cli('compare', ...pair, '--fail-on', mutant, '--out', 'pair');
    expect(code).toBe(1);
    expect(err).toContain('not conforming: mutant: post-stop-on-restart: LIF-05 (failed)');
    expect(out).toMatch(/^reference-runtime 0\.1\.0: 1 passed, 0 failed.*\(seed 7,/m);
    expect(out).toMatch(/^mutant: post-stop-on-restart 0\.1\.0: 0 passed, 1 failed.*\(seed 7,/m);
    expect((await readdir(sandbox.path('pair'))).sort()).toEqual(['compatibility.html', 'compatibility.md', 'mutant-post-stop-on-restart', 'reference-runtime']);
    const mutantRun = JSON.parse(await readFile(sandbox.path('pair', 'mutant-post-stop-on-restart', 'conformance.json'), 'utf8')) as ConformanceRun;
    expect(mutantRun.seed).toBe(7);

    const markdown = await readFile(sandbox.path('pair', 'compatibility.md'), 'utf8');
    expect(markdown).toMatch(/^\| LIF-05 \| MUST \| .* \| ✅ passed \| ❌ \[failed\]\(#fail-mutant-post-stop-on-restart-lif-05\) \|$/m);
    expect(markdown).toContain('<a id="fail-mutant-post-stop-on-restart-lif-05"></a>');
    expect(markdown).toContain(`Replay: \`npx actor-conformance --adapter ${mutant} --replay acr1.`);
    const html = await readFile(sandbox.path('pair', 'compatibility.html'), 'utf8');
    expect(html).toContain('<a class="counterexample" href="mutant-post-stop-on-restart/conformance.html#rule-LIF-05">failed</a>');
    expect(await readFile(sandbox.path('pair', 'mutant-post-stop-on-restart', 'conformance.html'), 'utf8')).toContain('id="rule-LIF-05"');
  });

  it('is what the main command does with --adapter given more than once: exit 0 once every adapter ran', async () => {
    const { code, out } = await cli(...pair.map((a) => (a === 'LIF-05' ? 'LIF-01' : a)), '-n', '5', '--reporter', 'json', '--out', 'main');
    expect(code).toBe(0);
    // LIF-01 is a control: the mutant's bug does not touch it.
    expect(await readFile(sandbox.path('main', 'compatibility.md'), 'utf8')).toMatch(/^\| LIF-01 \| MUST \| .* \| ✅ passed \| ✅ passed \|$/m);
    expect(out).toContain('== reference (1/2) ==');
    expect((await readdir(sandbox.path('main'))).sort()).toEqual(['compatibility.html', 'compatibility.md', 'mutant-post-stop-on-restart', 'reference-runtime']);
    expect(await readdir(sandbox.path('main', 'reference-runtime'))).toEqual(['conformance.json']);
  });

  it('refuses an unexplained third-party failure with exit 2, naming it, and writes nothing', async () => {
    await writeFile(sandbox.path('notes.json'), JSON.stringify({ 'someone else': { 'LIF-05': { verdict: 'bug', sentence: 'Not this one.' } } }));
    await mkdir(sandbox.path('kept'));
    await writeFile(sandbox.path('kept', 'compatibility.md'), 'an earlier matrix');
    // One adapter is enough here (a one-column matrix), and saves starting a second worker.
    const { code, err } = await cli('compare', ...pair.slice(2), '--notes', 'notes.json', '--require-notes', '--out', 'kept');
    expect(code).toBe(2);
    expect(err).toContain('1 failure(s) of third-party runtimes have no explanation');
    expect(err).toContain('mutant: post-stop-on-restart › LIF-05 (failed): after ');
    expect(await readdir(sandbox.path('kept'))).toEqual(['compatibility.md']);
    expect(await readFile(sandbox.path('kept', 'compatibility.md'), 'utf8')).toBe('an earlier matrix');
  });

  it('exits 2 on bad input before running anything, saying what is wrong and how to fix it', async () => {
    const cases: [string[], string][] = [
      [['compare', '-a', 'reference', '-a', './missing-adapter.ts'], 'cannot load adapter ./missing-adapter.ts: no file at'],
      [['compare', '-a', 'reference', '-a', mutant, '--fail-on', 'nact'], '--fail-on nact names no --adapter of this command'],
      [['compare', '-a', mutant, '-a', mutant.replace(/\.ts$/, '')], 'load the same module; give each adapter once'],
      [['compare', '-a', 'reference', '--notes', 'missing-notes.json'], 'cannot read the notes file missing-notes.json'],
      [['compare', '-a', 'reference', '--require-notes'], '--require-notes needs --notes <file>'],
      [['compare', '-a', 'reference', '--rules', 'NOPE-1'], 'no rule or area named NOPE-1'],
      [['-a', 'reference', '-a', mutant, '--baseline', 'x.json'], '--baseline applies to one adapter; with several --adapter the command compares them'],
      [['-a', mutant, '--fail-on', mutant], '--fail-on applies when comparing adapters: give --adapter more than once'],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await cli(...argv, '--out', 'never');
      expect({ argv, code, err }).toEqual({ argv, code: 2, err: expect.stringContaining(message) });
    }
    await writeFile(sandbox.path('bad-notes.json'), '{"nact": {"LIF-04": {"verdict": "maybe", "sentence": "A."}}}');
    expect((await cli('compare', '-a', 'reference', '--notes', 'bad-notes.json', '--out', 'never')).err).toContain('bad-notes.json: "nact" › "LIF-04" has verdict "maybe"');
    expect((await cli('compare', '--out', 'never')).code).toBe(2);
    await expect(readdir(sandbox.path('never'))).rejects.toThrow(/ENOENT/);
  });
});
