/**
 * How the mutation entry (`test/mutation/conformance.mutation.ts`) names its tests and words
 * its failures, shared with the table builder that reads them back from Stryker's report.
 *
 * @packageDocumentation
 */

/** The seed every property runs at under Stryker: a mutant's verdict must not depend on luck. */
export const mutationSeed = 4;

/**
 * The longest one generated run may take under Stryker before it counts as hung. Unmutated runs
 * take milliseconds (the whole suite about a second), so the margin absorbs instrumentation and a
 * loaded machine.
 */
export const runTimeoutMs = 2_000;

/** What a test title is built from: a property family and the rules it checks. */
export interface FamilyIdentity {
  readonly id: string;
  readonly rules: readonly string[];
}

/** `"<family id> checks <rule> <rule> …"`: the family first, so the title maps back to it. */
export function familyTestTitle(family: FamilyIdentity): string {
  return `${family.id} checks ${family.rules.join(' ')}`;
}

/** The family id at the start of a title made by {@link familyTestTitle}, if it is one. */
export function familyOfTestTitle(title: string): string | undefined {
  return /(?:^|\s)([\w.-]+) checks (?:[A-Z]+-\d+\s?)+$/.exec(title)?.[1];
}

/** What {@link propertyFailureMessage} needs of a property result. */
export interface FailedProperty {
  readonly property: string;
  readonly status: string;
  readonly reason?: string;
  readonly counterexample?: { readonly message: string; readonly suspects: readonly string[] };
}

const suspectsPrefix = 'suspects:';

/** The failure of one family's test: the verdict, a `suspects:` line, then what diverged. */
export function propertyFailureMessage(result: FailedProperty): string {
  const suspects = result.counterexample?.suspects ?? [];
  return [
    `${result.property} ${result.status}${result.reason !== undefined ? ` (${result.reason})` : ''}`,
    `${suspectsPrefix} ${suspects.join(' ')}`,
    result.counterexample?.message ?? '',
  ].join('\n');
}

/** The rules a failure message blamed (empty when it names none, e.g. the runtime crashed). */
export function suspectsOfFailure(message: string): string[] {
  const line = message.split('\n').find((l) => l.startsWith(suspectsPrefix));
  return line === undefined ? [] : line.slice(suspectsPrefix.length).split(' ').filter((s) => s.length > 0);
}
