import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../spec/index.js';
import { reportJsonSchema as generate, reportSchemaFiles, reportSchemaTexts } from '../../../conformance/report/_internals/generateReportSchema.js';
import type { ConformanceRun } from '../../../conformance/report/ConformanceRun.js';
import { boundedBySchema, boundedRun, reportJsonSchema, schemaProblems, truncated } from '../../../conformance/report/reportSchema.js';
import { renderJson } from '../../../conformance/report/renderJson.js';
import { sampleRun } from './_sampleRun.js';

const five = 5 * 1024 * 1024;

describe('the report schema', () => {
  it('is generated from the report types, and the committed files are current (npm run schema:generate)', async () => {
    const texts = reportSchemaTexts(generate());
    expect(await readFile(reportSchemaFiles.json, 'utf8')).toBe(texts.json);
    expect(await readFile(reportSchemaFiles.module, 'utf8')).toBe(texts.module);
  });

  it('is published with the package', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string>; files: string[] };
    const published = manifest.exports['./conformance-report.schema.json']!;
    expect(fileURLToPath(new URL(`../../../${published}`, import.meta.url))).toBe(reportSchemaFiles.json);
    // Listed by its own path: the package ships no other file of conformance/report/ (test/package/tarball.test.ts packs it).
    expect(manifest.files).toContain(published.replace(/^\.\//, ''));
  });

  it('follows the types: a field added to them is described, typed and bounded without other code', () => {
    const extended = generate(fileURLToPath(new URL('../../fixtures/report-types/ExtendedRun.ts', import.meta.url)));
    const run = extended.$defs!['ConformanceRun']!;
    expect(run.properties!['tags']).toEqual({ description: 'Whatever the run was tagged with.', type: 'array', maxItems: 3, items: { type: 'string', maxLength: 1000 } });
    expect(run.required).not.toContain('tags');
    expect(extended.$defs!['PropertyRun']).toMatchObject({
      required: ['property', 'note', 'runs', 'verdict', 'perOperation', 'lastError'],
      properties: {
        note: { type: 'string', maxLength: 50 },
        runs: { type: 'integer', minimum: 0 },
        verdict: { enum: ['held', 'broke'] },
        perOperation: { type: 'object', properties: {}, additionalProperties: { type: 'number' }, maxProperties: 1000 },
        lastError: { anyOf: [{ type: 'null' }, { type: 'string', maxLength: 1000 }] },
      },
    });
    // Validated and bounded from that schema alone.
    const sample = sampleRun();
    const propertyRun = { property: 'p', note: 'n'.repeat(80), runs: 3, verdict: 'held', perOperation: Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`op${i}`, i])), lastError: null };
    const withRuns = { ...sample, rules: sample.rules.map((r) => ({ ...r, propertyRuns: [propertyRun] })), tags: ['a', 'b', 'c', 'd'] };
    const problems = schemaProblems(withRuns, extended, 100);
    expect(problems).toContain('/rules/0/propertyRuns/0/note: longer than 50 characters (80)');
    expect(problems).toContain('/rules/0/propertyRuns/0/perOperation: more than 1000 fields (1500)');
    expect(problems).toContain('/tags: more than 3 items (4)');
    const cut = boundedBySchema(withRuns, extended) as typeof withRuns;
    expect(schemaProblems(cut, extended)).toEqual([]);
    expect(cut.tags).toEqual(['a', '… [2 more omitted]', 'd']);
    expect(schemaProblems({ ...withRuns, tags: [], rules: [{ ...withRuns.rules[0], propertyRuns: [{ ...propertyRun, note: 'ok', perOperation: {}, lastError: 7 }] }] }, extended)).toEqual(['/rules/0/propertyRuns/0/lastError: number 7 matches none of the allowed forms']);
  });

  it('accepts the reports the kit writes', () => {
    expect(schemaProblems(sampleRun())).toEqual([]);
    expect(schemaProblems(JSON.parse(renderJson(sampleRun())))).toEqual([]);
  });

  it('names what is wrong, with where', () => {
    const run = sampleRun();
    expect(schemaProblems({ ...run, rules: [null] })).toEqual(['/rules/0: expected an object, got null']);
    expect(schemaProblems({ ...run, rules: [{ ...run.rules[0], status: 'PASSED' }] })[0]).toMatch(/^\/rules\/0\/status: "PASSED" is not one of (\w+, )*passed/);
    expect(schemaProblems({ ...run, adapter: { name: 'x' } })).toEqual(['/adapter: missing version', '/adapter: missing source']);
    expect(schemaProblems({ ...run, capabilities: ['telepathy'] })[0]).toMatch(/^\/capabilities\/0: "telepathy" is not one of/);
    expect(schemaProblems({ ...run, durationMs: Number.NaN })).toEqual(['/durationMs: expected a number, got number NaN']);
    expect(schemaProblems(null)).toEqual(['the report: expected an object, got null']);
  });
});

