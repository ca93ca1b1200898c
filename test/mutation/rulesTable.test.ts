import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familyOfTestTitle, familyTestTitle, propertyFailureMessage, suspectsOfFailure } from '../../scripts/mutation/familyTests.js';
import { globToRegExp } from '../../scripts/mutation/globToRegExp.js';
import { areaOf, mutationAreas } from '../../scripts/mutation/areas.js';
import { buildMutationTable, reasonKind, renderMutationTable, type MutantStatus, type MutationReport, type ReportedMutant } from '../../scripts/mutation/rulesTable.js';

const ruleId = fc.tuple(fc.constantFrom('SUP', 'WATCH', 'DS', 'LIF'), fc.integer({ min: 1, max: 99 })).map(([a, n]) => `${a}-${String(n).padStart(2, '0')}`);
const familyId = fc.stringMatching(/^[a-z]+\.[a-z-]+$/);

describe('family test titles and failure messages', () => {
  it('give back the family of a title, also behind describe blocks', () => {
    fc.assert(
      fc.property(familyId, fc.array(ruleId, { minLength: 1, maxLength: 8 }), fc.stringMatching(/^[a-z ]*$/), (id, rules, prefix) => {
        const title = familyTestTitle({ id, rules });
        expect(familyOfTestTitle(title)).toBe(id);
        expect(familyOfTestTitle(`${prefix} ${title}`.trim())).toBe(id);
      }),
      { numRuns: 50 },
    );
  });

  it('give back the suspects of a failure, and none when the run named none', () => {
    fc.assert(
      fc.property(fc.uniqueArray(ruleId, { maxLength: 6 }), fc.string(), (suspects, message) => {
        const failure = propertyFailureMessage({ property: 'p.q', status: 'failed', counterexample: { message, suspects } });
        expect(suspectsOfFailure(failure)).toEqual(suspects);
      }),
      { numRuns: 50 },
    );
    expect(suspectsOfFailure(propertyFailureMessage({ property: 'p.q', status: 'skipped', reason: 'no watch' }))).toEqual([]);
    expect(suspectsOfFailure('TypeError: x is not a function')).toEqual([]);
  });
});

describe('mutation areas', () => {
  it('put each mutated file of the configuration in the area the issue names, plumbing last', () => {
    expect(areaOf('src/_internals/ActorCell.ts').id).toBe('actor-cell');
    expect(areaOf('src/persistence/_internals/StashState.ts').id).toBe('durable-state');
    expect(areaOf('src/_internals/interpreter.ts').id).toBe('supervision');
    expect(areaOf('src/_internals/Dispatcher.ts').id).toBe('plumbing');
    expect(mutationAreas.at(-1)!.core).toBe(false);
  });
});

describe('globToRegExp', () => {
  it('matches Stryker-style mutate globs', () => {
    expect(globToRegExp('src/_internals/**/*.ts').test('src/_internals/ActorCell.ts')).toBe(true);
    expect(globToRegExp('src/_internals/**/*.ts').test('src/_internals/deep/x.ts')).toBe(true);
    expect(globToRegExp('src/_internals/**/*.ts').test('src/ActorCell.ts')).toBe(false);
    expect(globToRegExp('src/Signal.ts').test('src/SignalXts')).toBe(false);
    expect(globToRegExp('test/**/*.test.ts').test('test/mutation/conformance.mutation.ts')).toBe(false);
  });
});

function mutant(id: string, status: MutantStatus, extra: Partial<ReportedMutant> = {}): ReportedMutant {
  return { id, mutatorName: 'ConditionalExpression', replacement: 'true', status, location: { start: { line: Number(id), column: 1 } }, ...extra };
}

const families = [
  { id: 'supervision.strategies', rules: ['SUP-01', 'SUP-02'] },
  { id: 'watch.registration', rules: ['WATCH-01', 'SUP-02'] },
];
const rules = [
  { id: 'SUP-01', title: 'first' },
  { id: 'SUP-02', title: 'second | piped' },
  { id: 'WATCH-01', title: 'third' },
  { id: 'SUP-06', title: 'unchecked' },
];
const tests = { 'test/mutation/conformance.mutation.ts': { tests: families.map((f, i) => ({ id: String(i), name: `suite ${familyTestTitle(f)}` })) } };
const blaming = (...suspects: string[]): string => propertyFailureMessage({ property: 'x', status: 'failed', counterexample: { message: 'm', suspects } });

