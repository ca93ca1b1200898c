import type { Rule } from '../Rule.js';
import { roleOf, testTitle } from '../registry.js';
import { goaktCoverage, pekkoCoverage } from '../coverage/index.js';
import { testSuites } from '../testSuites.js';
import { renderCoverage } from './renderCoverage.js';
import { areaIds, areas, capabilities, capabilityRole, optionCapabilities, roleIds, roles, sourceKinds, type Capability } from '../vocabulary.js';

/** The command that regenerates `spec/SPEC.md`; quoted by the drift test. */
export const regenerateCommand = 'npx tsx spec/_internals/generate.ts';

function anchor(rule: Rule): string {
  return rule.id.toLowerCase();
}

function link(rule: Rule): string {
  return `[${rule.id}](#${anchor(rule)})`;
}

// Table cells must not break the row.
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function renderRule(rule: Rule): string[] {
  const determinism =
    rule.determinism.kind === 'deterministic' ? 'deterministic' : `nondeterministic: ${rule.determinism.allowed}`;
  const lines = [
    `### ${rule.id}`,
    '',
    `**${testTitle(rule)}**`,
    '',
    `- slug: \`${rule.slug}\``,
    `- level: ${rule.level}; role: ${roleOf(rule)}; since: ${rule.since}`,
  ];
  if (rule.aliases.length > 0) lines.push(`- former IDs: ${rule.aliases.join(', ')}`);
  lines.push(
    `- capabilities: ${rule.capabilities.length > 0 ? rule.capabilities.map((c) => `\`${c}\``).join(', ') : 'none (every adapter runs it)'}`,
    `- determinism: ${determinism}`,
    '',
    rule.statement,
    '',
    'Sources:',
    '',
    ...rule.sources.map((source) => `- ${source.kind}: ${source.ref}`),
    '',
  );
  if (rule.differences.length > 0) {
    lines.push('Differences:', '', ...rule.differences.map((d) => `- ${d.runtime}: ${d.note}`), '');
  }
  lines.push('If this fails, check:', '', ...rule.hints.map((hint) => `- ${hint}`), '');
  return lines;
}

/** Renders the human-readable specification from a list of rules. Pure and deterministic. */
export function renderSpec(all: readonly Rule[]): string {
  const lines: string[] = [
    '# actor-conformance specification',
    '',
    `<!-- Generated from spec/rules/ by \`${regenerateCommand}\`. Do not edit by hand. -->`,
    '',
    `${all.length} rules. Each rule has a stable ID that is never reused or renumbered; conformance test titles`,
    'have the form `<ID> [<LEVEL>] <title>`. A rule needing a capability the adapter does not declare is',
    'skipped with a reason. Levels follow RFC 2119: MUST, SHOULD, MAY.',
    '',
    '## Index by area',
    '',
    '| area | title | rules |',
    '|---|---|---|',
  ];
  for (const area of areaIds) {
    const ofArea = all.filter((rule) => rule.area === area);
    lines.push(`| ${area} | ${areas[area].title} | ${ofArea.map(link).join(' ')} |`);
  }
  lines.push('', '## Index by role', '');
  for (const role of roleIds) {
    const ofRole = all.filter((rule) => roleOf(rule) === role);
    lines.push(`### ${role}`, '', roles[role], '', ofRole.map(link).join(' '), '');
  }
  lines.push('## Capabilities', '', '| capability | declared by | meaning | rules |', '|---|---|---|---|');
  for (const [capability, meaning] of Object.entries(capabilities) as [Capability, string][]) {
    const users = all.filter((rule) => rule.capabilities.includes(capability));
    // An option capability widens what the suite generates for rules that do not need it.
    const widened = all.filter((rule) => optionCapabilities[capability]?.includes(rule.id) === true);
    const listed = [...users.map(link), ...(widened.length > 0 ? [`option of ${widened.map(link).join(' ')}`] : [])];
    lines.push(`| \`${capability}\` | ${capabilityRole(capability)} | ${cell(meaning)} | ${listed.join(' ')} |`);
  }
  lines.push('', '## Source kinds', '', '| kind | meaning |', '|---|---|');
  for (const [kind, meaning] of Object.entries(sourceKinds)) lines.push(`| ${kind} | ${cell(meaning)} |`);
  lines.push('', '## Test suites named by pekko-test sources', '', '| tag | file |', '|---|---|');
  for (const [tag, file] of Object.entries(testSuites)) lines.push(`| ${tag} | \`${file}\` |`);
  lines.push('');
  for (const area of areaIds) {
    lines.push(`## ${area}: ${areas[area].title}`, '');
    for (const rule of all.filter((r) => r.area === area)) lines.push(...renderRule(rule));
  }
  lines.push(...renderCoverage(pekkoCoverage, goaktCoverage));
  return `${lines.join('\n').trimEnd()}\n`;
}
