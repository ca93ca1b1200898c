import type { CompatibilityMatrix, MatrixCell, MatrixColumn, MatrixFailure } from './CompatibilityMatrix.js';
import { cellLabels, columnTitle, failureText, replayCommand, seedsOf, summaryStatuses, verdictCounts, verdictLabel } from './_internals/compatibilityText.js';
import { escapeMarkup as x } from './_internals/escape.js';
import { htmlPage } from './_internals/htmlPage.js';

const style = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:20px 0 6px}
.meta{color:#555;margin-bottom:16px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f7}.num{text-align:right}.id{font:600 13px ui-monospace,monospace;white-space:nowrap}
.s-passed{background:#d9f2dc}.s-failed{background:#f9d3d0}.s-error{background:#f4c2e8}.s-flaky{background:#fbe7b5}.s-skipped{background:#eceff1;color:#555}.s-unexercised{background:#fff;color:#777}.s-not-run{background:#fff;color:#aaa}
table.matrix{width:100%;table-layout:fixed}table.matrix th:nth-child(1){width:84px}table.matrix th:nth-child(2){width:64px}table.matrix th:nth-child(3){width:32%}
td.cell{font-size:13px;overflow-wrap:anywhere}td.cell a{color:inherit}abbr{text-decoration:underline dotted}
.verdict{display:inline-block;font:11px ui-monospace,monospace;padding:0 4px;border-radius:3px;margin-left:4px;text-decoration:none}.v-bug{background:#c62828;color:#fff}.v-difference{background:#1565c0;color:#fff}
.failure{border:1px solid #ddd;border-radius:4px;margin:8px 0;padding:4px 10px}
pre{background:#f5f5f7;padding:8px;white-space:pre-wrap;word-break:break-word;margin:6px 0}
.token{font:11px ui-monospace,monospace;word-break:break-all;color:#444}
ol.reasons li{margin:2px 0}
`;

function cell(c: MatrixCell, column: MatrixColumn, ruleId: string): string {
  const label = cellLabels[c.status];
  const open = `<td class="cell s-${c.status}">`;
  if (c.anchor !== undefined) {
    // The implementation's own report draws the counterexample as a timeline; without one, the details below.
    const target = column.htmlReport !== undefined ? `${x(column.htmlReport)}#rule-${x(ruleId)}` : `#${c.anchor}`;
    const verdict = c.explanation !== undefined ? `<a class="verdict v-${c.explanation.verdict}" href="#${c.anchor}" title="${x(c.explanation.sentence)}">${c.explanation.verdict}</a>` : '';
    return `${open}<a class="counterexample" href="${target}">${label}</a>${verdict}</td>`;
  }
  if (c.reason !== undefined) {
    return `${open}<abbr title="${x(c.reason.text)}">${x(c.reason.short)}</abbr><sup><a href="#reason-${c.reason.footnote}">${c.reason.footnote}</a></sup></td>`;
  }
  return `${open}${label}</td>`;
}

function failureSection(failure: MatrixFailure): string {
  const { column, row, cell: c } = failure;
  const why =
    c.explanation !== undefined
      ? `<p class="explanation"><b>${x(verdictLabel(c.explanation, column))}:</b> ${x(c.explanation.sentence)}</p>`
      : column.thirdParty
        ? '<p class="explanation"><i>Not explained in the notes yet.</i></p>'
        : '';
  const report = column.htmlReport !== undefined ? ` · <a href="${x(column.htmlReport)}#rule-${x(row.id)}">timeline in the ${x(column.adapter.name)} report</a>` : '';
  return [
    `<div class="failure" id="${c.anchor}">`,
    `<h3><span class="id">${x(row.id)}</span> ${x(row.title)}: <span class="s-${c.status}">${cellLabels[c.status]}</span> in ${x(columnTitle(column))}${report}</h3>`,
    why,
    `<pre class="steps">${x(failureText(c))}</pre>`,
    c.counterexample !== undefined ? `<p>Replay: <code class="token">${x(replayCommand(column, c.counterexample.replayToken))}</code></p>` : '',
    '</div>',
  ].join('\n');
}

/**
 * `compatibility.html`: the matrix as one page with no script and no external resource:
 * a summary row per implementation, then rules down (grouped by area) and implementations
 * across. A failed cell links to the counterexample in that implementation's own HTML report
 * and carries the verdict of its explanation; a skipped cell shows its reason in a few words,
 * the full text on hover and in a numbered footnote. Everything is escaped.
 *
 * @public
 */
export function renderCompatibilityHtml(matrix: CompatibilityMatrix): string {
  const heads = matrix.columns.map((c) => `<th>${x(columnTitle(c))}</th>`).join('');
  const summary = [
    `<table class="summary"><tr><th>implementation</th><th>adapter</th>${summaryStatuses.map((s) => `<th class="s-${s}">${cellLabels[s]}</th>`).join('')}<th>explained failures</th></tr>`,
    ...matrix.columns.map((column) => {
      const name = column.htmlReport !== undefined ? `<a href="${x(column.htmlReport)}">${x(columnTitle(column))}</a>` : x(columnTitle(column));
      const explained = column.thirdParty ? verdictCounts(column) || 'none' : 'n/a (reference)';
      return `<tr><td>${name}</td><td>${x(column.adapter.source)}</td>${summaryStatuses.map((s) => `<td class="num">${column.totals[s]}</td>`).join('')}<td>${x(explained)}</td></tr>`;
    }),
    '</table>',
  ].join('\n');
  const tables = matrix.areas.map((area) =>
    [
      `<h3 id="area-${area.id}">${x(area.id)} · ${x(area.title)}</h3>`,
      `<table class="matrix"><tr><th>rule</th><th>level</th><th>title</th>${heads}</tr>`,
      ...area.rows.map(
        (row) => `<tr id="rule-${x(row.id)}"><td class="id">${x(row.id)}</td><td>${row.level}</td><td>${x(row.title)}</td>${row.cells.map((c, i) => cell(c, matrix.columns[i]!, row.id)).join('')}</tr>`,
      ),
      '</table>',
    ].join('\n'),
  );
  const ruleCount = matrix.areas.reduce((n, a) => n + a.rows.length, 0);
  const body = [
    '<h1>Compatibility matrix</h1>',
    `<div class="meta">${matrix.columns.length} implementation(s) against ${ruleCount} rules of ${x(matrix.kit.name)} ${x(matrix.kit.version)} · seed ${seedsOf(matrix.columns)}</div>`,
    '<h2>Summary</h2>',
    summary,
    '<h2>Rules</h2>',
    ...tables,
    ...(matrix.failures.length > 0 ? ['<h2>Failures</h2>', ...matrix.failures.map(failureSection)] : []),
    ...(matrix.reasons.length > 0
      ? ['<h2>Why rules were skipped or not reached</h2>', `<ol class="reasons">${matrix.reasons.map((text, i) => `<li id="reason-${i + 1}">${x(text)}</li>`).join('\n')}</ol>`]
      : []),
  ];
  return htmlPage('Compatibility matrix', style, body.join('\n'));
}
