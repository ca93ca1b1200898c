/**
 * Source-file citations (`pekko-source`, `goakt-source`, `goakt-docs`): which repository each kind
 * names, and how a reference splits into a path and an optional symbol (`actor/pid.go doStop`).
 * The extraction script records every one that resolves in the snapshot; a test fails on one it
 * did not record.
 */
import type { Rule } from '../Rule.js';

/** The repository each source-file kind names. Akka sources are not checked: Akka is not read here. */
export const sourceFileRepos = {
  'pekko-source': 'apache/pekko',
  'goakt-source': 'Tochemey/goakt',
  'goakt-docs': 'Tochemey/goakt',
} as const;

/** A source kind whose references are files of a repository. */
export type SourceFileKind = keyof typeof sourceFileRepos;

/** Splits `path [symbol]`. */
export function splitSourceRef(ref: string): { path: string; symbol?: string } {
  const [path = '', symbol] = ref.split(' ');
  return symbol === undefined ? { path } : { path, symbol };
}

/** The key a resolved source citation is recorded under. */
export function sourceCitationKey(kind: SourceFileKind, ref: string): string {
  return `${kind} ${ref}`;
}

/** Every source-file citation of the rules that the extracted record does not hold, one line each. */
export function sourceCitationProblems(rules: readonly Rule[], recorded: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    for (const source of rule.sources) {
      if (!Object.hasOwn(sourceFileRepos, source.kind)) continue;
      const kind = source.kind as SourceFileKind;
      if (source.ref.split(' ').length > 2) {
        problems.push(`${rule.id}: ${kind} "${source.ref}" is not of the form <path> [<symbol>]`);
      } else if (!Object.hasOwn(recorded, sourceCitationKey(kind, source.ref))) {
        problems.push(
          `${rule.id}: ${kind} "${source.ref}" was not found in ${sourceFileRepos[kind]} by scripts/upstream/extract.ts (re-run it after adding a citation)`,
        );
      }
    }
  }
  return problems;
}
