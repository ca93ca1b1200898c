import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The house rule: spec/ imports nothing of ours; conformance/ imports spec/ only;
// src/ imports neither; adapters (conformance/adapters/, and the mutants and legal variants
// built on the reference adapter) are the only code that joins a runtime to the contract and
// so may import src/. examples/ is edge code, like an outside
// project: it may import anything, the package itself included, and nothing imports it.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Area = 'spec' | 'src' | 'conformance' | 'adapters' | 'examples';

const allowed: Record<Area, ReadonlySet<Area>> = {
  spec: new Set<Area>(['spec']),
  src: new Set<Area>(['src']),
  conformance: new Set<Area>(['conformance', 'spec']),
  adapters: new Set<Area>(['adapters', 'conformance', 'spec', 'src']),
  examples: new Set<Area>(['examples', 'adapters', 'conformance', 'spec', 'src']),
};

function areaOf(file: string): Area | undefined {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'conformance' && (rel[1] === 'adapters' || rel[1] === 'mutants' || rel[1] === 'variants')) return 'adapters';
  if (rel[0] === 'spec' || rel[0] === 'src' || rel[0] === 'conformance' || rel[0] === 'examples') return rel[0];
  return undefined;
}

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(sourceFiles(full));
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function violations(): string[] {
  const found: string[] = [];
  for (const top of ['spec', 'src', 'conformance', 'examples']) {
    for (const file of sourceFiles(join(root, top))) {
      const from = areaOf(file);
      if (!from) continue;
      // Comments may quote imports (TSDoc examples); only code counts.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      for (const match of text.matchAll(importPattern)) {
        const specifier = match[1] ?? match[2] ?? '';
        if (specifier.startsWith('actor-conformance') && from !== 'examples') {
          found.push(`${relative(root, file)} imports the package itself ('${specifier}'); use a relative path`);
          continue;
        }
        if (!specifier.startsWith('.')) continue;
        const to = areaOf(resolve(dirname(file), specifier));
        if (to && !allowed[from].has(to)) {
          found.push(`${relative(root, file)} (${from}) imports ${specifier} (${to})`);
        }
      }
    }
  }
  return found;
}

describe('architecture', () => {
  it('imports flow one way: spec <- conformance <- adapters -> src; examples import anything and nothing imports them', () => {
    expect(violations()).toEqual([]);
  });
});
