import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveTestName, parseGoaktTestRef, parsePekkoTestRef, type UpstreamTests } from '../../spec/_internals/citations.js';
import { renderCoverage } from '../../spec/_internals/renderCoverage.js';
import {
  composes,
  countCases,
  coverageReadAt,
  coverageRatio,
  covers,
  formatPercent,
  gap,
  goaktCoverage,
  na,
  pekkoCoverage,
  strictRatio,
  upstreamCoverage,
  type SuiteCoverage,
} from '../../spec/coverage/index.js';
import { ruleById, rules } from '../../spec/registry.js';

const upstream = JSON.parse(
  readFileSync(new URL('../../spec/_internals/upstreamTests.json', import.meta.url), 'utf8'),
) as UpstreamTests;

function extracted(suite: SuiteCoverage): readonly string[] {
  const files = suite.upstream === 'pekko' ? upstream.pekko : upstream.goakt;
  const file = files[suite.suite];
  if (file === undefined) throw new Error(`${suite.suite} has no extracted test names`);
  return file.tests;
}

describe('coverage data', () => {
  it('lists every extracted case of each Pekko suite read, and nothing else', () => {
    for (const suite of pekkoCoverage) expect(Object.keys(suite.cases), suite.suite).toEqual(extracted(suite));
  });

  it('names only GoAkt tests that exist', () => {
    for (const suite of goaktCoverage) {
      const missing = Object.keys(suite.cases).filter((name) => !extracted(suite).includes(name));
      expect(missing, suite.suite).toEqual([]);
    }
  });

  it('was read at the commits the test names were extracted from', () => {
    for (const suite of upstreamCoverage) {
      const files = suite.upstream === 'pekko' ? upstream.pekko : upstream.goakt;
      const file = files[suite.suite];
      expect(file?.commit, suite.suite).toBe(coverageReadAt[file?.repo as keyof typeof coverageReadAt]);
    }
  });

  it('names only rules of the registry', () => {
    const unknown = upstreamCoverage.flatMap((suite) =>
      Object.values(suite.cases).flatMap((v) => ('rules' in v ? v.rules.filter((id) => ruleById(id) === undefined) : [])),
    );
    expect(unknown).toEqual([]);
  });

  it('marks every case a rule cites as covered by that rule', () => {
    const problems: string[] = [];
    for (const rule of rules) {
      for (const source of rule.sources) {
        const citation =
          source.kind === 'pekko-test' ? parsePekkoTestRef(source.ref) : source.kind === 'goakt-test' ? parseGoaktTestRef(source.ref) : undefined;
        const suite = upstreamCoverage.find((s) => s.suite === citation?.suite);
        if (citation === undefined || suite === undefined) continue;
        for (const name of resolveTestName(Object.keys(suite.cases), citation.test)) {
          const verdict = suite.cases[name];
          if (verdict === undefined || !('rules' in verdict) || !verdict.rules.includes(rule.id)) {
            problems.push(`${rule.id} cites ${source.ref}, whose verdict is ${JSON.stringify(verdict)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('coverage counting', () => {
  const invented = [covers(['LIF-01']), covers(['LIF-02']), composes(['SUP-01'], 'why'), gap(3), na('jvm'), na('logging', 'MDC')];

  it('excludes n/a cases from the ratio and counts composed cases only in the non-strict one', () => {
    const counts = countCases(invented);
    expect(counts).toEqual({ cases: 6, covered: 2, composed: 1, uncovered: 1, notApplicable: 2 });
    expect(coverageRatio(counts)).toBe(3 / 4);
    expect(strictRatio(counts)).toBe(2 / 4);
    expect(coverageRatio(countCases([na('config')]))).toBeUndefined();
  });

  it('prints percentages rounded down to one decimal', () => {
    expect(formatPercent(2 / 3)).toBe('66.6 %');
    expect(formatPercent(170 / 230)).toBe('73.9 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(0.7)).toBe('70.0 %');
    expect(formatPercent(undefined)).toBe('n/a');
  });

  it('renders the numbers computed from the data, so a changed verdict changes the table', () => {
    const suite = (cases: SuiteCoverage['cases']): SuiteCoverage => ({ upstream: 'goakt', suite: 'actor/x_test.go', cases });
    const before = renderCoverage([], [suite({ TestA: covers(['LIF-01']), TestB: gap(8), TestC: na('internal-api', 'registries') })]).join('\n');
    expect(before).toContain('| actor/x_test.go | `actor/x_test.go` | 3 | 1 | 0 | 1 | 1 | 2 | 50.0 % | 50.0 % |');
    expect(before).toContain('n/a, internal-api: asserts internal API or registries, not observable behavior (registries)');
    expect(before).toContain('not yet covered, gap 8: Passivation strategies (GoAkt)');
    const after = renderCoverage([], [suite({ TestA: covers(['LIF-01']), TestB: covers(['HOOK-03']), TestC: na('internal-api') })]).join('\n');
    expect(after).toContain('| 3 | 2 | 0 | 0 | 1 | 2 | 100.0 % | 100.0 % |');
    expect(before).toContain('| 8 | Passivation strategies (GoAkt) | 1 |');
    expect(after).not.toContain('| 8 | Passivation strategies (GoAkt) |');
  });
});
