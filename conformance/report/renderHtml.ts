import { htmlPage } from './_internals/htmlPage.js';
import { areas } from '../../spec/index.js';
import { conforms, ruleStatuses, weakOutcomes, weakRuleNote, type ConformanceRun, type RuleOutcome, type RuleStatus } from './ConformanceRun.js';
import { escapeMarkup as x } from './_internals/escape.js';
import { timelineOf } from './_internals/timeline.js';

const labels: Readonly<Record<RuleStatus, string>> = { passed: 'passed', failed: 'failed', error: 'error', flaky: 'flaky', skipped: 'skipped', unexercised: 'unexercised' };

/** No script may run in the page at all: everything interactive is plain `<details>`. */

const style = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#555;margin-bottom:16px}.verdict{font-weight:600}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f7}.num{text-align:right}
.s-passed{background:#d9f2dc}.s-failed{background:#f9d3d0}.s-error{background:#f4c2e8}.s-flaky{background:#fbe7b5}.s-skipped{background:#eceff1;color:#555}.s-unexercised{background:#fff;color:#777}
.grid{display:flex;flex-wrap:wrap;gap:3px;max-width:760px}.grid a{display:inline-block;min-width:64px;padding:2px 4px;border:1px solid #ccc;border-radius:3px;color:inherit;text-decoration:none;font:12px ui-monospace,monospace}
details.rule{border:1px solid #ddd;border-radius:4px;margin:4px 0;padding:2px 8px}details.rule>summary{cursor:pointer}
.badge{display:inline-block;min-width:82px;font:12px ui-monospace,monospace;padding:1px 4px;border-radius:3px;margin-right:6px}
.id{font:600 13px ui-monospace,monospace}pre{background:#f5f5f7;padding:8px;white-space:pre-wrap;word-break:break-word;margin:6px 0}
.timeline td.op{font:12px ui-monospace,monospace;max-width:320px;word-break:break-word}.timeline tr.last td{border-top:2px solid #c62828}
.ev{display:inline-block;font:12px ui-monospace,monospace;background:#e8eaf6;border-radius:3px;padding:0 4px;margin:1px}
.token{font:11px ui-monospace,monospace;word-break:break-all;color:#444}
.grid a.weak{border:2px dashed #b26a00}.weak-mark{display:inline-block;font:11px ui-monospace,monospace;color:#b26a00;border:1px dashed #b26a00;border-radius:3px;padding:0 3px;margin-left:6px}
`;

function badge(status: RuleStatus): string {
  return `<span class="badge s-${status}">${labels[status]}</span>`;
}

function timeline(excerpt: readonly string[]): string {
  const { actors, rows } = timelineOf(excerpt);
  if (rows.length === 0) return '';
  const head = `<tr><th>operation</th>${actors.map((a) => `<th>${x(a)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row, i) => {
      const lanes = actors.map((actor) => `<td>${row.events.filter((e) => e.actor === actor).map((e) => `<span class="ev">${x(e.event)}</span>`).join('')}</td>`);
      return `<tr${i === rows.length - 1 ? ' class="last"' : ''}><td class="op">${x(row.operation)}</td>${lanes.join('')}</tr>`;
    })
    .join('\n');
  return `<p>Timeline of the shrunk run (the last row diverged):</p><table class="timeline">${head}\n${body}</table>`;
}

function ruleDetails(rule: RuleOutcome): string {
  const c = rule.counterexample;
  const broken = rule.status === 'failed' || rule.status === 'error' || rule.status === 'flaky';
  return [
    `<details class="rule" id="rule-${x(rule.id)}"${broken ? ' data-broken="true"' : ''}>`,
    `<summary>${badge(rule.status)}<span class="id">${x(rule.id)}</span> [${x(rule.level)}] ${x(rule.title)}${rule.weak ? `<span class="weak-mark" title="${x(weakRuleNote)}">weak</span>` : ''}</summary>`,
    `<p class="statement">${x(rule.statement)}</p>`,
    rule.reason !== undefined ? `<p><b>Why:</b> ${x(rule.reason)}</p>` : '',
    `<p>Checked by ${rule.properties.length === 0 ? 'no property yet' : rule.properties.map(x).join(', ')}; ${rule.runs} runs${rule.exercisedRuns !== undefined ? `, ${rule.exercisedRuns} of them (or of other properties) reaching it` : ''}.</p>`,
    c === undefined
      ? ''
      : [
          `<pre class="message">${x(c.message)}</pre>`,
          c.steps.length > 0 ? `<p>Shrunk counterexample:</p><pre class="steps">${x(c.steps.join('\n'))}</pre>` : '',
          timeline(c.historyExcerpt),
          `<p>Replay: <code class="token">npx actor-conformance --replay ${x(c.replayToken)}</code></p>`,
        ].join('\n'),
    broken && rule.hints.length > 0 ? `<p><b>If this fails, check:</b></p><ul>${rule.hints.map((h) => `<li>${x(h)}</li>`).join('')}</ul>` : '',
    '</details>',
  ].join('\n');
}

/**
 * `conformance.html`: one self-contained page (no script, no external resource) with the
 * matrix of rules by area and status, every rule's text, and each failure's shrunk
 * counterexample drawn as a timeline of actors and events. Everything that comes from the
 * adapter is escaped, and the page's content security policy forbids scripts besides.
 *
 * @public
 */
export function renderHtml(run: ConformanceRun): string {
  const areaEntries = Object.entries(areas).filter(([area]) => run.rules.some((r) => r.area === area));
  const matrix = [
    `<table class="matrix"><tr><th>area</th>${ruleStatuses.map((s) => `<th class="s-${s}">${labels[s]}</th>`).join('')}</tr>`,
    ...areaEntries.map(([area, meta]) => {
      const inArea = run.rules.filter((r) => r.area === area);
      return `<tr><td><a href="#area-${area}">${x(area)}</a> ${x(meta.title)}</td>${ruleStatuses.map((s) => `<td class="num">${inArea.filter((r) => r.status === s).length || ''}</td>`).join('')}</tr>`;
    }),
    '</table>',
  ].join('\n');
  const grid = `<div class="grid">${run.rules
    .map((r) => `<a class="s-${r.status}${r.weak ? ' weak' : ''}" href="#rule-${x(r.id)}" title="${x(`${r.id} ${labels[r.status]}${r.weak ? ' (weak)' : ''}: ${r.title}`)}">${x(r.id)}</a>`)
    .join('')}</div>`;
  const weak = weakOutcomes(run);
  const weakNote = weak.length > 0 ? `<p>Dashed: ${weak.length} weak rules (${x(weakRuleNote)}).</p>` : '';
  const sections = areaEntries.map(([area, meta]) => `<h2 id="area-${area}">${x(area)} · ${x(meta.title)}</h2>\n${run.rules.filter((r) => r.area === area).map(ruleDetails).join('\n')}`);
  const title = `Conformance of ${run.adapter.name} ${run.adapter.version}`;
  return htmlPage(
    title,
    style,
    `<h1>${x(title)}</h1>
<div class="meta"><span class="verdict">${conforms(run) ? 'Conforms' : 'Does not conform'}</span> · ${ruleStatuses.map((s) => `${run.totals[s]} ${labels[s]}`).join(' · ')}<br>
Seed ${run.seed} · ${(run.durationMs / 1000).toFixed(1)} s · adapter from ${x(run.adapter.source)} · ${x(run.kit.name)} ${x(run.kit.version)} · Node ${x(run.runtime.node)}${run.coverage ? ` · coverage ${run.coverage.lines.covered}/${run.coverage.lines.total} lines` : ''}<br>
Capabilities: ${run.capabilities.map(x).join(', ') || 'none'}</div>
${matrix}
<h2>Rules</h2>
${grid}
${weakNote}
${sections.join('\n')}`,
  );
}
