import { describe, expect, it } from 'vitest';
import { markWeak, reportSchemaVersion, weakOutcomes, type ConformanceRun } from '../../../conformance/report/ConformanceRun.js';
import { renderHtml } from '../../../conformance/report/renderHtml.js';
import { renderJson } from '../../../conformance/report/renderJson.js';
import { renderJunit } from '../../../conformance/report/renderJunit.js';
import { renderMarkdown } from '../../../conformance/report/renderMarkdown.js';
import { sampleRun } from './_sampleRun.js';

/** The sample run with its first rule (passed) and second (failed) marked weak. */
function runWithWeakRules(): { run: ConformanceRun; passed: string; failed: string } {
  const base = sampleRun();
  const passed = base.rules.find((r) => r.status === 'passed')!.id;
  const failed = base.rules.find((r) => r.status === 'failed')!.id;
  return { run: { ...base, rules: markWeak(base.rules, [passed, failed, 'NOT-A-RULE']) }, passed, failed };
}

describe('weak rules in the reports', () => {
  it('markWeak flags exactly the named rules and leaves the others without the field', () => {
    const { run, passed, failed } = runWithWeakRules();
    expect(weakOutcomes(run).map((r) => r.id)).toEqual([passed, failed]);
    expect(run.rules.filter((r) => 'weak' in r)).toHaveLength(2);
  });

  it('JSON carries the field only where it is set', () => {
    const { run, passed } = runWithWeakRules();
    const read = JSON.parse(renderJson(run)) as ConformanceRun;
    expect(read.schemaVersion).toBe(reportSchemaVersion);
    expect(read.rules.find((r) => r.id === passed)!.weak).toBe(true);
    expect(renderJson(sampleRun())).not.toContain('"weak"');
  });

  it('Markdown counts them next to the totals, lists them, and marks a weak failure', () => {
    const { run, passed, failed } = runWithWeakRules();
    const text = renderMarkdown(run);
    expect(text).toContain('🔸 2 weak');
    expect(text).toMatch(new RegExp(`- 🔸 \\*\\*${passed}\\*\\*.*\\(passed\\)`));
    expect(text).toContain(`❌ 🔸 <b>${failed}</b>`);
    expect(renderMarkdown(sampleRun())).not.toContain('🔸');
  });

  it('HTML dashes them in the grid and labels them in their section', () => {
    const { run, passed } = runWithWeakRules();
    const html = renderHtml(run);
    expect(html).toContain(`class="s-passed weak" href="#rule-${passed}"`);
    expect(html.match(/<span class="weak-mark"/g)).toHaveLength(2);
    expect(html).toContain('Dashed: 2 weak rules');
    expect(renderHtml(sampleRun())).not.toContain('weak-mark"');
  });

  it('JUnit gives a weak passing test case a weak property and says why', () => {
    const { run, passed } = runWithWeakRules();
    const xml = renderJunit(run);
    const testcase = xml.split('<testcase').find((t) => t.includes(`name="${passed} `))!;
    expect(testcase).toContain('<property name="weak" value="true"/>');
    expect(testcase).toContain('<system-out>weak: no shipped mutant');
    expect(renderJunit(sampleRun())).not.toContain('name="weak"');
  });
});
