import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regenerateCommand, renderSpec } from '../../../spec/_internals/renderSpec.js';
import { rules, testTitle } from '../../../spec/registry.js';

const committedPath = new URL('../../../spec/SPEC.md', import.meta.url);

describe('SPEC.md', () => {
  it('is what the registry generates', () => {
    const committed = readFileSync(committedPath, 'utf8');
    const generated = renderSpec(rules);
    if (committed !== generated) {
      expect.fail(`spec/SPEC.md is out of date with spec/rules/; regenerate it with \`${regenerateCommand}\``);
    }
  });

  it('has a section with title, statement and every hint for each rule', () => {
    const text = renderSpec(rules);
    for (const rule of rules) {
      expect(text).toContain(`### ${rule.id}\n`);
      expect(text).toContain(testTitle(rule));
      expect(text).toContain(rule.statement);
      for (const hint of rule.hints) expect(text).toContain(`- ${hint}`);
    }
  });

  it('changes when a rule changes, so drift is caught', () => {
    const [head, ...rest] = rules;
    if (!head) throw new Error('registry is empty');
    const edited = renderSpec([{ ...head, statement: `${head.statement} Edited.` }, ...rest]);
    expect(edited).not.toBe(renderSpec(rules));
  });

  it('lists former IDs when a rule has aliases', () => {
    const [head, ...rest] = rules;
    if (!head) throw new Error('registry is empty');
    expect(renderSpec([{ ...head, aliases: ['LIF-90'] }, ...rest])).toContain('- former IDs: LIF-90');
  });
});
