import { describe, expect, it } from 'vitest';
import { rules } from '../../spec/registry.js';
import { testSuiteOf, testSuites } from '../../spec/testSuites.js';
import { pekkoCoverage } from '../../spec/coverage/index.js';

describe('testSuites', () => {
  it('resolves the tag at the start of a reference', () => {
    expect(testSuiteOf('SupSpec "stop after restart retries limit"')).toBe('SupSpec');
    expect(testSuiteOf('R2 "support deletions"')).toBe('R2');
    expect(testSuiteOf('FooSpec "x"')).toBeUndefined();
    expect(testSuiteOf('toString')).toBeUndefined();
    expect(testSuiteOf('')).toBeUndefined();
  });

  it('names only suites some rule cites or the coverage table reads', () => {
    const cited = new Set<string | undefined>(
      rules.flatMap((rule) => rule.sources.filter((s) => s.kind === 'pekko-test').map((s) => testSuiteOf(s.ref))),
    );
    for (const suite of pekkoCoverage) cited.add(suite.suite);
    expect(Object.keys(testSuites).filter((tag) => !cited.has(tag))).toEqual([]);
  });
});
