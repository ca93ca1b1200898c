import { describe, expect, it } from 'vitest';
import { allows, rulesOf, src } from '../../../spec/_internals/defineRule.js';

const draft = {
  id: 'SUP-01',
  slug: 'supervision.example',
  level: 'MUST',
  title: 'Example',
  statement: 'An example statement.',
  capabilities: ['supervision.restart'],
  sources: [src.seed('S003')],
  hints: ['Look here.'],
} as const;

describe('rulesOf', () => {
  it('stamps the area and fills the defaults', () => {
    const rule = rulesOf('SUP')(draft);
    expect(rule.area).toBe('SUP');
    expect(rule.aliases).toEqual([]);
    expect(rule.differences).toEqual([]);
    expect(rule.determinism).toEqual({ kind: 'deterministic' });
    expect(rule.since).toBe('0.1.0');
  });

  it('keeps fields the rule file gives', () => {
    const rule = rulesOf('SUP')({ ...draft, aliases: ['SUP-90'], since: '0.2.0', determinism: allows('either order') });
    expect(rule.aliases).toEqual(['SUP-90']);
    expect(rule.since).toBe('0.2.0');
    expect(rule.determinism).toEqual({ kind: 'nondeterministic', allowed: 'either order' });
  });
});

describe('src', () => {
  it('builds structured sources of each kind', () => {
    expect(src.seed('S001')).toEqual({ kind: 'seed', ref: 'S001' });
    expect(src.pekkoTest('SupSpec "x"')).toEqual({ kind: 'pekko-test', ref: 'SupSpec "x"' });
    expect(src.pekko('a.scala').kind).toBe('pekko-source');
    expect(src.akka('b.scala').kind).toBe('akka-source');
    expect(src.goakt('pid.go').kind).toBe('goakt-source');
    expect(src.goaktDocs('lifecycle.mdx').kind).toBe('goakt-docs');
    expect(src.docs('page').kind).toBe('docs');
  });
});
