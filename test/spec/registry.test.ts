import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../spec/Rule.js';
import {
  indexByIdAndAlias,
  partitionByCapabilities,
  roleOf,
  ruleById,
  rules,
  rulesByArea,
  rulesByCapability,
  rulesByRole,
  testTitle,
  validateRegistry,
} from '../../spec/registry.js';
import { areaIds, type Capability } from '../../spec/vocabulary.js';

const expectedCounts = { LIF: 11, SUP: 15, WATCH: 10, STASH: 6, DS: 20, STORE: 9, HOOK: 9, TAG: 7 } as const;

function first(): Rule {
  const rule = rules[0];
  if (!rule) throw new Error('registry is empty');
  return rule;
}

// Casts let a test build the malformed values a hand-written rule file could contain.
function broken(overrides: Record<string, unknown>): Rule {
  return { ...first(), ...overrides } as Rule;
}

describe('registry contents', () => {
  it('holds the 87 catalog rules with the catalog counts per area', () => {
    expect(rules).toHaveLength(87);
    for (const area of areaIds) expect(rulesByArea(area)).toHaveLength(expectedCounts[area]);
  });

  it('numbers each area 01..n without gaps, in order', () => {
    for (const area of areaIds) {
      const ids = rulesByArea(area).map((rule) => rule.id);
      const expected = ids.map((_, index) => `${area}-${String(index + 1).padStart(2, '0')}`);
      expect(ids).toEqual(expected);
    }
  });

  it('is valid', () => {
    expect(validateRegistry()).toEqual([]);
  });

  it('marks every rule since 0.1.0', () => {
    expect(new Set(rules.map((rule) => rule.since))).toEqual(new Set(['0.1.0']));
  });

  it('gives STORE and TAG rules to the store role and the rest to the runtime role', () => {
    for (const rule of rules) expect(roleOf(rule)).toBe(rule.area === 'STORE' || rule.area === 'TAG' ? 'store' : 'runtime');
    expect(rulesByRole('store')).toHaveLength(16);
    expect(rulesByRole('runtime')).toHaveLength(71);
  });
});