describe('bounding adapter-supplied text', () => {
  const hugeRun = (): ConformanceRun => {
    const run = sampleRun();
    const path = `/user/${'a'.repeat(five)}`;
    return {
      ...run,
      adapter: { ...run.adapter, name: `n${'x'.repeat(five)}`, version: 'v'.repeat(five) },
      rules: run.rules.map((rule) => ({
        ...rule,
        reason: `because ${path}`,
        ...(rule.counterexample !== undefined
          ? { counterexample: { ...rule.counterexample, message: `unexpected event of ${path}`, steps: Array.from({ length: 100_000 }, (_, i) => (i % 25_000 === 0 ? `tell ${path} ${i}` : `tell a${i} ${i}`)), historyExcerpt: [path, path, `end ${path}`] } }
          : {}),
      })),
    };
  };

  it('cuts every string and list to the schema\'s bounds, with a visible marker, so a 5 MB actor path makes a small report', () => {
    const bounded = boundedRun(hugeRun());
    expect(schemaProblems(bounded)).toEqual([]);
    const text = renderJson(bounded);
    expect(text.length).toBeLessThan(2_000_000);
    expect(bounded.adapter.name).toMatch(/^nx+… \[truncated: 5242881 characters\]$/);
    const broken = bounded.rules.find((r) => r.counterexample !== undefined)!.counterexample!;
    expect(broken.message.length).toBeLessThanOrEqual(16_000);
    expect(broken.message).toContain('[truncated: ');
    expect(broken.steps).toHaveLength(200);
    expect(broken.steps).toContain(`… [${100_000 - 199} more omitted]`);
    expect(broken.steps.at(-1)).toMatch(/ 99999$/);
    expect(boundedRun(bounded)).toEqual(bounded);
  });

  it('leaves a report within bounds exactly as it was, whatever the registry says of every rule', () => {
    const run = sampleRun();
    expect(boundedRun(run)).toEqual(run);
    const [template] = run.rules;
    const everyRule = rules.map((rule) => ({ ...template!, id: rule.id, area: rule.area, level: rule.level, title: rule.title, statement: rule.statement, hints: rule.hints }));
    expect(boundedRun({ ...run, rules: everyRule })).toEqual({ ...run, rules: everyRule });
  });

  it('never cuts a character in half, and the marker fits the bound', () => {
    const emoji = '😀'.repeat(100);
    for (const max of [10, 50, 51, 52, 60]) {
      const cut = truncated(emoji, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(truncated('short', 10)).toBe('short');
  });

  it('the schema bounds every string and every list', () => {
    const unbounded: string[] = [];
    const visit = (schema: unknown, at: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as Record<string, unknown>;
      if (s['type'] === 'string' && s['enum'] === undefined && typeof s['maxLength'] !== 'number') unbounded.push(at);
      if (s['type'] === 'array' && typeof s['maxItems'] !== 'number') unbounded.push(at);
      for (const [key, value] of Object.entries(s)) visit(value, `${at}/${key}`);
    };
    visit(reportJsonSchema, '');
    expect(unbounded).toEqual([]);
  });
});
