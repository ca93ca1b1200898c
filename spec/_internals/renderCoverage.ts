/**
 * Renders the coverage section of SPEC.md from spec/coverage: per upstream suite the cases read,
 * how many the rules cover, and every case left out with its gap or not-applicable reason. All
 * numbers are counted here from the data.
 */
import {
  addCounts,
  countCases,
  coverageRatio,
  coverageReadAt,
  formatPercent,
  gaps,
  inScope,
  notApplicableReasons,
  strictRatio,
  type CaseCounts,
  type CaseVerdict,
  type SuiteCoverage,
} from '../coverage/index.js';
import { upstreamSuites, type TestSuiteTag } from '../testSuites.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function fileOf(suite: SuiteCoverage): string {
  if (suite.upstream === 'goakt') return suite.suite;
  const where = upstreamSuites[suite.suite as TestSuiteTag];
  return where.path.split('/').pop() ?? where.path;
}

function countsRow(name: string, file: string, counts: CaseCounts): string {
  return `| ${name} | ${file} | ${counts.cases} | ${counts.covered} | ${counts.composed} | ${counts.uncovered} | ${counts.notApplicable} | ${inScope(counts)} | ${formatPercent(coverageRatio(counts))} | ${formatPercent(strictRatio(counts))} |`;
}

function describeVerdict(verdict: CaseVerdict): string {
  const note = verdict.note === undefined ? '' : ` (${verdict.note})`;
  switch (verdict.kind) {
    case 'covered':
      return `covered: ${verdict.rules.join(', ')}${note}`;
    case 'composed':
      return `composed: ${verdict.rules.join(' + ')}${note}`;
    case 'uncovered':
      return `not yet covered, gap ${verdict.gap}: ${gaps[verdict.gap]}${note}`;
    case 'not-applicable':
      return `n/a, ${verdict.reason}: ${notApplicableReasons[verdict.reason]}${note}`;
  }
}

function renderUpstream(title: string, intro: string, suites: readonly SuiteCoverage[]): string[] {
  const lines = [
    `### ${title}`,
    '',
    intro,
    '',
    '| suite | file | cases | covered | composed | not yet | n/a | in scope | coverage | strict |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const counts = suites.map((suite) => countCases(Object.values(suite.cases)));
  suites.forEach((suite, index) => lines.push(countsRow(suite.suite, `\`${fileOf(suite)}\``, counts[index]!)));
  lines.push(countsRow(`**${title} total**`, '', addCounts(counts)), '');
  for (const suite of suites) {
    const leftOut = Object.entries(suite.cases).filter(([, v]) => v.kind === 'uncovered' || v.kind === 'not-applicable');
    lines.push(`<details><summary>${suite.suite}: ${Object.keys(suite.cases).length} cases, ${leftOut.length} left out</summary>`, '');
    lines.push('| case | verdict |', '|---|---|');
    for (const [name, verdict] of Object.entries(suite.cases)) lines.push(`| ${cell(name)} | ${cell(describeVerdict(verdict))} |`);
    lines.push('', '</details>', '');
  }
  return lines;
}

/** The coverage section, as Markdown lines. */
export function renderCoverage(pekko: readonly SuiteCoverage[], goakt: readonly SuiteCoverage[]): string[] {
  const all = addCounts([...pekko, ...goakt].map((suite) => countCases(Object.values(suite.cases))));
  return [
    '## Coverage of the upstream test suites',
    '',
    'Every test case of the Pekko typed-actor and durable-state suites below, and a selection of GoAkt lifecycle, supervision, watch, stash, passivation and extension tests, was read and given one verdict (data: `spec/coverage/`; test names: `spec/_internals/upstreamTests.json`, extracted from the commits it records by `scripts/upstream/extract.ts`).',
    '',
    '- **covered**: a rule statement says what the case checks.',
    '- **composed**: the case follows from composing rule statements, though none names it; counted as covered in *coverage*, not in *strict*.',
    '- **not yet**: a semantic no rule states yet (the gaps below).',
    '- **n/a**: outside what a conformance kit states, with the reason; excluded from *in scope*.',
    '',
    'How it is counted: a case is one test string (a parameterised test counts once; a spec mixed into several classes counts once). *coverage* = (covered + composed) / (cases − n/a); *strict* = covered / (cases − n/a). Percentages are computed from the data when this file is generated and rounded down to one decimal.',
    '',
    `All suites together: ${all.cases} cases, ${inScope(all)} in scope, coverage ${formatPercent(coverageRatio(all))} (strict ${formatPercent(strictRatio(all))}).`,
    '',
    ...renderUpstream(
      'Pekko',
      `Every test case of each suite, read at apache/pekko@${coverageReadAt['apache/pekko'].slice(0, 12)}.`,
      pekko,
    ),
    ...renderUpstream(
      'GoAkt',
      `A selection of each file's tests, read at Tochemey/goakt@${coverageReadAt['Tochemey/goakt'].slice(0, 12)}: lifecycle, supervision, watch, stash, passivation and extensions; remoting, cluster, grains, mailboxes, metrics and reliable delivery are left out, so *cases* counts the tests read, not every test of the file.`,
      goakt,
    ),
    '### Gaps',
    '',
    '| gap | semantic no rule states yet | cases |',
    '|---:|---|---:|',
    // A gap whose cases are all covered by now is closed and left out.
    ...Object.entries(gaps).flatMap(([id, title]) => {
      const cases = [...pekko, ...goakt].flatMap((suite) =>
        Object.values(suite.cases).filter((v) => v.kind === 'uncovered' && String(v.gap) === id),
      );
      return cases.length === 0 ? [] : [`| ${id} | ${cell(title)} | ${cases.length} |`];
    }),
    '',
  ];
}
