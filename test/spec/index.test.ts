import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as spec from '../../spec/index.js';

const specDir = fileURLToPath(new URL('../../spec/', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    // spec/model/ is another engineer's and has its own tests.
    if (name === 'model') return [];
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

describe('spec public API', () => {
  it('exports the registry, lookups, validation and vocabulary', () => {
    expect(spec.rules).toHaveLength(87);
    expect(spec.ruleById('WATCH-06')?.slug).toBe('watch.death-pact.unhandled-terminated');
    expect(spec.validateRegistry()).toEqual([]);
    expect(spec.levels).toEqual(['MUST', 'SHOULD', 'MAY']);
    expect(Object.keys(spec.capabilities)).toContain('time.manual');
  });

  it('uses no `any` type in the registry files of spec/', () => {
    const offenders = tsFiles(specDir).filter((file) => /(:\s*any\b|<any>|\bas any\b|any\[\])/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
