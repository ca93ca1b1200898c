import type { PropertyFamily } from '../engine/PropertyFamily.js';

/** Kinds of steps a store property generates. @public */
export type StoreStepKind = 'upsert' | 'delete' | 'get' | 'concurrent' | 'query' | 'live';

/**
 * What a store property generates: weights of step kinds and how often writes carry a wrong
 * revision. Steps the plugin cannot express (hard deletes, wrong revisions without revision
 * checks, queries without tag queries) are left out.
 *
 * @public
 */
export interface StoreProfile {
  readonly steps: Partial<Record<StoreStepKind, number>>;
  /** Relative weight of a wrong revision among upserts and deletes (0: always the right one). */
  readonly wrongRevisions: number;
  readonly maxSteps: number;
  /**
   * Run against the plugin as a store without tag queries would declare itself, with its query
   * methods gone (TAG-07): query steps are left out, every tag-query rule must come out
   * skipped with a reason, and the store contract must still hold.
   */
  readonly withoutTagQueries?: boolean;
}

/** A named store property and the rules it checks. @public */
export type StoreFamily = PropertyFamily<StoreProfile>;
