// The published tarball: what `npm pack` would put in it, within its size budget, with nothing a
// user does not need and everything the installed command line loads at run time.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The budget: today's tarball is about 490 files, 475 kB packed and 1.7 MB unpacked; these leave room to grow, not to regress. */
export const tarballBudget = { files: 600, packedBytes: 600_000, unpackedBytes: 2_000_000 } as const;

interface PackEntry {
  readonly path: string;
  readonly size: number;
}
interface Pack {
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly PackEntry[];
}

let pack: Pack;
let paths: Set<string>;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
};

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'conformance', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  // --ignore-scripts: list the dist/ that is there (npm ci built it) instead of rebuilding it.
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  [pack] = JSON.parse(output) as [Pack];
  paths = new Set(pack.files.map((f) => f.path));
}, 60_000);

describe('the package tarball', () => {
  it('stays within its size budget', () => {
    expect(pack.entryCount).toBeLessThanOrEqual(tarballBudget.files);
    expect(pack.size).toBeLessThanOrEqual(tarballBudget.packedBytes);
    expect(pack.unpackedSize).toBeLessThanOrEqual(tarballBudget.unpackedBytes);
  });

  it('ships the built package only: no TypeScript source but declarations, no source maps, no pictures, no mutants, variants or upstream coverage data', () => {
    const unwanted = [...paths].filter(
      (p) => (/\.[mc]?tsx?$/.test(p) && !/\.d\.[mc]?ts$/.test(p)) || /\.map$|\.png$|\.jpe?g$/.test(p) || /^dist\/conformance\/mutants\/(?!Mutant\.|RuntimeMutation\.)|^dist\/conformance\/variants\/|^dist\/spec\/coverage\//.test(p),
    );
    expect(unwanted).toEqual([]);
    expect([...paths].filter((p) => p.startsWith('test/') || p.startsWith('bench/') || p.startsWith('examples/') || p.startsWith('scripts/'))).toEqual([]);
  });

  it('ships what users read and what the command line loads at run time', () => {
    for (const needed of [
      'bin/conformance.js',
      'dist/conformance/cli/main.js',
      'dist/conformance/harness/_internals/worker.js',
      'dist/conformance/adapters/reference-runtime.js',
      'spec/SPEC.md',
      'conformance/ADAPTERS.md',
      'conformance/report/conformance-report.schema.json',
      'docs/writing-an-adapter.md',
      'README.md',
      'CHANGELOG.md',
    ]) {
      expect(paths, needed).toContain(needed);
    }
  });

  it('holds every bin and export target of package.json', () => {
    const targets = [
      ...Object.values(manifest.bin),
      ...Object.values(manifest.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry))),
    ].map((target) => normalize(target));
    expect(targets.filter((target) => !paths.has(target))).toEqual([]);
  });

  it('holds every module a shipped module imports (static relative imports of the JavaScript and the declarations)', () => {
    const missing: string[] = [];
    for (const path of paths) {
      if (!/\.(js|d\.ts)$/.test(path)) continue;
      const text = readFileSync(join(root, path), 'utf8');
      for (const [, specifier] of text.matchAll(/^(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
        const target = join(dirname(path), specifier!);
        const candidates = path.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts'), target] : [target];
        if (!candidates.some((c) => paths.has(c))) missing.push(`${path} -> ${specifier}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
