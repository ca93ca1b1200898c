/**
 * Turns Stryker's JSON report of a mutation run into the per-rule table of
 * `reports/mutation/rules.md`: which rules' properties killed which mutants, and the scores per
 * file. Pure: reading and writing files is `run.ts`'s job.
 *
 * @packageDocumentation
 */
import { areaOf, mutationAreas, type MutationArea } from './areas.js';
import { familyOfTestTitle, suspectsOfFailure, type FamilyIdentity } from './familyTests.js';

/** The statuses a mutant can end with (mutation-testing-report-schema). */
export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

/** The part of a mutant in Stryker's JSON report this table reads. */
export interface ReportedMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: MutantStatus;
  readonly statusReason?: string;
  readonly killedBy?: readonly string[];
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/** The part of Stryker's JSON report (mutation-testing-report-schema 2) this table reads. */
export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: readonly ReportedMutant[] }>>;
  readonly testFiles?: Readonly<Record<string, { readonly tests: readonly { readonly id: string; readonly name: string }[] }>>;
}

/** Mutant counts of one file or of the whole run, with the two usual scores. */
export interface MutantCounts {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Disabled in the source with a reason (equivalent mutants); outside both scores. */
  readonly ignored: number;
  /** Compile and runtime errors: invalid mutants, outside both scores. */
  readonly errors: number;
  /** Detected (killed + timeout) over every valid mutant, in %. */
  readonly score: number;
  /** Detected over the mutants some test reached, in %. */
  readonly coveredScore: number;
  /** Ignored as `unspecified`: behaviour differs but no rule covers it (part of `ignored`). */
  readonly unspecified: number;
  /**
   * The score if every `unspecified` mutant counted as a survivor, in %: what the suite would
   * score were the catalogue to grow rules for those behaviours without new properties.
   */
  readonly strictScore: number;
}

/** What one rule's properties did to the mutants. */
export interface RuleKills {
  readonly rule: string;
  readonly title: string;
  /** The families that check the rule (empty: no property checks it). */
  readonly families: readonly string[];
  /** Mutants killed by a family that checks the rule. */
  readonly killedByItsFamilies: number;
  /** Mutants whose failure blamed the rule (it was a suspect of the diverging step). */
  readonly blamed: number;
}

/** A mutant no test detected, or one disabled in the source. */
export interface UndetectedMutant {
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly status: MutantStatus;
  /** For an ignored mutant: the reason given in the source. */
  readonly reason?: string;
}

/** The counts of one area of the runtime (see `areas.ts`). */
export interface AreaCounts extends MutantCounts {
  readonly area: string;
  readonly title: string;
  readonly core: boolean;
}

/** How many mutants were left out of the scores for one kind of reason. */
export interface IgnoredReason {
  /** The reason's label, the text before its first colon: `equivalent`, `unspecified`, `message text`, … */
  readonly kind: string;
  readonly count: number;
}

/** The whole table. */
export interface MutationTable {
  readonly overall: MutantCounts;
  /** The runtime core, the areas issue #6 sets its 90 % target on. */
  readonly core: MutantCounts;
  readonly areas: readonly AreaCounts[];
  /** Ignored mutants per kind of reason (disable comments in src/ and the `conformance-scope` ignorer). */
  readonly ignoredReasons: readonly IgnoredReason[];
  readonly files: readonly ({ readonly file: string } & MutantCounts)[];
  readonly families: readonly { readonly family: string; readonly killed: number }[];
  readonly rules: readonly RuleKills[];
  /** Killed mutants whose failure named no suspect (the runtime crashed or hung in a way the model could not place). */
  readonly killedWithoutSuspect: number;
  readonly undetected: readonly UndetectedMutant[];
}

/** A rule as the table lists it. */
export interface RuleIdentity {
  readonly id: string;
  readonly title: string;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10;
}

