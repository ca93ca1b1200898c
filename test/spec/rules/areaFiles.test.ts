import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../spec/Rule.js';
import { durableStateRules } from '../../../spec/rules/durableState.js';
import { hookRules } from '../../../spec/rules/hooks.js';
import { lifecycleRules } from '../../../spec/rules/lifecycle.js';
import { stashRules } from '../../../spec/rules/stash.js';
import { storeRules } from '../../../spec/rules/store.js';
import { supervisionRules } from '../../../spec/rules/supervision.js';
import { taggingRules } from '../../../spec/rules/tagging.js';
import { watchRules } from '../../../spec/rules/watch.js';
import type { AreaId } from '../../../spec/vocabulary.js';

const files: readonly (readonly [AreaId, readonly Rule[]])[] = [
  ['LIF', lifecycleRules],
  ['SUP', supervisionRules],
  ['WATCH', watchRules],
  ['STASH', stashRules],
  ['DS', durableStateRules],
  ['STORE', storeRules],
  ['HOOK', hookRules],
  ['TAG', taggingRules],
];

describe.each(files)('rules of area %s', (area, rules) => {
  it('all belong to the area of their file', () => {
    for (const rule of rules) expect(rule.area).toBe(area);
  });

  it('are grounded in a seed or a public reference', () => {
    for (const rule of rules) expect(rule.sources.length).toBeGreaterThan(0);
  });

  it('state what a difference between runtimes is, when they name one', () => {
    for (const rule of rules) for (const difference of rule.differences) expect(difference.note.trim()).not.toBe('');
  });
});

describe('rule statements', () => {
  const all = files.flatMap(([, rules]) => rules);

  it('are written in full sentences', () => {
    for (const rule of all) expect(rule.statement).toMatch(/^[A-Z].*[.]\)?$/s);
  });

  it('use a normative level consistent with their wording: MAY rules are optional behaviour', () => {
    for (const rule of all.filter((r) => r.level === 'MAY')) expect(rule.statement).toMatch(/\bmay\b/i);
  });
});
