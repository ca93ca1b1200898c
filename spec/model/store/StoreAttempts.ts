import type { StoreObservation, StoreOperation, StoreWrite } from './StoreOperation.js';

/**
 * One write the suite issued and what the store answered. The belief keeps only successful
 * writes; blame also needs the refused ones and those a hard delete wiped, to tell which rule an
 * observation that no allowed state explains breaks (a refused write that shows up breaks
 * STORE-09, a wiped one STORE-07).
 *
 * @public
 */
export interface StoreAttempt {
  readonly write: StoreWrite;
  readonly ok: boolean;
  /** The step that issued it: writes of one step race, with no order between them. */
  readonly step: number;
}

/** Where an observed value or change came from, as far as the attempts tell. @public */
export type StoreTrace =
  | { readonly from: 'refused'; readonly write: StoreWrite }
  | { readonly from: 'wiped'; readonly write: StoreWrite }
  | { readonly from: 'other-id'; readonly write: StoreWrite }
  | { readonly from: 'accepted'; readonly write: StoreWrite; readonly step: number }
  | { readonly from: 'nowhere' };

/** The attempts after `operation` was observed: its writes with the results the store reported. @public */
export function attemptsAfter(attempts: readonly StoreAttempt[], operation: StoreOperation, observation: StoreObservation): readonly StoreAttempt[] {
  const step = (attempts.at(-1)?.step ?? -1) + 1;
  if (operation.op === 'live' && observation.op === 'live') return [...attempts, { write: operation.write, ok: observation.writeOk, step }];
  if (observation.op !== 'write') return attempts;
  const writes = operation.op === 'concurrent' ? operation.writes : operation.op === 'upsert' || operation.op === 'delete' ? [operation] : [];
  return [...attempts, ...writes.map((write, i) => ({ write, ok: observation.ok[i] === true, step }))];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The write an observation of `id` shows: an update is found by its value (every generated value
 * names its writer, so it identifies one write), a delete by its revision. The latest matching
 * attempt wins.
 *
 * @public
 */
export function traceWrite(
  attempts: readonly StoreAttempt[],
  id: string,
  shown: { readonly type: 'updated'; readonly value: unknown } | { readonly type: 'deleted'; readonly revision: number },
): StoreTrace {
  const matches = (w: StoreWrite) =>
    shown.type === 'updated' ? w.op === 'upsert' && same(w.value, shown.value) : w.op === 'delete' && w.revision === shown.revision && w.revision > 0;
  for (let i = attempts.length - 1; i >= 0; i--) {
    const attempt = attempts[i]!;
    if (!matches(attempt.write) || (shown.type === 'deleted' && attempt.write.id !== id)) continue;
    if (attempt.write.id !== id) return { from: 'other-id', write: attempt.write };
    if (!attempt.ok) return { from: 'refused', write: attempt.write };
    // Wiped by a hard delete of a later step (one of the same step raced it, in no known order).
    const wiped = attempts.slice(i + 1).some((a) => a.ok && a.step > attempt.step && a.write.id === id && a.write.op === 'delete' && a.write.revision === 0);
    return wiped ? { from: 'wiped', write: attempt.write } : { from: 'accepted', write: attempt.write, step: attempt.step };
  }
  return { from: 'nowhere' };
}
