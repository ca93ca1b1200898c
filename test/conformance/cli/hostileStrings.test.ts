import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from './_cliSandbox.js';
import { schemaProblems } from '../../../conformance/report/reportSchema.js';
import type { ConformanceRun } from '../../../conformance/report/ConformanceRun.js';

const hostile = fileURLToPath(new URL('../../fixtures/bad-adapters/hostile-strings.ts', import.meta.url));
const sandbox = cliSandbox('conformance-hostile-');
const { cli } = sandbox;

/** What must never reach a terminal raw: C0 controls but tab and newline, DEL, C1, and invisible reordering marks. */
const rawControl = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

describe('an adapter that supplies huge strings and control characters', () => {
  it('gets small reports and a readable terminal: every string cut with a marker, no control character raw', async () => {
    const { code, out, err } = await cli('-n', '10', '-s', '7', '--adapter', hostile, '--rules', 'LIF-05,WATCH-01', '--out', 'hostile');
    expect(code).toBe(1);
    expect(out.length).toBeLessThan(200_000);
    expect(out).toContain('… [truncated: ');
    expect(out).not.toMatch(rawControl);
    expect(err).not.toMatch(rawControl);
    // The name and version stay on the summary line, their escapes visible.
    expect(out).toMatch(/^hostile\\u001b\[2J\\u001b\]0;pwned\\u0007\\u000d\\u009b31m\\u202e-strings 1\.0\\u001b\[0m\\u000a: /m);
    for (const file of ['conformance.json', 'junit.xml', 'conformance.md', 'conformance.html']) {
      expect((await stat(sandbox.path('hostile', file))).size).toBeLessThan(500_000);
      // `cat conformance.md` on a terminal must not run the adapter's escape sequences either.
      if (file !== 'conformance.json') expect(await readFile(sandbox.path('hostile', file), 'utf8')).not.toMatch(rawControl);
    }
    const run = JSON.parse(await readFile(sandbox.path('hostile', 'conformance.json'), 'utf8')) as ConformanceRun;
    expect(schemaProblems(run)).toEqual([]);
    const messages = run.rules.flatMap((r) => (r.counterexample === undefined ? [] : [r.counterexample.message]));
    // The adapter's multi-megabyte strings were cut where they entered the kit, saying how long they were.
    expect(messages.some((m) => /\[truncated: \d{7,} characters\]/.test(m))).toBe(true);
  });

  it('a usage error carrying the adapter\'s name is one escaped line', async () => {
    const token = `acr1.${Buffer.from(JSON.stringify({ family: 'lifecycle.start-and-stop', adapter: 'someone-else', seed: 1, path: '0' })).toString('base64url')}`;
    const { code, out, err } = await cli('--adapter', hostile, '--replay', token);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).not.toMatch(rawControl);
    expect(err).toContain('but the loaded adapter is hostile\\u001b[2J');
  });
});
