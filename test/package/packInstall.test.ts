// What a newcomer does: `npm pack`, install the tarball into a fresh CommonJS project and a fresh
// ESM project, run the command line against the toy adapter of examples/ and the vitest form,
// and get the statuses the kit gives from its sources. Installs come from npm's local cache
// (--prefer-offline); the whole file costs about a minute on the 2-core CI machine.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAdapter } from '../../conformance/harness/resolveAdapter.js';
import { runSuite } from '../../conformance/harness/runSuite.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const toy = join(root, 'examples', 'toy-runtime');
const seed = 1;
const vitestVersion = (JSON.parse(await readFile(join(root, 'node_modules', 'vitest', 'package.json'), 'utf8')) as { version: string }).version;
const kitVersion = (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }).version;

interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    // No CI/vitest variables leak into the child: it must behave as in a user's shell.
    const { VITEST: _v, VITEST_MODE: _m, VITEST_POOL_ID: _p, VITEST_WORKER_ID: _w, NODE_OPTIONS: _n, ...env } = process.env;
    execFile(command, [...args], { cwd, env, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err });
    });
  });
}

async function npm(args: readonly string[], cwd: string): Promise<string> {
  const result = await run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], cwd);
  if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.err}`);
  return result.out;
}

/** A fresh project as `npm init -y` makes it (CommonJS), or the same with "type": "module", with the tarball and the toy adapter. */
async function project(kind: 'commonjs' | 'module', tarball: string, extra: readonly string[]): Promise<string> {
  const dir = join(work, kind);
  await mkdir(dir);
  await npm(['init', '-y'], dir);
  if (kind === 'module') await npm(['pkg', 'set', 'type=module'], dir);
  for (const file of ['adapter.ts', 'runtime.ts']) await copyFile(join(toy, file), join(dir, file));
  await npm(['install', tarball, ...extra], dir);
  return dir;
}

type Verdict = 'passed' | 'failed' | 'not judged';
const verdict = (status: string): Verdict => (status === 'passed' || status === 'failed' ? status : 'not judged');

/** Rule ID → verdict, from a CLI run's conformance.json. */
async function cliVerdicts(dir: string, out: string): Promise<Map<string, Verdict>> {
  const report = JSON.parse(await readFile(join(dir, out, 'conformance.json'), 'utf8')) as { rules: { id: string; status: string }[] };
  return new Map(report.rules.map((r) => [r.id, verdict(r.status)]));
}

let work: string;
let expected: Map<string, Verdict>;
const dirs: Record<'commonjs' | 'module', string> = { commonjs: '', module: '' };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'conformance-pack-'));
  const packed = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root)) as [{ filename: string }];
  const tarball = join(work, packed[0].filename);
  dirs.commonjs = await project('commonjs', tarball, []);
  dirs.module = await project('module', tarball, [`vitest@${vitestVersion}`]);
  // The statuses the kit gives from its sources, for the same adapter and seed.
  const fromSources = await runSuite(resolveAdapter(join(toy, 'adapter.ts')), { seed });
  expected = new Map(fromSources.rules.map((r) => [r.id, verdict(r.status)]));
}, 300_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const slow = { timeout: 120_000 };

describe.each(['commonjs', 'module'] as const)('the installed package in a fresh %s project', (kind) => {
  it('starts from dist/: --version and --list-rules', slow, async () => {
    const version = await run('npx', ['actor-conformance', '--version'], dirs[kind]);
    expect(version).toMatchObject({ code: 0, out: `${kitVersion}\n`, err: '' });
    const list = await run('npx', ['conformance', '--list-rules'], dirs[kind]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^LIF-01 +MUST /m);
  });

  it('runs the toy adapter (TypeScript) with the statuses the sources give', slow, async () => {
    const result = await run('npx', ['actor-conformance', '--adapter', './adapter.ts', '--seed', String(seed), '--reporter', 'json', '--out', 'cli'], dirs[kind]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const verdicts = await cliVerdicts(dirs[kind], 'cli');
    expect([...verdicts.values()].filter((v) => v === 'passed').length).toBeGreaterThan(10);
    expect(verdicts).toEqual(expected);
  });

  it('loads an adapter that imports values from the package (a CommonJS adapter requires its ESM)', slow, async () => {
    await writeFile(
      join(dirs[kind], 'uses-kit.ts'),
      ["import { runtimeFamilies } from 'actor-conformance/conformance';", "import toy from './adapter.ts';", "if (runtimeFamilies.length === 0) throw new Error('no families');", 'export default toy;', ''].join('\n'),
    );
    const result = await run('npx', ['actor-conformance', '--adapter', './uses-kit.ts', '-r', 'LIF-01', '--seed', String(seed), '--out', 'uses-kit'], dirs[kind]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });

  it('type-checks the toy adapter with the TypeScript it ships', slow, async () => {
    const result = await run('npx', ['actor-conformance', 'check-adapter', './adapter.ts'], dirs[kind]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/no type errors; its export `default` satisfies RuntimeAdapter/);
  });

  it('reports a broken adapter in one line that says what is wrong, exit 2', slow, async () => {
    const broken = {
      'syntax.ts': "export default { name: 'x', version: '1' capabilities: [] };\n",
      'no-adapter.ts': 'export const answer = 42;\n',
      'over-declared.ts': [
        "import toy from './adapter.ts';",
        "export default { ...toy, capabilities: [...toy.capabilities, 'hooks'] };",
      ].join('\n'),
    };
    const expectations = { 'syntax.ts': /threw on import: .*syntax\.ts:1:\d+: ERROR: Expected "}"/, 'no-adapter.ts': /exports no adapter \(exports: answer\)/, 'over-declared.ts': /capability `hooks`.*no `spawnHooked`/ };
    for (const [file, text] of Object.entries(broken)) {
      await writeFile(join(dirs[kind], file), text);
      const result = await run('npx', ['actor-conformance', '--adapter', `./${file}`, '-r', 'LIF-01'], dirs[kind]);
      expect(result.code, file).toBe(2);
      expect(result.err.trimEnd().split('\n'), file).toHaveLength(1);
      expect(result.err, file).toMatch(expectations[file as keyof typeof expectations]);
      expect(result.err, file).not.toMatch(/in a cycle/);
    }
  });
});

describe('the vitest form', () => {
  it('gives the CLI\'s statuses in an ESM project with vitest installed', slow, async () => {
    const dir = dirs.module;
    await writeFile(
      join(dir, 'toy.test.ts'),
      ["import { conformanceSuite } from 'actor-conformance/vitest';", "import adapter from './adapter.ts';", '', `conformanceSuite(adapter, { seed: ${seed} });`, ''].join('\n'),
    );
    const result = await run('npx', ['vitest', 'run', '--reporter=json', '--outputFile=vitest.json'], dir);
    const report = JSON.parse(await readFile(join(dir, 'vitest.json'), 'utf8')) as { testResults: { assertionResults: { title: string; status: string }[] }[] };
    const verdicts = new Map(report.testResults.flatMap((f) => f.assertionResults).map((t) => [t.title.split(' ')[0]!, verdict(t.status)] as const));
    expect(verdicts).toEqual(expected);
    expect(result.code).toBe(0);
  });

  it('fails every test of an over-declared adapter\'s suite with the capability and the missing member', slow, async () => {
    const dir = dirs.module;
    await writeFile(
      join(dir, 'over.test.ts'),
      [
        "import { conformanceSuite } from 'actor-conformance/vitest';",
        "import toy from './adapter.ts';",
        '',
        `conformanceSuite({ ...toy, capabilities: [...toy.capabilities, 'durable-state'] }, { seed: ${seed}, rules: ['LIF-01'] });`,
        '',
      ].join('\n'),
    );
    const result = await run('npx', ['vitest', 'run', 'over.test.ts'], dir);
    expect(result.code).not.toBe(0);
    expect(result.out + result.err).toMatch(/capability `durable-state`, but the system its start\(\) returned has no `spawnEntity`, `tellEntity`/);
  });

  it('without vitest installed, importing actor-conformance/vitest fails in one line saying to install it', slow, async () => {
    const result = await run('node', ['-e', "import('actor-conformance/vitest').catch((e) => { console.error(String(e.stack)); process.exit(3); })"], dirs.commonjs);
    expect(result.code).toBe(3);
    expect(result.err.trim()).toMatch(/^VitestMissingError: actor-conformance\/vitest needs vitest, an optional peer dependency: run `npm install --save-dev vitest`/);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });
});
