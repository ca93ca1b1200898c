import type { Rule } from './Rule.js';
import { goaktTestFiles, testSuiteOf } from './testSuites.js';
import { parseGoaktTestRef, parsePekkoTestRef } from './_internals/citations.js';
import { durableStateRules } from './rules/durableState.js';
import { hookRules } from './rules/hooks.js';
import { lifecycleRules } from './rules/lifecycle.js';
import { stashRules } from './rules/stash.js';
import { storeRules } from './rules/store.js';
import { supervisionRules } from './rules/supervision.js';
import { taggingRules } from './rules/tagging.js';
import { watchRules } from './rules/watch.js';
import {
  areas,
  isAreaId,
  isCapability,
  isLevel,
  isSourceKind,
  type AreaId,
  type Capability,
  type Role,
} from './vocabulary.js';

/** Every rule of the kit, in catalog order (by area, then by number). */
export const rules: readonly Rule[] = [
  ...lifecycleRules,
  ...supervisionRules,
  ...watchRules,
  ...stashRules,
  ...durableStateRules,
  ...storeRules,
  ...hookRules,
  ...taggingRules,
];

/** Shape of a rule ID: area prefix, dash, two or more digits. */
export const ruleIdPattern = /^([A-Z]+)-(\d{2,})$/;

/** Shape of a slug: lowercase dotted segments of letters, digits and dashes. */
export const slugPattern = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/** Shape of a `since` version. */
const versionPattern = /^\d+\.\d+\.\d+$/;

/** Maps every ID and alias of the given rules to its rule (first one wins on a clash). */
export function indexByIdAndAlias(all: readonly Rule[]): ReadonlyMap<string, Rule> {
  const byId = new Map<string, Rule>();
  for (const rule of all) {
    for (const name of [rule.id, ...rule.aliases]) if (!byId.has(name)) byId.set(name, rule);
  }
  return byId;
}

const byIdOrAlias = indexByIdAndAlias(rules);

/** The rule with this ID or former ID (alias), or `undefined`. */
export function ruleById(id: string): Rule | undefined {
  return byIdOrAlias.get(id);
}

/** The rules of one area, in catalog order. */
export function rulesByArea(area: AreaId): readonly Rule[] {
  return rules.filter((rule) => rule.area === area);
}

/** The rules that need this capability. */
export function rulesByCapability(capability: Capability): readonly Rule[] {
  return rules.filter((rule) => rule.capabilities.includes(capability));
}

/** The contract role that checks a rule: its area's role. */
export function roleOf(rule: Rule): Role {
  return areas[rule.area].role;
}

/** The rules checked through one adapter role. */
export function rulesByRole(role: Role): readonly Rule[] {
  return rules.filter((rule) => roleOf(rule) === role);
}

/**
 * The rules an adapter can run given the capabilities it declares, and the rest with
 * the reason each is skipped.
 */
export function partitionByCapabilities(
  declared: ReadonlySet<Capability>,
  candidates: readonly Rule[] = rules,
): { readonly runnable: readonly Rule[]; readonly skipped: readonly { rule: Rule; reason: string }[] } {
  const runnable: Rule[] = [];
  const skipped: { rule: Rule; reason: string }[] = [];
  for (const rule of candidates) {
    const missing = rule.capabilities.filter((capability) => !declared.has(capability));
    if (missing.length === 0) runnable.push(rule);
    else skipped.push({ rule, reason: `adapter does not declare ${missing.join(', ')}` });
  }
  return { runnable, skipped };
}

