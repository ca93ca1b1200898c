import { areas } from '../../spec/index.js';
import { conforms, ruleStatuses, weakOutcomes, weakRuleNote, type ConformanceRun, type RuleOutcome, type RuleStatus } from './ConformanceRun.js';
import { escapeMarkdown as md, showControls } from './_internals/escape.js';

const icons: Readonly<Record<RuleStatus, string>> = { passed: '✅', failed: '❌', error: '💥', flaky: '🔁', skipped: '⏭️', unexercised: '◻️' };
/** Marks a weak rule (see `RuleOutcome.weak`). */
const weakIcon = '🔸';

function failureBlock(rule: RuleOutcome): string[] {
  const c = rule.counterexample;
  if (c === undefined) return [];
  // A fenced block shows adapter text verbatim; lengthen the fence past any backticks inside it.
  const body = showControls([c.message, ...(c.steps.length > 0 ? ['', 'counterexample:', ...c.steps.map((s) => `  ${s}`)] : [])].join('\n'));
  const fence = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return [
    `<details><summary>${icons[rule.status]}${rule.weak ? ` ${weakIcon}` : ''} <b>${md(rule.id)}</b> ${md(rule.title)}</summary>`,
    '',
    `${fence}text`,
    body,
    fence,
    '',
    `Replay: \`npx actor-conformance --replay ${c.replayToken.replace(/[^A-Za-z0-9._-]/g, '')}\``,
    '',
    '</details>',
    '',
  ];
}

/** `conformance.md`: a summary fit for a CI job summary or a pull-request comment. @public */
export function renderMarkdown(run: ConformanceRun): string {
  const verdict = conforms(run) ? '✅ conforms' : '❌ does not conform';
  const areaRows = Object.entries(areas).flatMap(([area, meta]) => {
    const inArea = run.rules.filter((r) => r.area === area);
    if (inArea.length === 0) return [];
    const cells = ruleStatuses.map((s) => String(inArea.filter((r) => r.status === s).length));
    return [`| ${area} ${md(meta.title)} | ${cells.join(' | ')} |`];
  });
  const broken = run.rules.filter((r) => r.status === 'failed' || r.status === 'error' || r.status === 'flaky');
  const unexercised = run.rules.filter((r) => r.status === 'unexercised');
  const weak = weakOutcomes(run);
  return [
    `# Conformance of ${md(run.adapter.name)} ${md(run.adapter.version)}: ${verdict}`,
    '',
    `${ruleStatuses.map((s) => `${icons[s]} ${run.totals[s]} ${s}`).join(' · ')}${weak.length > 0 ? ` · ${weakIcon} ${weak.length} weak` : ''}`,
    '',
    `Seed ${run.seed} · ${(run.durationMs / 1000).toFixed(1)} s · Node ${md(run.runtime.node)}${run.shard ? ` · shard ${run.shard.index}/${run.shard.total}` : ''}`,
    ...(run.coverage ? ['', `Coverage of the implementation: ${run.coverage.lines.covered}/${run.coverage.lines.total} lines (${percent(run.coverage.lines.covered, run.coverage.lines.total)}) in ${run.coverage.files} files`] : []),
    '',
    `| area | ${ruleStatuses.join(' | ')} |`,
    `|---|${ruleStatuses.map(() => '---:').join('|')}|`,
    ...areaRows,
    '',
    ...(broken.length > 0 ? ['## Failures', '', ...broken.flatMap(failureBlock)] : []),
    ...(unexercised.length > 0
      ? [
          `<details><summary>${icons.unexercised} ${unexercised.length} rules no generated run reached</summary>`,
          '',
          ...unexercised.map((r) => `- **${md(r.id)}** ${md(r.title)}: ${md(r.reason ?? '')}`),
          '',
          '</details>',
          '',
        ]
      : []),
    ...reachedSection(run),
    ...(weak.length > 0
      ? [
          `<details><summary>${weakIcon} ${weak.length} weak rules (${md(weakRuleNote)})</summary>`,
          '',
          ...weak.map((r) => `- ${weakIcon} **${md(r.id)}** ${md(r.title)} (${r.status})`),
          '',
          '</details>',
          '',
        ]
      : []),
  ].join('\n');
}

/** How many runs reached each rule with a matching history, fewest first: where the suite looked least. */
function reachedSection(run: ConformanceRun): string[] {
  const counted = run.rules.filter((r) => r.exercisedRuns !== undefined && r.status !== 'skipped');
  if (counted.length === 0) return [];
  const rows = [...counted].sort((a, b) => a.exercisedRuns! - b.exercisedRuns! || a.id.localeCompare(b.id)).map((r) => `| ${md(r.id)} | ${icons[r.status]} ${r.status} | ${r.exercisedRuns} |`);
  return ['<details><summary>Runs that reached each rule</summary>', '', '| rule | status | runs reaching it |', '|---|---|---:|', ...rows, '', '</details>', ''];
}

function percent(covered: number, total: number): string {
  return total === 0 ? 'n/a' : `${((100 * covered) / total).toFixed(1)} %`;
}
