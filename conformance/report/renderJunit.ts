import { areas } from '../../spec/index.js';
import { weakRuleNote, type ConformanceRun, type RuleOutcome } from './ConformanceRun.js';
import { escapeMarkup as x } from './_internals/escape.js';

function details(rule: RuleOutcome): string {
  const c = rule.counterexample;
  if (c === undefined) return rule.reason ?? '';
  return [
    c.message,
    '',
    'counterexample:',
    ...c.steps.map((s) => `  ${s}`),
    ...(c.historyExcerpt.length > 0 ? ['history:', ...c.historyExcerpt.map((h) => `  ${h}`)] : []),
    `replay: npx actor-conformance --replay ${c.replayToken}`,
  ].join('\n');
}

/** A weak rule carries a `weak` property and says why in its output (see `RuleOutcome.weak`). */
function weakMark(rule: RuleOutcome): string {
  return rule.weak ? `\n      <properties><property name="weak" value="true"/></properties>\n      <system-out>${x(weakRuleNote)}</system-out>` : '';
}

function testcase(run: ConformanceRun, rule: RuleOutcome): string {
  const open = `    <testcase classname="${x(`${run.adapter.name}.${rule.area}`)}" name="${x(`${rule.id} [${rule.level}] ${rule.title}`)}" time="${(rule.durationMs / 1000).toFixed(3)}"`;
  switch (rule.status) {
    case 'passed':
      return rule.weak ? `${open}>${weakMark(rule)}\n    </testcase>` : `${open}/>`;
    case 'flaky':
      return `${open}>\n      <system-out>${x(`flaky: ${details(rule)}`)}</system-out>\n    </testcase>`;
    case 'failed':
      return `${open}>\n      <failure message="${x(rule.counterexample?.message.split('\n')[0] ?? 'failed')}" type="ConformanceViolation">${x(details(rule))}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error message="${x(rule.reason ?? 'the adapter broke')}" type="AdapterError">${x(details(rule))}</error>\n    </testcase>`;
    case 'skipped':
    case 'unexercised':
      return `${open}>\n      <skipped message="${x(`${rule.status}: ${rule.reason ?? ''}`)}"/>\n    </testcase>`;
  }
}

/** `junit.xml`: one test suite per area, one test case per rule, for CI systems. @public */
export function renderJunit(run: ConformanceRun): string {
  const suites = Object.entries(areas).flatMap(([area, meta]) => {
    const inArea = run.rules.filter((r) => r.area === area);
    if (inArea.length === 0) return [];
    const count = (pred: (r: RuleOutcome) => boolean): number => inArea.filter(pred).length;
    const time = inArea.reduce((n, r) => n + r.durationMs, 0) / 1000;
    return [
      `  <testsuite name="${x(`${area} ${meta.title}`)}" tests="${inArea.length}" failures="${count((r) => r.status === 'failed')}" errors="${count((r) => r.status === 'error')}" skipped="${count((r) => r.status === 'skipped' || r.status === 'unexercised')}" time="${time.toFixed(3)}">`,
      ...inArea.map((r) => testcase(run, r)),
      '  </testsuite>',
    ];
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`conformance of ${run.adapter.name} ${run.adapter.version}`)}" tests="${run.rules.length}" failures="${run.totals.failed}" errors="${run.totals.error}" skipped="${run.totals.skipped + run.totals.unexercised}" time="${(run.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
