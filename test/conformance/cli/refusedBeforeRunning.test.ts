import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox, type CliResult } from './_cliSandbox.js';
import { kitManifest } from '../../../conformance/cli/_internals/kitManifest.js';
import { reportSchemaVersion, totalsOf, type ConformanceRun } from '../../../conformance/report/ConformanceRun.js';

const bin = fileURLToPath(new URL('../../../bin/conformance.js', import.meta.url));
const sandbox = cliSandbox('conformance-refused-');
const { cli } = sandbox;
const quick = ['-n', '5', '-s', '7', '--timeout', '2000'];

/** Bad usage: exit 2, one line on stderr, and no rule ran (nothing printed on stdout). */
function expectRefused(result: CliResult, message: string | RegExp): void {
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  if (typeof message === 'string') expect(result.err).toContain(message);
  else expect(result.err).toMatch(message);
}

const token = (data: Record<string, unknown>): string => `acr1.${Buffer.from(JSON.stringify(data)).toString('base64url')}`;

describe('selections that hold no rule', () => {
  it('refuses --rules and --level given with nothing in them instead of running everything', async () => {
    expectRefused(await cli('--rules', ','), 'the selection holds no rule');
    expectRefused(await cli('--rules', ' , ,'), '--rules given with nothing in it');
    expectRefused(await cli('--rules', ''), 'the selection holds no rule');
    expectRefused(await cli('--level', ''), '--level given with nothing in it');
    expectRefused(await cli('--level', ',,'), 'the selection holds no rule');
    expectRefused(await cli('--reporter', ','), '--reporter given with nothing in it');
    expectRefused(await cli('compare', '-a', 'reference', '--reporter', ' '), '--reporter given with nothing in it');
    expectRefused(await cli('compare', '-a', 'reference', '--rules', ','), 'the selection holds no rule');
    expectRefused(await cli('-a', 'reference', '-a', 'conformance/adapters/nact.ts', '--level', ' '), 'the selection holds no rule');
    expectRefused(await cli('merge', 'x.json', '--reporter', ','), 'no report to write');
  });

  it('refuses selections that filter every rule away', async () => {
    expectRefused(await cli('--rules', 'STASH', '--level', 'MAY'), 'the selection holds no rule');
    expectRefused(await cli('--rules', 'LIF-01', '--shard', '2/2'), 'the selection holds no rule');
  });
});