function countsOf(mutants: readonly ReportedMutant[]): MutantCounts {
  const count = (...statuses: MutantStatus[]): number => mutants.filter((m) => statuses.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const unspecified = mutants.filter((m) => m.status === 'Ignored' && reasonKind(m.statusReason) === 'unspecified').length;
  return {
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived,
    noCoverage,
    ignored: count('Ignored'),
    errors: count('CompileError', 'RuntimeError'),
    score: percent(detected, detected + survived + noCoverage),
    coveredScore: percent(detected, detected + survived),
    unspecified,
    strictScore: percent(detected, detected + survived + noCoverage + unspecified),
  };
}

/**
 * Builds the table from Stryker's report, the families the mutation entry ran (one test each)
 * and the rules to list (every runtime rule, checked or not).
 */
export function buildMutationTable(
  report: MutationReport,
  families: readonly FamilyIdentity[],
  rules: readonly RuleIdentity[],
  areas: readonly MutationArea[] = mutationAreas,
): MutationTable {
  const testNames = new Map<string, string>();
  for (const file of Object.values(report.testFiles ?? {})) for (const test of file.tests) testNames.set(test.id, test.name);
  const familyRules = new Map(families.map((f) => [f.id, f.rules] as const));

  const all: ReportedMutant[] = [];
  const byArea = new Map<string, ReportedMutant[]>(areas.map((a) => [a.id, []]));
  const files: ({ file: string } & MutantCounts)[] = [];
  const undetected: UndetectedMutant[] = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    all.push(...mutants);
    byArea.get(areaOf(file, areas).id)!.push(...mutants);
    files.push({ file, ...countsOf(mutants) });
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage' && m.status !== 'Ignored') continue;
      undetected.push({
        file,
        line: m.location.start.line,
        mutator: m.mutatorName,
        replacement: m.replacement ?? '',
        status: m.status,
        ...(m.status === 'Ignored' && m.statusReason !== undefined ? { reason: m.statusReason } : {}),
      });
    }
  }

  const killedByFamily = new Map<string, number>();
  const blamed = new Map<string, number>();
  let killedWithoutSuspect = 0;
  for (const m of all) {
    if (m.status !== 'Killed') continue;
    const killers = new Set((m.killedBy ?? []).map((id) => familyOfTestTitle(testNames.get(id) ?? '')).filter((f) => f !== undefined));
    for (const family of killers) killedByFamily.set(family, (killedByFamily.get(family) ?? 0) + 1);
    const suspects = suspectsOfFailure(m.statusReason ?? '');
    if (suspects.length === 0) killedWithoutSuspect++;
    for (const rule of suspects) blamed.set(rule, (blamed.get(rule) ?? 0) + 1);
  }

  const ruleRows = rules.map((rule): RuleKills => {
    const checking = families.filter((f) => f.rules.includes(rule.id)).map((f) => f.id);
    return {
      rule: rule.id,
      title: rule.title,
      families: checking,
      // A mutant killed by two families of the rule counts once: the sets are per mutant.
      killedByItsFamilies: all.filter(
        (m) =>
          m.status === 'Killed' &&
          (m.killedBy ?? []).some((id) => {
            const family = familyOfTestTitle(testNames.get(id) ?? '');
            return family !== undefined && (familyRules.get(family) ?? []).includes(rule.id);
          }),
      ).length,
      blamed: blamed.get(rule.id) ?? 0,
    };
  });

  const ignoredKinds = new Map<string, number>();
  for (const m of all) {
    if (m.status !== 'Ignored') continue;
    const kind = reasonKind(m.statusReason);
    ignoredKinds.set(kind, (ignoredKinds.get(kind) ?? 0) + 1);
  }

  return {
    overall: countsOf(all),
    core: countsOf(areas.filter((a) => a.core).flatMap((a) => byArea.get(a.id)!)),
    areas: areas.map((a) => ({ area: a.id, title: a.title, core: a.core, ...countsOf(byArea.get(a.id)!) })),
    ignoredReasons: [...ignoredKinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    files,
    families: families.map((f) => ({ family: f.id, killed: killedByFamily.get(f.id) ?? 0 })),
    rules: ruleRows,
    killedWithoutSuspect,
    undetected,
  };
}

/** The label of an ignore reason: its text before the first colon (`equivalent: …` → `equivalent`). */
export function reasonKind(reason: string | undefined): string {
  const colon = reason?.indexOf(':') ?? -1;
  return reason === undefined || colon <= 0 ? 'no reason given' : reason.slice(0, colon).trim();
}

function escapeCell(text: string, maxLength = Infinity): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  return short.replace(/\|/g, '\\|');
}

/** The table as Markdown: overall scores, per file, per family, per rule, then what survived. */
export function renderMutationTable(table: MutationTable, heading: readonly string[] = []): string {
  const countsRow = (name: string, c: MutantCounts): string =>
    `| ${name} | ${c.score.toFixed(1)} | ${c.coveredScore.toFixed(1)} | ${c.strictScore.toFixed(1)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} | ${c.unspecified} | ${c.errors} |`;
  const countsHeader = [
    '| area or file | score % | covered % | strict % | killed | timeout | survived | no coverage | ignored | of which unspecified | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = [
    '# Mutation testing: mutants killed per rule',
    '',
    ...heading,
    ...(heading.length > 0 ? [''] : []),
    '## Scores',
    '',
    '*strict*: the score with every `unspecified` mutant counted as a survivor.',
    '',
    ...countsHeader,
    countsRow('**core** (the 90 % target)', table.core),
    ...table.areas.map((a) => countsRow(`${a.core ? 'core: ' : ''}${a.title}`, a)),
    countsRow('**all mutated files**', table.overall),
    ...table.files.map((f) => countsRow(f.file, f)),
    '',
    '## Ignored mutants by reason',
    '',
    'Left out of every score: `equivalent` (no program behaviour can differ), `unspecified` (behaviour differs but no rule says anything about it), and what the `conformance-scope` ignorer leaves out by design.',
    '',
    '| reason | mutants |',
    '|---|---:|',
    ...table.ignoredReasons.map((r) => `| ${escapeCell(r.kind)} | ${r.count} |`),
    '',
    '## Mutants killed per family',
    '',
    '| family | killed |',
    '|---|---:|',
    ...table.families.map((f) => `| ${f.family} | ${f.killed} |`),
    '',
    '## Mutants killed per rule',
    '',
    '"by its families": killed by a property that checks the rule. "blamed": the failure named the rule among the suspects of the diverging step.',
    `${table.killedWithoutSuspect} killed mutants named no suspect (a crash or a hang the model could not place).`,
    '',
    '| rule | title | by its families | blamed | families |',
    '|---|---|---:|---:|---|',
    ...table.rules.map(
      (r) => `| ${r.rule} | ${escapeCell(r.title)} | ${r.killedByItsFamilies} | ${r.blamed} | ${r.families.length === 0 ? '(no property)' : r.families.join(', ')} |`,
    ),
    '',
    '## Undetected and disabled mutants',
    '',
    '| file:line | status | mutator | replacement | reason |',
    '|---|---|---|---|---|',
    ...table.undetected.map(
      (u) => `| ${u.file}:${u.line} | ${u.status} | ${u.mutator} | \`${escapeCell(u.replacement, 80).replace(/`/g, "'")}\` | ${escapeCell(u.reason ?? '')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
