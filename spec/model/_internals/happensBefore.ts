/**
 * Whether one of the events `earlier` happens before one of `later`, following `predecessors`
 * (per event, the events of the edges into it) backwards from `later`. The models use it to
 * decide whether a notice may overtake an earlier one: not when that one's stop led to its own.
 */
export function happensBefore(predecessors: ReadonlyMap<number, readonly number[]>, earlier: readonly number[], later: readonly number[]): boolean {
  if (earlier.length === 0 || later.length === 0) return false;
  const targets = new Set(earlier);
  const seen = new Set<number>();
  const stack = [...later];
  for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
    if (targets.has(at)) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...(predecessors.get(at) ?? []));
  }
  return false;
}
