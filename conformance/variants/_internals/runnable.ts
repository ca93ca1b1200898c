import type { RuntimeAdapter } from '../../contract/RuntimeAdapter.js';
import { referenceRuntimeWith } from '../../adapters/reference-runtime.js';
import type { Variant } from '../Variant.js';

/**
 * The adapter of a variant: the reference runtime with the variant's scheduling. Every variant
 * file exports one as `adapter`, so `npx conformance --adapter conformance/variants/<name>.ts`
 * runs the suite against it.
 */
export function runnable(variant: Variant): RuntimeAdapter {
  return referenceRuntimeWith(variant.name, {}, variant.scheduling);
}
