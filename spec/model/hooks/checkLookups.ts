import { describeExtensionLookup, type ExtensionLookup } from './HookedActor.js';
import type { ExpectedLookup } from './HookModel.js';

const keyOf = (lookup: { readonly path: string; readonly site: string; readonly id: string }) => `${lookup.path}: ${lookup.site} looked up ${lookup.id}`;

/**
 * Compares the extension lookups of one operation with the expected ones, as multisets (their
 * order is not the point of HOOK-08): every required lookup once, optional ones at most once,
 * nothing else, and every one of them handed the instance the suite registered. Returns the
 * problems; none means the lookups conform.
 *
 * @public
 */
export function checkLookups(expected: readonly ExpectedLookup[], observed: readonly ExtensionLookup[]): string[] {
  const problems: string[] = [];
  const open = new Map<string, ExpectedLookup[]>();
  for (const e of expected) open.set(keyOf(e), [...(open.get(keyOf(e)) ?? []), e]);
  for (const lookup of observed) {
    if (!lookup.same) problems.push(`${describeExtensionLookup(lookup)}: not the instance registered at system creation`);
    const candidates = open.get(keyOf(lookup)) ?? [];
    // Match a required lookup before an optional one, so an optional one is never taken in a required one's place.
    const at = candidates.findIndex((c) => !c.optional);
    const index = at >= 0 ? at : candidates.length > 0 ? 0 : -1;
    if (index < 0) problems.push(`unexpected lookup: ${keyOf(lookup)}`);
    else candidates.splice(index, 1);
  }
  for (const left of open.values()) for (const e of left) if (!e.optional) problems.push(`missing lookup: ${keyOf(e)}`);
  return problems;
}
