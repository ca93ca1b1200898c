import { describe, expect, it } from 'vitest';
import { areas, rulesByRole } from '../../../spec/index.js';
import { shortReason } from '../../../conformance/report/_internals/shortReason.js';
import { columnKeys, compatibilityMatrix, type CompatibilityInput } from '../../../conformance/report/CompatibilityMatrix.js';
import { CompatibilityNotesError, parseCompatibilityNotes, type CompatibilityNotes } from '../../../conformance/report/CompatibilityNotes.js';
import { totalsOf, type ConformanceRun, type RuleOutcome, type RuleStatus } from '../../../conformance/report/ConformanceRun.js';
import { renderCompatibilityHtml } from '../../../conformance/report/renderCompatibilityHtml.js';
import { renderCompatibilityMarkdown } from '../../../conformance/report/renderCompatibilityMarkdown.js';
import { renderHtml } from '../../../conformance/report/renderHtml.js';
import { hostile, sampleRun } from './_sampleRun.js';

const runtimeRules = rulesByRole('runtime');
const ruleIds = runtimeRules.map((r) => r.id);

/** A run of every runtime rule by `adapter`: passed unless `statuses` says otherwise. */
function runOf(adapter: string, statuses: Readonly<Record<string, RuleStatus>> = {}, source = `./${adapter}.ts`): ConformanceRun {
  const base = sampleRun();
  const template = base.rules.find((r) => r.status === 'failed')!;
  const rules = runtimeRules.map((rule): RuleOutcome => {
    const status = statuses[rule.id] ?? 'passed';
    const common = { id: rule.id, area: rule.area, level: rule.level, title: rule.title, statement: rule.statement, hints: rule.hints, properties: ['p'], runs: 5, durationMs: 3 };
    if (status === 'passed') return { ...common, status };
    if (status === 'skipped' || status === 'unexercised') return { ...common, status, reason: `adapter does not declare watch, watch.death-pact (${adapter})` };
    return { ...common, status, ...(status !== 'failed' ? { reason: `${status}: the adapter broke` } : {}), counterexample: { ...template.counterexample!, replayToken: `acr1.${adapter}-${rule.id}` } };
  });
  return { ...base, adapter: { name: adapter, version: '1.0.0', source }, rules, totals: totalsOf(rules) };
}

const reference: CompatibilityInput = { run: runOf('reference-runtime', {}, 'built-in reference runtime'), thirdParty: false, htmlReport: 'reference-runtime/conformance.html' };
const other: CompatibilityInput = {
  run: runOf('other', { 'LIF-04': 'failed', 'SUP-07': 'error', 'WATCH-01': 'skipped', 'STASH-01': 'unexercised' }),
  thirdParty: true,
  htmlReport: 'other/conformance.html',
};
const notes: CompatibilityNotes = {
  other: {
    'LIF-04': { verdict: 'bug', sentence: 'Children are unlinked but never stopped.' },
    'SUP-07': { verdict: 'difference', sentence: 'It never limits restarts, by design.' },
  },
};

