import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../spec/index.js';

// The reference runtime is where every rule is proven first: each rule of the registry must be
// named (its ID leading the title) by at least one of the runtime's own tests under test/src/.
// The list comes from the registry, so a new rule without a test fails here.
const testRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** IDs that lead a test title: `it('SUP-07 …'`, `` it(`STORE-09 TAG-06 …` `` and the like. */
function idsNamedByTests(): Set<string> {
  const named = new Set<string>();
  const title = /\b(?:it|test|describe)(?:\.each\([^)]*\))?\(\s*['"`]((?:[A-Z]+-\d{2}\s+)+)/g;
  for (const file of testFiles(testRoot)) {
    for (const match of readFileSync(file, 'utf8').matchAll(title)) {
      for (const id of (match[1] ?? '').trim().split(/\s+/)) named.add(id);
    }
  }
  return named;
}

describe('rule coverage of the reference runtime tests', () => {
  it('every registry rule is named by at least one test under test/src/', () => {
    const named = idsNamedByTests();
    const missing = rules.map((rule) => rule.id).filter((id) => !named.has(id));
    expect(missing, 'rules with no test naming them; add a test whose title starts with the ID').toEqual([]);
  });
});
