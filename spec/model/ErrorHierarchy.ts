/**
 * An error class of a test's error hierarchy, as data: `{ name: 'E2', parent: 'E1' }` stands
 * for `class E2 extends E1`. The conformance suite turns the declarations into real classes,
 * so supervision that matches with `instanceof` sees the same subtyping the model assumes.
 *
 * @public
 */
export interface ErrorDeclaration {
  /** Unique name; also the `name` of the realised class. */
  readonly name: string;
  /** The declared superclass, or absent for a direct subclass of `Error`. */
  readonly parent?: string;
}

/** A whole hierarchy: parents are declared before their children. @public */
export type ErrorHierarchy = readonly ErrorDeclaration[];

/**
 * Errors a runtime raises by itself rather than a test actor throwing them: the death pact of
 * an unhandled `Terminated` (WATCH-06), a full stash buffer (STASH-01) and a conflicting
 * `watch`/`watchWith` (WATCH-05). Supervision layers may name them in `on`.
 *
 * @public
 */
export const runtimeErrorKinds = ['DeathPact', 'StashOverflow', 'WatchConflict'] as const;

/** One of {@link runtimeErrorKinds}. @public */
export type RuntimeErrorKind = (typeof runtimeErrorKinds)[number];

/** What a supervision layer matches: an error name of the hierarchy, a runtime kind, or anything. @public */
export type ErrorMatcher = string;

/** The matcher that catches every non-fatal error. @public */
export const anyError = 'any';

/** Whether `name` is one of the {@link runtimeErrorKinds}. @public */
export function isRuntimeErrorKind(name: string): name is RuntimeErrorKind {
  return (runtimeErrorKinds as readonly string[]).includes(name);
}

/**
 * Whether an error called `errorName` is caught by a layer declared for `matcher`: `'any'`
 * catches all, otherwise the error must be the matcher's class or one of its subclasses
 * (SUP-04). Runtime kinds only match themselves (or `'any'`).
 *
 * @public
 */
export function errorMatches(hierarchy: ErrorHierarchy, errorName: string, matcher: ErrorMatcher): boolean {
  if (matcher === anyError) return true;
  const parents = new Map(hierarchy.map((d) => [d.name, d.parent] as const));
  const seen = new Set<string>();
  for (let current: string | undefined = errorName; current !== undefined; current = parents.get(current)) {
    if (current === matcher) return true;
    if (seen.has(current)) return false;
    seen.add(current);
  }
  return false;
}

/**
 * Checks that a hierarchy is well formed: unique names, parents declared earlier, no clash
 * with a runtime kind or `'any'`. Returns the problems found (empty when valid).
 *
 * @public
 */
export function hierarchyProblems(hierarchy: ErrorHierarchy): string[] {
  const problems: string[] = [];
  const declared = new Set<string>();
  for (const d of hierarchy) {
    if (declared.has(d.name)) problems.push(`error ${d.name} is declared twice`);
    if (isRuntimeErrorKind(d.name) || d.name === anyError) problems.push(`error name ${d.name} is reserved`);
    if (d.parent !== undefined && !declared.has(d.parent)) {
      problems.push(`error ${d.name} extends ${d.parent}, which is not declared before it`);
    }
    declared.add(d.name);
  }
  return problems;
}
