import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import mainConfig from '../../vitest.config.js';
import mutationConfig from '../../vitest.mutation.config.js';
import { globToRegExp } from '../../scripts/mutation/globToRegExp.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every file of the repository under `dir`, as a `/`-separated path from the root. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    return statSync(join(root, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

interface StrykerConfig {
  readonly testRunner: string;
  readonly vitest: { readonly configFile: string };
  readonly mutate: readonly string[];
  readonly coverageAnalysis: string;
  readonly incremental: boolean;
  readonly ignorePatterns: readonly string[];
  readonly plugins: readonly string[];
  readonly ignorers: readonly string[];
}

const stryker = ((await import(pathToFileURL(join(root, 'stryker.config.mjs')).href)) as { default: StrykerConfig }).default;

/** The runtime core the brief names: actor machinery, supervision, signals, watch, stash, Durable State. */
const core = [
  /^src\/_internals\/[^/]+\.ts$/,
  /^src\/(Behaviors|SupervisorStrategy|Signal)\.ts$/,
  /^src\/persistence\/(DurableStateBehavior|Effect)\.ts$/,
  /^src\/persistence\/_internals\/[^/]+\.ts$/,
];

describe('stryker.config.mjs', () => {
  const srcFiles = filesUnder('src');

  it('runs the mutation vitest config with per-test coverage and incremental re-runs', () => {
    expect(stryker.testRunner).toBe('vitest');
    expect(stryker.vitest.configFile).toBe('vitest.mutation.config.ts');
    expect(stryker.coverageAnalysis).toBe('perTest');
    expect(stryker.incremental).toBe(true);
  });

  it('mutates only existing files of the runtime core, and each pattern matches one', () => {
    for (const pattern of stryker.mutate) {
      expect(pattern, 'plain globs only: scripts/mutation/run.ts reads them').toMatch(/^[\w./*-]+$/);
      const matched = srcFiles.filter((f) => globToRegExp(pattern).test(f));
      expect(matched.length, pattern).toBeGreaterThan(0);
      for (const file of matched) expect(core.some((c) => c.test(file)), file).toBe(true);
    }
  });

  it('leaves the testkit and the stores alone', () => {
    const mutated = srcFiles.filter((f) => stryker.mutate.some((p) => globToRegExp(p).test(f)));
    expect(mutated.filter((f) => f.startsWith('src/testkit/') || f.startsWith('src/persistence/stores/'))).toEqual([]);
  });

  it('loads the conformance-scope ignorer from scripts/mutation', () => {
    expect(stryker.ignorers).toEqual(['conformance-scope']);
    const local = stryker.plugins.filter((p) => p.startsWith('./'));
    expect(local).toEqual(['./scripts/mutation/ignorers.mjs']);
    expect(statSync(join(root, local[0]!)).isFile()).toBe(true);
    expect(stryker.plugins).toContain('@stryker-mutator/*');
  });

  it('copies no unit test into the sandbox', () => {
    expect(stryker.ignorePatterns).toContain('/test/*');
    expect(stryker.ignorePatterns.filter((p) => p.startsWith('!/test/'))).toEqual(['!/test/mutation']);
  });
});

describe('vitest.mutation.config.ts', () => {
  const include = mutationConfig.test?.include ?? [];
  const testFiles = filesUnder('test');

  it('includes the conformance entry and no unit test', () => {
    expect(include).toEqual(['test/mutation/conformance.mutation.ts']);
    const included = testFiles.filter((f) => include.some((p) => globToRegExp(p).test(f)));
    expect(included).toEqual(['test/mutation/conformance.mutation.ts']);
  });

  it('is a file npm test does not run (Stryker stays out of npm test)', () => {
    const mainInclude = mainConfig.test?.include ?? [];
    expect(mainInclude.length).toBeGreaterThan(0);
    expect(mainInclude.some((p) => globToRegExp(p).test('test/mutation/conformance.mutation.ts'))).toBe(false);
  });

  it('has an entry that reaches the runtime only through the conformance suite and its adapter', () => {
    const source = readFileSync(join(root, 'test/mutation/conformance.mutation.ts'), 'utf8');
    const imports = [...source.matchAll(/^import [^'"]*'([^']+)'/gm)].map((m) => m[1]!);
    const local = imports.filter((i) => i.startsWith('.')).map((i) => relative(root, resolve(root, 'test/mutation', i)).split(sep).join('/'));
    expect(local.length).toBeGreaterThan(0);
    for (const path of local) expect(path, path).toMatch(/^(conformance\/|scripts\/mutation\/)/);
  });
});

describe('package.json', () => {
  it('runs Stryker through npm run mutation only, never through npm test', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.mutation).toBe('tsx scripts/mutation/run.ts');
    expect(scripts.test).not.toMatch(/stryker|mutation/);
  });
});
