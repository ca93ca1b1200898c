import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './_cliSandbox.js';
import type { ConformanceRun } from '../../../conformance/report/ConformanceRun.js';

const bin = fileURLToPath(new URL('../../../bin/conformance.js', import.meta.url));
const shippedMutant = fileURLToPath(new URL('../../../conformance/mutants/post-stop-on-restart.ts', import.meta.url));
const hangsOnWatch = fileURLToPath(new URL('../../fixtures/bad-adapters/sync-loop.ts', import.meta.url));
const sandbox = cliSandbox('conformance-pipe-');

/** Runs the real command in a shell whose stdout is piped into `head -1`, under `pipefail`, as a CI step would; returns the pipeline's status. */
async function pipedIntoHead(args: string[], out: string, stderr: '2>/dev/null' | '2>&1' = '2>/dev/null'): Promise<{ status: number; firstLine: string }> {
  const quoted = [process.execPath, bin, ...args, '--out', out].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `set -o pipefail; ${quoted} ${stderr} | head -1; echo "status=$?"`;
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: sandbox.dir });
  const status = Number(/status=(\d+)/.exec(stdout)?.[1]);
  return { status, firstLine: stdout.split('\n')[0]! };
}

describe('output cut short by a closed pipe', () => {
  it('a run whose first line is an error printed mid-run, piped into head -1, exits 1 under pipefail and writes its reports', async () => {
    // Every watch property hangs (error after 600 ms each) and each verdict is printed as soon as
    // it is final, so the pipe is closed more than a second before the run ends.
    const { status, firstLine } = await pipedIntoHead(['-n', '10', '-s', '7', '--timeout', '600', '--adapter', hangsOnWatch, '--rules', 'WATCH'], 'piped-error');
    expect(firstLine).toMatch(/^ERROR WATCH-01/);
    expect(status).toBe(1);
    const run = JSON.parse(await readFile(sandbox.path('piped-error', 'conformance.json'), 'utf8')) as ConformanceRun;
    expect(run.rules.map((r) => [r.id, r.status])).toContainEqual(['WATCH-01', 'error']);
  });

  it('with stderr in the same closed pipe, the run still exits 1 and writes its reports', async () => {
    const { status, firstLine } = await pipedIntoHead(['-n', '10', '-s', '7', '--timeout', '600', '--adapter', hangsOnWatch, '--rules', 'WATCH'], 'piped-both', '2>&1');
    expect(firstLine).toMatch(/^ERROR WATCH-01/);
    expect(status).toBe(1);
    await readFile(sandbox.path('piped-both', 'conformance.json'), 'utf8');
  });

  it('a failing run piped into head -1 still exits 1 under pipefail and writes its reports', async () => {
    // Many steps and a long summary are printed after the first line: the pipe is closed long before the run ends.
    const { status, firstLine } = await pipedIntoHead(['-n', '40', '-s', '7', '--timeout', '2000', '--adapter', shippedMutant, '--rules', 'LIF-05,LIF-01,LIF-02,LIF-03'], 'piped-failing');
    expect(firstLine).toMatch(/^(PASS|FAIL) +LIF-0/);
    expect(status).toBe(1);
    const run = JSON.parse(await readFile(sandbox.path('piped-failing', 'conformance.json'), 'utf8')) as ConformanceRun;
    expect(run.rules.find((r) => r.id === 'LIF-05')?.status).toBe('failed');
    await readFile(sandbox.path('piped-failing', 'conformance.html'), 'utf8');
  });

  it('a conforming run piped into head -1 exits 0 and writes its reports', async () => {
    const { status } = await pipedIntoHead(['-n', '5', '-s', '7', '--rules', 'LIF-01,LIF-02,LIF-03'], 'piped-passing');
    expect(status).toBe(0);
    await readFile(sandbox.path('piped-passing', 'conformance.json'), 'utf8');
  });
});