/** The canonical test title of a rule: `"<ID> [<LEVEL>] <title>"`. */
export function testTitle(rule: Rule): string {
  return `${rule.id} [${rule.level}] ${rule.title}`;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

function problemsOf(rule: Rule): string[] {
  const problems: string[] = [];
  const at = `${rule.id}:`;
  const idMatch = ruleIdPattern.exec(rule.id);
  if (!idMatch) problems.push(`${at} ID does not match ${String(ruleIdPattern)}`);
  else if (idMatch[1] !== rule.area) problems.push(`${at} ID prefix ${idMatch[1]} differs from area ${rule.area}`);
  for (const alias of rule.aliases) {
    if (!ruleIdPattern.test(alias)) problems.push(`${at} alias ${alias} does not match ${String(ruleIdPattern)}`);
  }
  if (!isAreaId(rule.area)) problems.push(`${at} unknown area ${rule.area}`);
  else if (!slugPattern.test(rule.slug) || !rule.slug.startsWith(`${areas[rule.area].slug}.`)) {
    problems.push(`${at} slug ${rule.slug} must be dotted lowercase and start with "${areas[rule.area].slug}."`);
  }
  if (!isLevel(rule.level)) problems.push(`${at} unknown level ${rule.level}`);
  for (const capability of rule.capabilities) {
    if (!isCapability(capability)) problems.push(`${at} unknown capability ${capability}`);
  }
  for (const repeated of duplicates(rule.capabilities)) problems.push(`${at} capability ${repeated} listed twice`);
  for (const source of rule.sources) {
    if (!isSourceKind(source.kind)) problems.push(`${at} unknown source kind ${source.kind}`);
    if (source.ref.trim() === '') problems.push(`${at} empty source reference`);
    if (source.kind === 'pekko-test' && testSuiteOf(source.ref) === undefined) {
      problems.push(`${at} pekko-test reference "${source.ref}" names no suite of spec/testSuites.ts`);
    } else if (source.kind === 'pekko-test' && parsePekkoTestRef(source.ref) === undefined) {
      problems.push(`${at} pekko-test reference "${source.ref}" is not of the form <tag> "<test name>"`);
    }
    if (source.kind === 'goakt-test') {
      const citation = parseGoaktTestRef(source.ref);
      if (citation === undefined) {
        problems.push(`${at} goakt-test reference "${source.ref}" is not of the form <path>_test.go <TestName>[ / <subtest>]`);
      } else if (!(goaktTestFiles as readonly string[]).includes(citation.suite)) {
        problems.push(`${at} goakt-test reference "${source.ref}" names no test file of spec/testSuites.ts`);
      }
    }
  }
  if (rule.sources.length === 0) problems.push(`${at} no sources`);
  if (rule.title.trim() === '' || rule.title.includes('\n')) problems.push(`${at} title must be one non-empty line`);
  if (rule.statement.trim() === '') problems.push(`${at} empty statement`);
  if (rule.hints.length < 1 || rule.hints.length > 3) problems.push(`${at} needs 1 to 3 hints, has ${rule.hints.length}`);
  if (rule.hints.some((hint) => hint.trim() === '')) problems.push(`${at} empty hint`);
  if (rule.determinism.kind === 'nondeterministic' && rule.determinism.allowed.trim() === '') {
    problems.push(`${at} nondeterministic without saying what is allowed`);
  }
  if (!versionPattern.test(rule.since)) problems.push(`${at} since ${rule.since} is not a version`);
  return problems;
}

/**
 * Every problem found in a list of rules (the registry by default): malformed IDs,
 * slugs and versions, unknown areas, levels, capabilities, source kinds or test suites, empty
 * statements or hints, duplicate IDs or slugs, and aliases that collide with an ID
 * or another alias. An empty result means the registry is valid.
 */
export function validateRegistry(all: readonly Rule[] = rules): string[] {
  const problems = all.flatMap(problemsOf);
  for (const slug of duplicates(all.map((rule) => rule.slug))) problems.push(`duplicate slug ${slug}`);
  const duplicateIds = new Set(duplicates(all.map((rule) => rule.id)));
  const names = all.flatMap((rule) => [rule.id, ...rule.aliases]);
  for (const id of duplicateIds) problems.push(`duplicate ID ${id}`);
  for (const name of duplicates(names)) {
    if (!duplicateIds.has(name)) problems.push(`alias ${name} collides with another ID or alias`);
  }
  return problems;
}
