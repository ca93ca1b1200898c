import type { AreaId, Capability, Level, Role, SourceKind } from './vocabulary.js';

/** Where a rule comes from: a seed document or a public test, source or docs page. */
export interface RuleSource {
  /** What kind of reference this is. */
  readonly kind: SourceKind;
  /** The reference itself: a seed ID (`S003`), a spec tag and test name, or a path. */
  readonly ref: string;
}

/** How repeatable the observable outcome of a rule is. */
export type Determinism =
  | { readonly kind: 'deterministic' }
  | {
      readonly kind: 'nondeterministic';
      /** Which outcomes a test must accept. */
      readonly allowed: string;
    };

/** The runtimes whose behaviour the catalog compares. */
export type ReferenceRuntime = 'akka' | 'pekko' | 'goakt';

/** A way in which one reference runtime departs from the rule or from the others. */
export interface RuntimeDifference {
  /** The runtime that behaves differently. */
  readonly runtime: ReferenceRuntime;
  /** What it does instead. */
  readonly note: string;
}

/**
 * One normative rule. IDs are never reused or renumbered; a renamed rule keeps
 * its old ID in `aliases`.
 */
export interface Rule {
  /** Stable ID as in the catalog, e.g. `SUP-07`. */
  readonly id: string;
  /** Former IDs this rule still answers to. */
  readonly aliases: readonly string[];
  /** Stable dotted name, first segment the area slug, e.g. `supervision.restart.limit-window`. */
  readonly slug: string;
  /** The area, equal to the ID prefix. */
  readonly area: AreaId;
  /** Primary strength. */
  readonly level: Level;
  /** One-line title. */
  readonly title: string;
  /** Normative text, precise enough to test black-box. */
  readonly statement: string;
  /** Capabilities an adapter must declare for the rule to run. */
  readonly capabilities: readonly Capability[];
  /** Where the rule comes from. */
  readonly sources: readonly RuleSource[];
  /** Whether the observable outcome is deterministic. */
  readonly determinism: Determinism;
  /** Where Akka, Pekko and GoAkt differ. */
  readonly differences: readonly RuntimeDifference[];
  /** "If this fails, check…": 1 to 3 concrete things to look at. */
  readonly hints: readonly string[];
  /** Version of the kit that introduced the rule. */
  readonly since: string;
}
