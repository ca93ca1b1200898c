import type { Determinism, Rule, RuleSource } from '../Rule.js';
import type { AreaId } from '../vocabulary.js';

/** Fields that get shared defaults when a rule file leaves them out. */
type Defaulted = 'aliases' | 'determinism' | 'differences' | 'since';

/** The fields a rule file writes: everything but the area, with the defaulted fields optional. */
export type RuleDraft = Omit<Rule, 'area' | Defaulted> & Partial<Pick<Rule, Defaulted>>;

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
  goaktTest: (ref: string): RuleSource => ({ kind: 'goakt-test', ref }),
  goaktDocs: (ref: string): RuleSource => ({ kind: 'goakt-docs', ref }),
  docs: (ref: string): RuleSource => ({ kind: 'docs', ref }),
};
