/**
 * What a shipped legal variant is: the reference runtime changed only where the rules leave the
 * runtime free (the mirror image of a mutant), so every rule must still pass.
 *
 * @packageDocumentation
 */
import type { ReferenceScheduling } from '../adapters/reference-runtime.js';

/** The reference runtime with one freedom taken another way. @public */
export interface Variant {
  /** Adapter name the variant runs under. */
  readonly name: string;
  /** What it does differently, in one sentence. */
  readonly differs: string;
  /** The freedom of `conformance/ADAPTERS.md` §"Freedoms" it takes. */
  readonly freedom: string;
  /** The runtime options that make the difference. */
  readonly scheduling: ReferenceScheduling;
}
