import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weakRulesModule, weakRulesModulePath } from '../../../../conformance/mutants/_internals/generateWeakRules.js';
import { weakRules } from '../../../../conformance/mutants/index.js';
import { weakRuleIds } from '../../../../conformance/report/weakRules.generated.js';

describe('the generated list of weak rules the reports mark', () => {
  it('is what weakRules() computes from the shipped mutants (run `npm run spec:generate` when this fails)', () => {
    expect(weakRuleIds).toEqual(weakRules());
    expect(readFileSync(weakRulesModulePath, 'utf8')).toBe(weakRulesModule(weakRules()));
  });
});
