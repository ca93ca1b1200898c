import { describe, expect, it } from 'vitest';
import { decodeMappings } from '../../../conformance/report/_internals/sourceMapSegments.js';
import { regressionsAgainst } from '../../../conformance/report/baseline.js';
import { conforms } from '../../../conformance/report/ConformanceRun.js';
import { mergeRuns } from '../../../conformance/report/mergeRuns.js';
import { InvalidReportError, parseReport } from '../../../conformance/report/parseReport.js';
import { renderHtml } from '../../../conformance/report/renderHtml.js';
import { renderJson } from '../../../conformance/report/renderJson.js';
import { renderJunit } from '../../../conformance/report/renderJunit.js';
import { renderMarkdown } from '../../../conformance/report/renderMarkdown.js';
import { hostile, sampleRun } from './_sampleRun.js';

describe('reports from one result model', () => {
  const run = sampleRun();

  it('JSON is the model itself, read back with its schema version checked', () => {
    const expected = { kit: run.kit, ruleIds: run.rules.map((r) => r.id) };
    expect(parseReport(renderJson(run), 'r.json', expected)).toEqual(run);
    expect(() => parseReport(JSON.stringify({ ...run, schemaVersion: 99 }), 'old.json', expected)).toThrow(/schema 99/);
    expect(() => parseReport('{', 'broken.json', expected)).toThrow(InvalidReportError);
  });

  it('JUnit has one test case per rule with failures, errors and skips counted, and no raw adapter markup', () => {
    const xml = renderJunit(run);
    expect(xml.match(/<testcase /g)).toHaveLength(run.rules.length);
    expect(xml).toContain(`failures="${run.totals.failed}" errors="${run.totals.error}"`);
    expect(xml).toContain('<failure message=');
    expect(xml).toContain('<error message=');
    expect(xml).toContain('<skipped message=');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]></failure>');
    expect(xml).toContain('&lt;script&gt;');
  });

  it('Markdown summarises per area and shows each failure with its replay command, escaped', () => {
    const text = renderMarkdown(run);
    expect(text).toContain('❌ does not conform');
    expect(text).toMatch(/\| LIF Lifecycle and signals \| 1 \| 2 \| 1 \| 2 \| 1 \| 1 \|/);
    expect(text).toContain('npx actor-conformance --replay acr1.eyJmYW1pbHkiOiJ4In0');
    expect(text).toContain('1 rules no generated run reached');
    const outsideFences = text.replace(/(`{3,})text\n[\s\S]*?\n\1/g, '');
    expect(outsideFences).not.toContain('<script>');
    expect(outsideFences).not.toContain('<img');
  });

  it('HTML is one page with no script and no external resource, everything from the adapter escaped', () => {
    const html = renderHtml(run);
    expect(html).not.toMatch(/<script|<img|onerror="|src="http|href="http/);
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain(hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
  });

  it('a run conforms only with no failed or error rule; flaky does not break it', () => {
    expect(conforms(run)).toBe(false);
    expect(conforms({ rules: run.rules.filter((r) => r.status !== 'failed' && r.status !== 'error') })).toBe(true);
  });

  it('a baseline forgives rules that were already broken and flags those that passed', () => {
    const current = { rules: run.rules };
    expect(regressionsAgainst({ rules: run.rules }, current)).toEqual([]);
    const allPassed = { rules: run.rules.map((r) => ({ ...r, status: 'passed' as const })) };
    expect(regressionsAgainst(allPassed, current).map((r) => r.status).sort()).toEqual(['error', 'failed', 'failed']);
  });

  it('merging shards restores registry order and recounts; mismatched shards are refused', () => {
    const order = run.rules.map((r) => r.id);
    const odd = { ...run, shard: { index: 1, total: 2 }, rules: run.rules.filter((_, i) => i % 2 === 0) };
    const even = { ...run, shard: { index: 2, total: 2 }, rules: run.rules.filter((_, i) => i % 2 === 1) };
    const merged = mergeRuns([even, odd], order);
    expect(merged.rules.map((r) => r.id)).toEqual(order);
    expect(merged.totals).toEqual(run.totals);
    expect(() => mergeRuns([odd, { ...even, seed: 1 }], order)).toThrow(/different seeds/);
    expect(() => mergeRuns([odd, { ...even, adapter: { ...even.adapter, name: 'other' } }], order)).toThrow(/different adapters/);
    expect(() => mergeRuns([], order)).toThrow(/nothing to merge/);
  });

  it('source-map segments decode with relative fields carried across lines', () => {
    // Columns restart on each generated line; source, line and column deltas carry over (IAAC: +4 generated, +1 original column).
    expect(decodeMappings('AAAA,IAAC;AACA;;KAAE')).toEqual([
      { generatedLine: 0, generatedColumn: 0, source: 0, originalLine: 0 },
      { generatedLine: 0, generatedColumn: 4, source: 0, originalLine: 0 },
      { generatedLine: 1, generatedColumn: 0, source: 0, originalLine: 1 },
      { generatedLine: 3, generatedColumn: 5, source: 0, originalLine: 1 },
    ]);
  });
});