describe('the compatibility matrix', () => {
  it('has every rule the runs hold, once, grouped by area in registry order, with the registry\'s level and title', () => {
    const stale = { ...other.run, rules: other.run.rules.map((r) => (r.id === 'LIF-01' ? { ...r, title: 'an old title', level: 'MAY' as const } : r)) };
    const matrix = compatibilityMatrix([reference, { ...other, run: stale }]);
    expect(matrix.areas.flatMap((a) => a.rows.map((r) => r.id))).toEqual(ruleIds);
    expect(matrix.areas.map((a) => a.id)).toEqual(Object.keys(areas).filter((id) => runtimeRules.some((r) => r.area === id)));
    const lif01 = matrix.areas[0]!.rows[0]!;
    expect(lif01).toMatchObject({ id: 'LIF-01', level: 'MUST', title: runtimeRules[0]!.title });

    const markdown = renderCompatibilityMarkdown(matrix);
    const html = renderCompatibilityHtml(matrix);
    for (const id of ruleIds) {
      expect(markdown.match(new RegExp(`^\\| ${id} \\|`, 'gm'))).toHaveLength(1);
      expect(html.match(new RegExp(`<tr id="rule-${id}">`, 'g'))).toHaveLength(1);
    }
    expect(markdown).not.toContain('an old title');
  });

  it('marks a rule one implementation did not run as not run', () => {
    const partial = { ...reference.run, rules: reference.run.rules.filter((r) => r.area === 'LIF') };
    const matrix = compatibilityMatrix([{ ...reference, run: partial }, other]);
    const sup01 = matrix.areas.find((a) => a.id === 'SUP')!.rows[0]!;
    expect(sup01.cells.map((c) => c.status)).toEqual(['not-run', 'passed']);
    expect(renderCompatibilityMarkdown(matrix)).toMatch(/^\| SUP-01 \| MUST \| .* \| — \| ✅ passed \|$/m);
  });

  it('links a failed cell to its details in the Markdown: shrunk steps, replay command and explanation', () => {
    const markdown = renderCompatibilityMarkdown(compatibilityMatrix([reference, other], { notes }));
    expect(markdown).toMatch(/^\| LIF-04 \| MUST \| .* \| ✅ passed \| ❌ \[failed\]\(#fail-other-lif-04\) \(bug\) \|$/m);
    const section = markdown.slice(markdown.indexOf('<a id="fail-other-lif-04"></a>'));
    expect(section.length).toBeLessThan(markdown.length);
    expect(section).toContain('**Bug of other:** Children are unlinked but never stopped.');
    expect(section).toContain('counterexample:\n  spawn a0[any→restart]');
    expect(section).toContain('Replay: `npx actor-conformance --adapter ./other.ts --replay acr1.other-LIF-04`');
    expect(markdown).toContain('<a id="fail-other-sup-07"></a>');
    expect(markdown).toContain('**Deliberate difference:** It never limits restarts, by design.');
    expect(markdown).toMatch(/^\| other 1\.0\.0 \| \.\/other\.ts \| \d+ \| 1 \| 1 \| 0 \| 1 \| 1 \| 1 bug, 1 difference \|$/m);
  });

  it('links a failed cell of the HTML to the counterexample in that implementation\'s own report', () => {
    const html = renderCompatibilityHtml(compatibilityMatrix([reference, other], { notes }));
    expect(html).toContain('<a class="counterexample" href="other/conformance.html#rule-LIF-04">failed</a>');
    expect(html).toContain('<a class="verdict v-bug" href="#fail-other-lif-04" title="Children are unlinked but never stopped.">bug</a>');
    expect(html).toContain('<div class="failure" id="fail-other-lif-04">');
    // The anchor it links to is the one the per-implementation report gives that rule.
    expect(renderHtml(other.run)).toContain('id="rule-LIF-04"');
    // Without a report of its own, the cell links to the details on the page.
    const noReport = renderCompatibilityHtml(compatibilityMatrix([{ run: other.run, thirdParty: true }]));
    expect(noReport).toContain('<a class="counterexample" href="#fail-other-lif-04">failed</a>');
  });

  it('abbreviates the reason of a skipped cell, with the full text on hover and in a numbered footnote shared by equal reasons', () => {
    const twice = { ...other, run: runOf('other', { 'WATCH-01': 'skipped', 'WATCH-02': 'skipped' }) };
    const matrix = compatibilityMatrix([reference, twice]);
    expect(matrix.reasons).toEqual(['adapter does not declare watch, watch.death-pact (other)']);
    const markdown = renderCompatibilityMarkdown(matrix);
    const footnote = '<sup>[1](#reason-1 "adapter does not declare watch, watch.death-pact (other)")</sup>';
    expect(markdown).toMatch(/^\| WATCH-01 \| .* \| ⏭️ no watch \+1<sup>.*<\/sup> \|$/m);
    expect(markdown.split('\n').filter((line) => line.endsWith(`| ⏭️ no watch +1${footnote} |`)).map((line) => line.slice(2, 10))).toEqual(['WATCH-01', 'WATCH-02']);
    expect(markdown).toContain('1. <a id="reason-1"></a>adapter does not declare watch, watch.death-pact (other)');
    const html = renderCompatibilityHtml(matrix);
    expect(html).toContain('<abbr title="adapter does not declare watch, watch.death-pact (other)">no watch +1</abbr><sup><a href="#reason-1">1</a></sup>');
    expect(html).toContain('<li id="reason-1">adapter does not declare watch, watch.death-pact (other)</li>');
  });

  it('escapes everything the adapter controls', () => {
    const evil = sampleRun();
    const matrix = compatibilityMatrix([{ run: evil, thirdParty: true, htmlReport: 'evil/conformance.html' }]);
    const html = renderCompatibilityHtml(matrix);
    expect(html).not.toMatch(/<script|<img|onerror="/i);
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    const markdown = renderCompatibilityMarkdown(matrix);
    // Code blocks and spans show text verbatim and never as markup.
    const outsideFences = markdown.replace(/(`{3,})text\n[\s\S]*?\n\1/g, '').replace(/^Replay: (`+).*\1$/gm, '');
    expect(outsideFences).not.toMatch(/<script|<img/i);
    expect(outsideFences).toContain('evil &lt;script&gt;');
    // Inside a fence the adapter's text is verbatim, and the fence outgrows its backticks.
    expect(markdown).toContain(`\`\`\`\`text\nafter tell a0:\n  - unexpected event #0: a0: ${hostile}`);
    expect(matrix.columns[0]!.key).toMatch(/^evil-script-window-pwned-[a-z0-9-]+$/);
    expect(matrix.columns[0]!.key.length).toBeLessThanOrEqual(40);
  });

  it('gives the same text for the same outcomes, whenever and wherever they ran', () => {
    const later = { ...other.run, startedAt: '2030-01-01T00:00:00.000Z', durationMs: 99_999, runtime: { node: 'v99', platform: 'elsewhere' }, rules: other.run.rules.map((r) => ({ ...r, durationMs: 7 })) };
    const once = compatibilityMatrix([reference, other], { notes });
    const again = compatibilityMatrix([reference, { ...other, run: later }], { notes });
    expect(renderCompatibilityMarkdown(again)).toBe(renderCompatibilityMarkdown(once));
    expect(renderCompatibilityHtml(again)).toBe(renderCompatibilityHtml(once));
  });

  it('requires an explanation for every third-party failure, and none for what did not fail', () => {
    const missing = (() => {
      try {
        compatibilityMatrix([reference, other], { notes: { other: { 'LIF-04': notes.other!['LIF-04']! } }, requireExplanations: true });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(missing).toBeInstanceOf(CompatibilityNotesError);
    expect(missing).toMatchObject({ code: 'NOTE_MISSING' });
    expect((missing as Error).message).toContain('other › SUP-07 (error): error: the adapter broke');
    expect(() => compatibilityMatrix([reference, other], { notes: { other: { ...notes.other, 'LIF-01': notes.other!['LIF-04']! } }, requireExplanations: true })).toThrow(
      expect.objectContaining({ code: 'NOTE_UNUSED', message: expect.stringContaining('other › LIF-01: passed') }),
    );
    // The reference runtime's failures are the kit's own bugs, not findings: no note needed.
    const brokenReference = { ...reference, run: runOf('reference-runtime', { 'LIF-01': 'failed' }) };
    expect(() => compatibilityMatrix([brokenReference, other], { notes, requireExplanations: true })).not.toThrow();
    // A note for a rule that was not selected is not stale, only not checked.
    const lifOnly = { ...other, run: { ...other.run, rules: other.run.rules.filter((r) => r.area === 'LIF') } };
    expect(() => compatibilityMatrix([lifOnly], { notes: { other: { 'LIF-04': notes.other!['LIF-04']!, 'SUP-07': notes.other!['SUP-07']! } }, requireExplanations: true })).not.toThrow();
  });

  it('names each column after its adapter, uniquely', () => {
    expect(columnKeys(['nact', 'nact', 'mutant: post-stop-on-restart', '<>', 'nact'])).toEqual(['nact', 'nact-2', 'mutant-post-stop-on-restart', 'adapter', 'nact-3']);
  });

  it('shortens the engine\'s reasons to a few words', () => {
    expect(shortReason('adapter does not declare hooks')).toBe('no hooks');
    expect(shortReason('supervision.strategies: nact does not declare lifecycle.pre-restart; watch.failure-bubbling: nact does not declare watch')).toBe('no lifecycle.pre-restart +1');
    expect(shortReason('no property checks this rule yet')).toBe('no property yet');
    expect(shortReason('no generated run of watch.registration reached it')).toBe('not reached');
    expect(shortReason('a reason of a kind the engine does not give yet')).toBe('a reason of a kind the…');
  });
});

describe('the notes file', () => {
  const parse = (value: unknown): CompatibilityNotes => parseCompatibilityNotes(typeof value === 'string' ? value : JSON.stringify(value), 'notes.json', ruleIds);

  it('reads explanations by adapter and rule, ignoring $-comments', () => {
    expect(parse({ $comment: 'x', nact: { $comment: 'y', 'LIF-04': { verdict: 'bug', sentence: ' It loses children. ' } } })).toEqual({ nact: { 'LIF-04': { verdict: 'bug', sentence: 'It loses children.' } } });
  });

  it('names the first problem and where it is', () => {
    const problem = (value: unknown): string => {
      try {
        parse(value);
      } catch (error) {
        expect(error).toMatchObject({ code: 'NOTES_INVALID' });
        return (error as Error).message;
      }
      throw new Error('no problem found');
    };
    expect(problem('{')).toMatch(/^notes\.json: is not JSON/);
    expect(problem([])).toContain('must be an object keyed by adapter name');
    expect(problem({ nact: { 'lif-04': { verdict: 'bug', sentence: 'A.' } } })).toContain('"nact" › "lif-04" names no rule of the registry');
    expect(problem({ nact: { 'LIF-04': { verdict: 'feature', sentence: 'A.' } } })).toContain('"nact" › "LIF-04" has verdict "feature"; use "bug"');
    expect(problem({ nact: { 'LIF-04': { verdict: 'bug' } } })).toContain('needs a "sentence"');
    expect(problem({ nact: { 'LIF-04': { verdict: 'bug', sentence: 'two\nlines.' } } })).toContain('needs a "sentence"');
    expect(problem({ nact: { 'LIF-04': { verdict: 'bug', sentence: 'A.', seed: 3 } } })).toContain('unknown field seed');
  });
});