describe('lookups', () => {
  it('finds every rule by its ID', () => {
    for (const rule of rules) expect(ruleById(rule.id)).toBe(rule);
    expect(ruleById('SUP-99')).toBeUndefined();
  });

  it('finds rules by capability', () => {
    const limited = rulesByCapability('supervision.restart-limit').map((rule) => rule.id);
    expect(limited).toContain('SUP-07');
    for (const rule of rulesByCapability('stash')) expect(rule.capabilities).toContain('stash');
  });

  it('renders the canonical test title', () => {
    const rule = ruleById('SUP-07');
    expect(rule && testTitle(rule)).toBe('SUP-07 [MUST] Restart limit: at most n restarts per window');
  });

  it('lets a runtime with restart/resume/stop and an after-stop hook only (like nact) run its share honestly', () => {
    const nactLike = new Set<Capability>(['supervision.resume', 'supervision.restart', 'lifecycle.post-stop']);
    const { runnable, skipped } = partitionByCapabilities(nactLike, rulesByRole('runtime'));
    const ids = runnable.map((rule) => rule.id);
    expect(ids).toEqual(expect.arrayContaining(['LIF-01', 'LIF-03', 'SUP-01', 'SUP-02', 'SUP-03', 'SUP-15']));
    for (const gone of ['SUP-07', 'WATCH-01', 'STASH-01', 'LIF-05']) expect(ids).not.toContain(gone);
    const sup07 = skipped.find(({ rule }) => rule.id === 'SUP-07');
    expect(sup07?.reason).toBe('adapter does not declare supervision.restart-limit, time.manual');
  });

  it('skips exactly the rules needing an undeclared capability, with the missing ones as reason', () => {
    const capabilityArb = fc.subarray([...new Set(rules.flatMap((rule) => rule.capabilities))]);
    fc.assert(
      fc.property(capabilityArb, (declared) => {
        const { runnable, skipped } = partitionByCapabilities(new Set<Capability>(declared));
        expect(runnable.length + skipped.length).toBe(rules.length);
        for (const rule of runnable) for (const c of rule.capabilities) expect(declared).toContain(c);
        for (const { rule, reason } of skipped) {
          const missing = rule.capabilities.filter((c) => !declared.includes(c));
          expect(missing.length).toBeGreaterThan(0);
          for (const c of missing) expect(reason).toContain(c);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('validateRegistry', () => {
  const others = rules.slice(1);

  it.each([
    ['an ID off the pattern', { id: 'LIF-1' }, 'does not match'],
    ['an ID prefix unlike the area', { id: 'SUP-42' }, 'differs from area'],
    ['an unknown area', { area: 'NOPE' }, 'unknown area'],
    ['a slug outside the area', { slug: 'supervision.eager' }, 'slug'],
    ['an unknown level', { level: 'MUSTNT' }, 'unknown level'],
    ['an unknown capability', { capabilities: ['teleport'] }, 'unknown capability teleport'],
    ['an unknown source kind', { sources: [{ kind: 'rumour', ref: 'x' }] }, 'unknown source kind'],
    ['no sources', { sources: [] }, 'no sources'],
    ['a pekko test of no known suite', { sources: [{ kind: 'pekko-test', ref: 'FooSpec "x"' }] }, 'names no suite'],
    ['a pekko test without a quoted name', { sources: [{ kind: 'pekko-test', ref: 'TkStoreSpec offsets' }] }, 'is not of the form'],
    ['a goakt test of no known file', { sources: [{ kind: 'goakt-test', ref: 'actor/nowhere_test.go TestX' }] }, 'names no test file'],
    ['a goakt test without a test name', { sources: [{ kind: 'goakt-test', ref: 'actor/pid_test.go' }] }, 'is not of the form'],
    ['an empty statement', { statement: '  ' }, 'empty statement'],
    ['no hints', { hints: [] }, 'hints'],
    ['four hints', { hints: ['a', 'b', 'c', 'd'] }, 'hints'],
    ['an empty hint', { hints: [' '] }, 'empty hint'],
    ['a nondeterminism without allowed outcomes', { determinism: { kind: 'nondeterministic', allowed: '' } }, 'nondeterministic'],
    ['a since that is no version', { since: 'soon' }, 'not a version'],
    ['an alias colliding with an ID', { aliases: ['LIF-02'] }, 'alias LIF-02 collides'],
  ])('reports %s', (_, overrides, expected) => {
    const problems = validateRegistry([broken(overrides), ...others]);
    expect(problems.join('\n')).toContain(expected);
  });

  it('reports duplicate IDs and slugs of any rule', () => {
    fc.assert(
      fc.property(fc.constantFrom(...rules), (rule) => {
        const problems = validateRegistry([...rules, rule]);
        expect(problems).toContain(`duplicate ID ${rule.id}`);
        expect(problems).toContain(`duplicate slug ${rule.slug}`);
      }),
      { numRuns: 30 },
    );
  });

  it('accepts an alias that names a retired ID, and finds the rule by it', () => {
    const renamed = broken({ aliases: ['LIF-99'] });
    expect(validateRegistry([renamed, ...others])).toEqual([]);
    const index = indexByIdAndAlias([renamed, ...others]);
    expect(index.get('LIF-99')).toBe(renamed);
    expect(index.get(renamed.id)).toBe(renamed);
  });

  it('reports two rules claiming the same alias', () => {
    const a = broken({ aliases: ['LIF-98'] });
    const second = rules[1];
    if (!second) throw new Error('registry too small');
    const b = { ...second, aliases: ['LIF-98'] };
    expect(validateRegistry([a, b, ...rules.slice(2)])).toContain('alias LIF-98 collides with another ID or alias');
  });
});