const report: MutationReport = {
  testFiles: tests,
  files: {
    'src/b.ts': {
      mutants: [
        mutant('1', 'Killed', { killedBy: ['0'], statusReason: blaming('SUP-01') }),
        mutant('2', 'Killed', { killedBy: ['1'], statusReason: blaming('WATCH-01', 'SUP-02') }),
        mutant('3', 'Killed', { killedBy: ['0', '1'], statusReason: 'RangeError: crash' }),
        mutant('4', 'Survived'),
      ],
    },
    'src/a.ts': {
      mutants: [
        mutant('5', 'Timeout'),
        mutant('6', 'NoCoverage'),
        mutant('7', 'Ignored', { statusReason: 'equivalent: the queue is empty here' }),
        mutant('8', 'CompileError'),
      ],
    },
  },
};

describe('buildMutationTable', () => {
  const table = buildMutationTable(report, families, rules);

  it('scores detected over valid mutants, and over covered ones', () => {
    // Detected: 3 killed + 1 timeout; valid: + 1 survived + 1 no coverage; covered: + 1 survived.
    expect(table.overall).toMatchObject({ killed: 3, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, errors: 1, score: 66.7, coveredScore: 80 });
    expect(table.files.map((f) => [f.file, f.score])).toEqual([
      ['src/a.ts', 50],
      ['src/b.ts', 75],
    ]);
  });

  it('credits a kill to every rule of the killing families, once per mutant, and to the rules it blamed', () => {
    const byRule = Object.fromEntries(table.rules.map((r) => [r.rule, [r.killedByItsFamilies, r.blamed]]));
    expect(byRule).toEqual({ 'SUP-01': [2, 1], 'SUP-02': [3, 1], 'WATCH-01': [2, 1], 'SUP-06': [0, 0] });
    expect(table.rules.find((r) => r.rule === 'SUP-06')!.families).toEqual([]);
    expect(table.families).toEqual([
      { family: 'supervision.strategies', killed: 2 },
      { family: 'watch.registration', killed: 2 },
    ]);
    expect(table.killedWithoutSuspect).toBe(1);
  });

  it('lists survivors, uncovered and disabled mutants with the reason given', () => {
    expect(table.undetected.map((u) => [u.file, u.line, u.status, u.reason])).toEqual([
      ['src/a.ts', 6, 'NoCoverage', undefined],
      ['src/a.ts', 7, 'Ignored', 'equivalent: the queue is empty here'],
      ['src/b.ts', 4, 'Survived', undefined],
    ]);
  });

  it('scores each area and the core, and counts ignored mutants per kind of reason', () => {
    const areas = [
      { id: 'core-a', title: 'a', core: true, files: ['src/a.ts'] },
      { id: 'rest', title: 'rest', core: false, files: ['src/**/*.ts'] },
    ];
    const byArea = buildMutationTable(report, families, rules, areas);
    expect(byArea.core).toMatchObject({ timeout: 1, noCoverage: 1, ignored: 1, score: 50 });
    expect(byArea.areas.map((a) => [a.area, a.core, a.score])).toEqual([
      ['core-a', true, 50],
      ['rest', false, 75],
    ]);
    expect(byArea.ignoredReasons).toEqual([{ kind: 'equivalent', count: 1 }]);
    expect(reasonKind('unspecified: fairness between actors')).toBe('unspecified');
    expect(reasonKind('no colon here')).toBe('no reason given');
    expect(reasonKind(undefined)).toBe('no reason given');
  });

  it('counts unspecified mutants apart and scores them as survivors in the strict score', () => {
    const withUnspecified: MutationReport = {
      files: {
        'src/c.ts': {
          mutants: [
            mutant('1', 'Killed'),
            mutant('2', 'Killed'),
            mutant('3', 'Killed'),
            mutant('4', 'Survived'),
            mutant('5', 'Ignored', { statusReason: 'unspecified: fairness between actors' }),
            mutant('6', 'Ignored', { statusReason: 'equivalent: memory only' }),
          ],
        },
      },
    };
    const counts = buildMutationTable(withUnspecified, families, rules).overall;
    // Score 3 of 4; strict 3 of 5 (the unspecified one counts against it, the equivalent one never).
    expect(counts).toMatchObject({ ignored: 2, unspecified: 1, score: 75, strictScore: 60 });
  });

  it('renders one Markdown row per file, family, rule and undetected mutant', () => {
    const markdown = renderMutationTable(table, ['heading line']);
    expect(markdown).toContain('heading line');
    expect(markdown).toContain('| src/b.ts | 75.0 | 75.0 | 75.0 | 3 | 0 | 1 | 0 | 0 | 0 | 0 |');
    expect(markdown).toContain('| SUP-02 | second \\| piped | 3 | 1 | supervision.strategies, watch.registration |');
    expect(markdown).toContain('| SUP-06 | unchecked | 0 | 0 | (no property) |');
    expect(markdown).toContain('| src/a.ts:7 | Ignored | ConditionalExpression | `true` | equivalent: the queue is empty here |');
  });
});
