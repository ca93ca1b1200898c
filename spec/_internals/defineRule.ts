import type { Determinism, Rule, RuleSource, RuntimeDifference } from '../Rule.js';
import type { AreaId, Capability, Level } from '../vocabulary.js';

/** The fields a rule file writes; the rest get defaults shared by every rule. */
export interface RuleDraft {
  readonly id: string;
  readonly slug: string;
  readonly level: Level;
  readonly title: string;
  readonly statement: string;
  readonly capabilities: readonly Capability[];
  readonly sources: readonly RuleSource[];
  readonly hints: readonly string[];
  readonly determinism?: Determinism;
  readonly differences?: readonly RuntimeDifference[];
  readonly aliases?: readonly string[];
  readonly since?: string;
}

const deterministic: Determinism = { kind: 'deterministic' };

/** Returns a builder that stamps every rule of one area file with that area and the defaults. */
export function rulesOf(area: AreaId): (draft: RuleDraft) => Rule {
  return (draft) => ({
    ...draft,
    area,
    aliases: draft.aliases ?? [],
    determinism: draft.determinism ?? deterministic,
    differences: draft.differences ?? [],
    since: draft.since ?? '0.1.0',
  });
}

/** Marks a rule nondeterministic and says which outcomes a test must accept. */
export function allows(allowed: string): Determinism {
  return { kind: 'nondeterministic', allowed };
}

/** Source shorthands, so rule files stay readable. */
export const src = {
  seed: (ref: 'S000' | 'S001' | 'S003'): RuleSource => ({ kind: 'seed', ref }),
  pekkoTest: (ref: string): RuleSource => ({ kind: 'pekko-test', ref }),
  pekko: (ref: string): RuleSource => ({ kind: 'pekko-source', ref }),
  akka: (ref: string): RuleSource => ({ kind: 'akka-source', ref }),
  goakt: (ref: string): RuleSource => ({ kind: 'goakt-source', ref }),
  goaktDocs: (ref: string): RuleSource => ({ kind: 'goakt-docs', ref }),
  docs: (ref: string): RuleSource => ({ kind: 'docs', ref }),
};
