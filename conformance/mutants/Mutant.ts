/**
 * What a shipped mutant is: a deliberately broken runtime or store, and the rules that must catch it.
 *
 * @packageDocumentation
 */
import type { StorePlugin } from '../contract/StorePlugin.js';
import type { RuntimeMutation } from './RuntimeMutation.js';

/** What every mutant states about itself. */
interface MutantDescription {
  /** Adapter or plugin name the mutant runs under. */
  readonly name: string;
  /** The bug, in one sentence. */
  readonly breaks: string;
  /** Rule IDs the suite must report `failed` for this mutant. */
  readonly caughtBy: readonly string[];
}

/** The reference runtime with one bug; the reference adapter realises it (`referenceRuntimeWith`). @public */
export interface RuntimeMutant extends MutantDescription {
  readonly kind: 'runtime';
  readonly mutation: RuntimeMutation;
}

/** A complete store plugin with one bug. @public */
export interface StoreMutant extends MutantDescription {
  readonly kind: 'store';
  readonly plugin: StorePlugin;
}

/** A deliberately broken runtime or store. @public */
export type Mutant = RuntimeMutant | StoreMutant;
