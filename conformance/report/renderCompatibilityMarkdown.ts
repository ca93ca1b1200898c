import type { CompatibilityMatrix, MatrixCell, MatrixColumn, MatrixFailure } from './CompatibilityMatrix.js';
import { cellLabels, columnTitle, failureText, replayCommand, seedsOf, summaryStatuses, verdictCounts, verdictLabel } from './_internals/compatibilityText.js';
import { escapeMarkdown } from './_internals/escape.js';
import { fencedBlock, inlineCode } from './_internals/markdownCode.js';

/** Markdown-safe text; quotes need no entity outside attributes, and the committed doc reads better without. */
const md = (text: string): string => escapeMarkdown(text).replace(/&#39;/g, "'").replace(/&quot;/g, '"');

const icons: Readonly<Record<MatrixCell['status'], string>> = { passed: '✅', failed: '❌', error: '💥', flaky: '🔁', skipped: '⏭️', unexercised: '◻️', 'not-run': '—' };

/** Options of {@link renderCompatibilityMarkdown}. @public */
export interface CompatibilityMarkdownOptions {
  /** Lines put right under the title, verbatim (say, how the file was generated). */
  readonly preamble?: readonly string[];
}

/** A link title (shown on hover): quotes stay entities, and a trailing backslash must not escape the closing quote. */
const linkTitle = (text: string): string => escapeMarkdown(text).replace(/\\$/, '\\ ');

function cell(c: MatrixCell): string {
  const label = cellLabels[c.status];
  if (c.anchor !== undefined) return `${icons[c.status]} [${label}](#${c.anchor})${c.explanation !== undefined ? ` (${c.explanation.verdict})` : ''}`;
  if (c.reason !== undefined) return `${icons[c.status]} ${md(c.reason.short)}<sup>[${c.reason.footnote}](#reason-${c.reason.footnote} "${linkTitle(c.reason.text)}")</sup>`;
  return c.status === 'not-run' ? icons['not-run'] : `${icons[c.status]} ${label}`;
}

function summaryRow(column: MatrixColumn): string {
  const counts = summaryStatuses.map((s) => String(column.totals[s]));
  const explained = column.thirdParty ? verdictCounts(column) || 'none' : 'n/a (reference)';
  return `| ${md(columnTitle(column))} | ${md(column.adapter.source)} | ${counts.join(' | ')} | ${explained} |`;
}

function failureSection(failure: MatrixFailure): string[] {
  const { column, row, cell: c } = failure;
  const why =
    c.explanation !== undefined
      ? [`**${md(verdictLabel(c.explanation, column))}:** ${md(c.explanation.sentence)}`, '']
      : column.thirdParty
        ? ['*Not explained in the notes yet.*', '']
        : [];
  return [
    `<a id="${c.anchor}"></a>`,
    '',
    `#### ${icons[c.status]} ${md(row.id)} ${md(row.title)} (${cellLabels[c.status]})`,
    '',
    ...why,
    ...fencedBlock(failureText(c)),
    '',
    ...(c.counterexample !== undefined ? [`Replay: ${inlineCode(replayCommand(column, c.counterexample.replayToken))}`, ''] : []),
  ];
}

/**
 * `compatibility.md`: rules down (grouped by area, with ID, level and title from the
 * registry), implementations across; a failed cell links to a section under the tables with
 * the shrunk counterexample, its replay command and, for a third-party runtime, the sentence
 * saying whether it is a bug or a deliberate difference; a skipped cell gives its reason in
 * a few words and links to the full text. Nothing in it depends on the time or machine of the
 * runs, so the same runs always give the same file.
 *
 * @public
 */
export function renderCompatibilityMarkdown(matrix: CompatibilityMatrix, options: CompatibilityMarkdownOptions = {}): string {
  const titles = matrix.columns.map((c) => md(columnTitle(c)));
  const ruleCount = matrix.areas.reduce((n, a) => n + a.rows.length, 0);
  const legend = (['passed', 'failed', 'error', 'flaky', 'skipped', 'unexercised', 'not-run'] as const).map((s) => `${icons[s]} ${cellLabels[s]}`).join(' · ');
  const byColumn = matrix.columns.map((column) => ({ column, failures: matrix.failures.filter((f) => f.column === column) })).filter((c) => c.failures.length > 0);
  return [
    '# Compatibility matrix',
    '',
    ...(options.preamble !== undefined ? [...options.preamble, ''] : []),
    `${matrix.columns.length} implementation(s) against ${ruleCount} rules of ${md(matrix.kit.name)} ${md(matrix.kit.version)}, seed ${seedsOf(matrix.columns)}.`,
    `Cells: ${legend}. A failed cell links to its shrunk counterexample below; a small number links to the full reason a rule was skipped or not reached.`,
    '',
    '## Summary',
    '',
    `| implementation | adapter | ${summaryStatuses.join(' | ')} | explained failures |`,
    `|---|---|${summaryStatuses.map(() => '---:').join('|')}|---|`,
    ...matrix.columns.map(summaryRow),
    '',
    '## Rules',
    '',
    ...matrix.areas.flatMap((area) => [
      `### ${md(area.id)} · ${md(area.title)}`,
      '',
      `| rule | level | title | ${titles.join(' | ')} |`,
      `|---|---|---|${titles.map(() => '---').join('|')}|`,
      ...area.rows.map((row) => `| ${md(row.id)} | ${row.level} | ${md(row.title)} | ${row.cells.map(cell).join(' | ')} |`),
      '',
    ]),
    ...(byColumn.length > 0
      ? ['## Failures', '', ...byColumn.flatMap(({ column, failures }) => [`### ${md(columnTitle(column))}`, '', ...failures.flatMap(failureSection)])]
      : []),
    ...(matrix.reasons.length > 0
      ? ['## Why rules were skipped or not reached', '', ...matrix.reasons.map((text, i) => `${i + 1}. <a id="reason-${i + 1}"></a>${md(text)}`), '']
      : []),
  ].join('\n');
}