describe('replay tokens', () => {
  const good = { family: 'lifecycle.start-and-stop', adapter: 'reference-runtime', seed: 7, path: '0' };

  it('a malformed path, seed or command path is bad usage (exit 2), not the adapter\'s failure', async () => {
    expectRefused(await cli('--replay', token({ ...good, path: 'abc' })), 'invalid replay token: malformed path "abc"');
    expectRefused(await cli('--replay', token({ ...good, path: '1::2' })), 'malformed path');
    expectRefused(await cli('--replay', token({ ...good, path: '-1' })), 'malformed path');
    expectRefused(await cli('--replay', token({ ...good, path: '99999999' })), 'malformed path "99999999" (an index above 1000000');
    expectRefused(await cli('--replay', token({ ...good, path: 7 })), 'malformed path 7');
    expectRefused(await cli('--replay', token({ ...good, seed: '7' })), 'seed must be an integer');
    expectRefused(await cli('--replay', token({ ...good, seed: 1.5 })), 'seed must be an integer');
    expectRefused(await cli('--replay', token({ ...good, replayPath: 'not a path!' })), 'malformed replayPath');
    expectRefused(await cli('--replay', token({ ...good, family: 7 })), 'family must be a property name');
    expectRefused(await cli('--replay', token({ family: 'x' })), 'missing seed, path');
    // Only a store case may leave the adapter out (it replays against any store plugin).
    const { adapter: _adapter, ...anyAdapter } = good;
    expectRefused(await cli('--replay', token(anyAdapter)), 'missing adapter: a case of the runtime property lifecycle.start-and-stop');
    expectRefused(await cli('--replay', 'acr1.WzFd'), 'invalid replay token');
  });

  it('the real command exits 2 on a malformed path', async () => {
    const code = await promisify(execFile)(process.execPath, [bin, '--replay', token({ ...good, path: '0:x' })], { cwd: sandbox.dir }).then(
      () => 0,
      (e: { code: number; stderr: string }) => (e.stderr.includes('malformed path') ? e.code : -1),
    );
    expect(code).toBe(2);
  });

  it('a path past the end of the generated cases is bad usage (exit 2), not the adapter\'s failure', async () => {
    const result = await cli('--replay', token({ ...good, path: '0:99999:3' }), '--out', 'nowhere');
    expect(result.code).toBe(2);
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(result.err).toContain('invalid replay token: its path 0:99999:3 leads to no generated case of property lifecycle.start-and-stop at seed 7');
    expect(result.out).not.toMatch(/^(ERROR|FAIL|PASS) /m);
  });

  it('a token naming a property this kit does not have says so', async () => {
    expectRefused(await cli('--replay', token({ ...good, family: 'lifecycle.no-such-property' })), 'the replay token names property "lifecycle.no-such-property", which this kit does not have');
  });

  it('a token whose property the other options exclude says which rules it checks', async () => {
    expectRefused(await cli('--replay', token(good), '--rules', 'STASH'), /the replay token's property lifecycle\.start-and-stop checks LIF-\d+/);
  });
});

describe('output folders, checked before any rule runs', () => {
  beforeAll(async () => {
    await writeFile(sandbox.path('a-file'), 'not a folder');
    await mkdir(sandbox.path('blocked', 'conformance.json'), { recursive: true });
  });

  it('--out naming a file, or a folder under a file, is exit 2 with one line', async () => {
    expectRefused(await cli(...quick, '--rules', 'LIF-01', '--out', 'a-file'), `--out a-file: ${sandbox.path('a-file')} is a file, not a folder`);
    expectRefused(await cli(...quick, '--rules', 'LIF-01', '--out', 'a-file/reports/deeper'), 'is a file, not a folder');
    expectRefused(await cli('compare', '-a', 'reference', ...quick, '--rules', 'LIF-01', '--out', 'a-file'), 'is a file, not a folder');
    await symlink(sandbox.path('nowhere'), sandbox.path('dangling'));
    expectRefused(await cli(...quick, '--rules', 'LIF-01', '--out', 'dangling'), 'dangling is a link to nothing, not a folder');
  });

  it('--out where nothing can be written is exit 2, even for root', async () => {
    // Nothing can be created in /proc, whoever runs the test.
    expectRefused(await cli(...quick, '--rules', 'LIF-01', '--out', '/proc/conformance-reports'), /--out \/proc\/conformance-reports: cannot write in \/proc \(E[A-Z]+\)/);
  });

  it.skipIf(process.getuid?.() === 0)('--out in a read-only folder is exit 2', async () => {
    await mkdir(sandbox.path('read-only'));
    await chmod(sandbox.path('read-only'), 0o555);
    expectRefused(await cli(...quick, '--rules', 'LIF-01', '--out', 'read-only/reports'), 'cannot write in');
  });

  it('compare checks the folder of each adapter before writing any report', async () => {
    await mkdir(sandbox.path('compared'));
    await writeFile(sandbox.path('compared', 'reference-runtime'), 'in the way');
    const result = await cli('compare', '-a', 'reference', ...quick, '--rules', 'LIF-01', '--out', 'compared');
    expect(result.code).toBe(2);
    expect(result.err).toContain(`--out compared/reference-runtime: ${sandbox.path('compared', 'reference-runtime')} is a file, not a folder`);
    await expect(readFile(sandbox.path('compared', 'compatibility.md'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('a folder where a report file goes is in the way', async () => {
    expectRefused(await cli(...quick, '--rules', 'LIF-01', '--out', 'blocked'), 'conformance.json is in the way');
    // Not in the way when that report is not written.
    const other = await cli(...quick, '--rules', 'LIF-01', '--out', 'blocked', '--reporter', 'junit');
    expect(other.code).toBe(0);
  });

  it('init into a folder under a file is exit 2', async () => {
    const result = await cli('init', 'a-file/adapter');
    expect(result.code).toBe(2);
  });
});

describe('baselines and shards, validated when read', () => {
  let valid: ConformanceRun;
  const shards: ConformanceRun[] = [];

  beforeAll(async () => {
    expect((await cli(...quick, '--rules', 'LIF-01,LIF-02', '--reporter', 'json', '--out', 'valid')).code).toBe(0);
    valid = JSON.parse(await readFile(sandbox.path('valid', 'conformance.json'), 'utf8')) as ConformanceRun;
    for (const i of [1, 2, 3]) {
      expect((await cli(...quick, '--rules', 'STASH', '--reporter', 'json', '--shard', `${i}/3`, '--out', `shard${i}`)).code).toBe(0);
      shards.push(JSON.parse(await readFile(sandbox.path(`shard${i}`, 'conformance.json'), 'utf8')) as ConformanceRun);
    }
  });

  const write = async (name: string, data: unknown): Promise<string> => {
    await writeFile(sandbox.path(name), typeof data === 'string' ? data : JSON.stringify(data));
    return name;
  };
  const withRules = (run: ConformanceRun, rules: unknown[]): unknown => ({ ...run, rules });

  it('a baseline that is not a valid report is exit 2 with one line, before any rule runs', async () => {
    const kit = kitManifest();
    const [rule] = valid.rules;
    const cases: [unknown, string | RegExp][] = [
      [withRules(valid, [null]), 'rules/0: expected an object, got null'],
      [withRules(valid, [{ ...rule, status: 'PASSED' }]), 'rules/0/status: "PASSED" is not one of'],
      [withRules(valid, [{ ...rule, id: 'NOPE-01' }]), 'holds rules this kit does not have: NOPE-01'],
      [withRules(valid, [rule, rule]), 'holds rules more than once'],
      [{ ...valid, kit: { ...valid.kit, version: '0.0.1' } }, `was made by ${kit.name} 0.0.1, this is ${kit.name} ${kit.version}`],
      [{ ...valid, adapter: undefined }, 'the report: missing adapter'],
      [{ ...valid, totals: { ...valid.totals, passed: 99 } }, 'totals that do not count its rules'],
      [{ ...valid, schemaVersion: reportSchemaVersion + 1 }, `has report schema ${reportSchemaVersion + 1}`],
      [{ ...valid, extra: true }, 'unknown field "extra"'],
      [{ ...valid, seed: 'seven' }, 'seed: expected an integer'],
      [withRules(valid, [{ ...rule, title: 'x'.repeat(5_000_000) }]), 'rules/0/title: longer than'],
      [[], 'expected an object, got an array'],
      ['{"rules": [', 'is not JSON'],
    ];
    for (const [i, [data, message]] of cases.entries()) {
      const result = await cli(...quick, '--rules', 'LIF-01', '--baseline', await write(`baseline-${i}.json`, data), '--out', 'never');
      expectRefused(result, message);
    }
    expectRefused(await cli(...quick, '--baseline', 'no-such.json'), 'cannot read no-such.json (ENOENT)');
  });

  it('the same baseline, valid, is used', async () => {
    const result = await cli(...quick, '--rules', 'LIF-01', '--baseline', await write('baseline-ok.json', valid), '--reporter', 'json', '--out', 'with-baseline');
    expect(result.code).toBe(0);
  });

  it('merge refuses an incomplete shard set and names the missing shards', async () => {
    const [one, , three] = await Promise.all([1, 2, 3].map((i) => write(`s${i}.json`, shards[i - 1])));
    expectRefused(await cli('merge', one!, '--out', 'm1'), 'incomplete shard set: missing shard 2/3, 3/3');
    expectRefused(await cli('merge', one!, three!, '--out', 'm2'), 'missing shard 2/3 (pass --allow-partial');
    const partial = await cli('merge', one!, three!, '--allow-partial', '--out', 'm3');
    expect(partial.code).toBe(0);
    expect(partial.err).toContain('partial merge: shard 2/3 missing');
    const merged = JSON.parse(await readFile(sandbox.path('m3', 'conformance.json'), 'utf8')) as ConformanceRun;
    expect(merged.rules.map((r) => r.id)).toEqual([...shards[0]!.rules, ...shards[2]!.rules].map((r) => r.id).sort());
  });

  it('merge refuses shards of other kits, runs, splits or adapters, and shards that are not valid reports', async () => {
    const [one, two, three] = shards as [ConformanceRun, ConformanceRun, ConformanceRun];
    const files = async (name: string, replaced: unknown): Promise<string[]> => [await write(`${name}.json`, replaced), await write(`${name}-2.json`, two), await write(`${name}-3.json`, three)];
    const cases: [unknown, string][] = [
      [{ ...one, kit: { ...one.kit, version: '9.9.9' } }, 'was made by'],
      [withRules(one, [...one.rules, { ...one.rules[0]!, id: 'XYZ-99' }]), 'holds rules this kit does not have: XYZ-99'],
      [{ ...one, adapter: undefined }, 'missing adapter'],
      [withRules(one, [null]), 'rules/0: expected an object, got null'],
      [{ ...one, seed: one.seed + 1 }, 'different seeds'],
      [{ ...one, adapter: { ...one.adapter, name: 'another' } }, 'different adapters'],
      [{ ...one, shard: { index: 1, total: 4 } }, 'split the run differently'],
      [{ ...one, shard: undefined }, 'has no shard field'],
      [{ ...one, shard: { index: 0, total: 3 } }, 'shard/index: below 1'],
      [{ ...one, shard: { index: 4, total: 3 } }, 'claims to be shard 4 of 3'],
      [{ ...one, rules: [...one.rules, two.rules[0]], totals: totalsOf([...one.rules, two.rules[0]!]) }, 'is in more than one shard'],
    ];
    for (const [i, [replaced, message]] of cases.entries()) expectRefused(await cli('merge', ...(await files(`bad-${i}`, replaced)), '--out', 'never'), message);
    expectRefused(await cli('merge', ...(await files('out-file', one)), '--out', 'a-file'), 'is a file, not a folder');
  });
});
