import type {
  ObservedChange,
  StoreObservation,
  StoreOperation,
  StoreValue,
  StoreWrite,
} from './StoreOperation.js';

/**
 * What a store promises beyond the required rules: the optional checks it makes and what
 * deleting an unknown id does (STORE-04, 06, 07, 08). `'either'` accepts both answers of STORE-08.
 *
 * @public
 */
export interface StoreSemantics {
  readonly revisionCheck: boolean;
  readonly deleteRevisionCheck: boolean;
  readonly hardDelete: boolean;
  readonly deleteOfUnknownId: 'tombstone' | 'ignore' | 'either';
}

/** One entity as the model believes it is stored. @public */
export interface StoredEntity {
  readonly value: StoreValue | undefined;
  readonly revision: number;
  readonly tag: string;
}

/** A successful write, as a change stream may report it. @public */
export interface LoggedChange {
  readonly type: 'updated' | 'deleted';
  readonly id: string;
  readonly revision: number;
  readonly tag: string;
  readonly value?: StoreValue;
}

/** One state the store may be in: entities by id and every successful write, in a commit order the rules allow. @public */
export interface StoreModelState {
  readonly entities: Readonly<Record<string, StoredEntity>>;
  readonly log: readonly LoggedChange[];
}

/**
 * Every state the rules allow given what was observed so far: concurrent writes and the
 * choices stores may make (STORE-08) leave more than one, and later reads narrow them down.
 *
 * @public
 */
export type StoreBelief = readonly StoreModelState[];

/** The model's verdict on one store operation. @public */
export interface StoreVerdict {
  /** The states still possible; empty when the observation is not allowed. */
  readonly next: StoreBelief;
  readonly problems: readonly string[];
  readonly exercised: readonly string[];
}

/** The belief before any write: one empty store. @public */
export const emptyStoreBelief: StoreBelief = [{ entities: {}, log: [] }];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The outcomes the rules allow for one write applied to one state. */
function outcomes(semantics: StoreSemantics, state: StoreModelState, write: StoreWrite): { ok: boolean; next: StoreModelState }[] {
  const entity = state.entities[write.id];
  const current = entity?.revision ?? 0;
  const rejected = { ok: false, next: state };
  const wrongRevision = write.revision !== current + 1;
  const commit = (next: StoredEntity | undefined, change: LoggedChange | undefined) => {
    const entities = { ...state.entities };
    if (next) entities[write.id] = next;
    else delete entities[write.id];
    return { ok: true, next: { entities, log: change ? [...state.log, change] : state.log } };
  };
  if (write.op === 'upsert') {
    const accepted = commit(
      { value: write.value, revision: write.revision, tag: write.tag },
      { type: 'updated', id: write.id, revision: write.revision, tag: write.tag, value: write.value },
    );
    if (!wrongRevision) return [accepted];
    return semantics.revisionCheck ? [rejected] : [rejected, accepted];
  }
  if (write.revision === 0) return semantics.hardDelete ? [commit(undefined, undefined)] : [rejected, state.entities[write.id] ? commit(undefined, undefined) : { ok: true, next: state }];
  if (wrongRevision && semantics.deleteRevisionCheck) return [rejected];
  const tag = entity?.tag ?? '';
  const softDelete = commit({ value: undefined, revision: write.revision, tag }, { type: 'deleted', id: write.id, revision: write.revision, tag });
  const accepted = entity
    ? [softDelete]
    : semantics.deleteOfUnknownId === 'tombstone'
      ? [softDelete]
      : semantics.deleteOfUnknownId === 'ignore'
        ? [{ ok: true, next: state }]
        : [softDelete, { ok: true, next: state }];
  return wrongRevision ? [rejected, ...accepted] : accepted;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Every (results, state) a batch of writes may produce when the store serialises them in some order. */
function batchOutcomes(semantics: StoreSemantics, state: StoreModelState, writes: readonly StoreWrite[]): { ok: boolean[]; next: StoreModelState }[] {
  const found: { ok: boolean[]; next: StoreModelState }[] = [];
  for (const order of permutations(writes.map((w, i) => ({ w, i })))) {
    let branches = [{ ok: new Array<boolean>(writes.length).fill(false), next: state }];
    for (const { w, i } of order) {
      branches = branches.flatMap((b) =>
        outcomes(semantics, b.next, w).map((o) => {
          const ok = [...b.ok];
          ok[i] = o.ok;
          return { ok, next: o.next };
        }),
      );
    }
    found.push(...branches);
  }
  return found;
}

function dedupe(states: readonly StoreModelState[]): StoreModelState[] {
  const seen = new Map<string, StoreModelState>();
  for (const s of states) seen.set(JSON.stringify(s), s);
  return [...seen.values()];
}

/** Problems of one finite tag query against one possible state (TAG-02, 04, 05, 06; STORE-09). */
function streamProblems(state: StoreModelState, tag: string, stream: readonly ObservedChange[], after: number): string[] {
  const problems: string[] = [];
  let lastOffset = after;
  const lastRevision = new Map<string, number>();
  for (const change of stream) {
    const at = `change ${change.persistenceId} r${change.revision} @${change.offset}`;
    if (change.tag !== tag) problems.push(`${at} has tag '${change.tag}', queried '${tag}'`);
    if (!(change.offset > lastOffset)) problems.push(`${at}: offset does not increase (after ${lastOffset})`);
    lastOffset = Math.max(lastOffset, change.offset);
    const previous = lastRevision.get(change.persistenceId) ?? 0;
    if (!(change.revision > previous)) problems.push(`${at}: revision does not increase for ${change.persistenceId}`);
    lastRevision.set(change.persistenceId, change.revision);
    const candidates = state.log.filter((l) => l.id === change.persistenceId && l.revision === change.revision && l.type === change.type);
    const written = candidates.find((l) => l.tag === change.tag && (change.type === 'deleted' || same(change.value, l.value)));
    if (candidates.length === 0) problems.push(`${at} (${change.type}) matches no successful write`);
    else if (!written) {
      const w = candidates[0]!;
      problems.push(`${at}: reported tag '${change.tag}' value ${JSON.stringify(change.value ?? null)}, written tag '${w.tag}' value ${JSON.stringify(w.value ?? null)}`);
    }
  }
  return problems;
}

/** Problems of a live query (TAG-03): valid changes, the latest of every id before the write, the write after it, never done. */
function liveProblems(
  before: StoreModelState,
  after: StoreModelState,
  tag: string,
  observation: Extract<StoreObservation, { op: 'live' }>,
): string[] {
  const stream = [...observation.before, ...observation.after];
  const problems = streamProblems(after, tag, stream, 0);
  for (const [id, revision] of required(before, tag)) {
    if (!observation.before.some((c) => c.persistenceId === id && c.revision === revision)) {
      problems.push(`live changes did not emit the latest change of ${id} (r${revision}) before the write`);
    }
  }
  for (const [id, revision] of required(after, tag)) {
    if (!stream.some((c) => c.persistenceId === id && c.revision === revision)) {
      problems.push(`live changes did not emit ${id} r${revision}, written while it ran`);
    }
  }
  if (observation.completed) problems.push('live changes completed; they must keep running');
  return problems;
}

/** The ids whose current revision a query must show, with that revision (TAG-02). */
function required(state: StoreModelState, tag: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const [id, entity] of Object.entries(state.entities)) {
    if (entity.tag !== tag) continue;
    const last = [...state.log].reverse().find((l) => l.id === id);
    if (last && last.revision === entity.revision) ids.set(id, entity.revision);
  }
  return ids;
}

function queryProblems(state: StoreModelState, tag: string, observation: Extract<StoreObservation, { op: 'query' }>): string[] {
  const problems = streamProblems(state, tag, observation.full, 0);
  for (const [id, revision] of required(state, tag)) {
    if (!observation.full.some((c) => c.persistenceId === id && c.revision === revision)) {
      problems.push(`currentChanges misses the latest change of ${id} (r${revision})`);
    }
  }
  problems.push(...streamProblems(state, tag, observation.resumed, observation.resumedFrom).map((p) => `resumed: ${p}`));
  for (const [id, revision] of required(state, tag)) {
    const inFull = observation.full.find((c) => c.persistenceId === id && c.revision === revision);
    if (inFull && inFull.offset > observation.resumedFrom && !observation.resumed.some((c) => c.persistenceId === id && c.revision === revision)) {
      problems.push(`resuming after offset ${observation.resumedFrom} loses ${id} r${revision}`);
    }
  }
  return problems;
}

/**
 * The store oracle: narrows the belief by what was observed for `operation`, or reports why
 * no allowed state explains it.
 *
 * @public
 */
export function observeStore(
  semantics: StoreSemantics,
  belief: StoreBelief,
  operation: StoreOperation,
  observation: StoreObservation,
): StoreVerdict {
  const exercised = new Set<string>();
  const fail = (problems: string[]): StoreVerdict => ({ next: [], problems, exercised: [...exercised] });
  switch (operation.op) {
    case 'upsert':
    case 'delete':
    case 'concurrent': {
      if (observation.op !== 'write') return fail([`expected write results, observed ${observation.op}`]);
      const writes = operation.op === 'concurrent' ? operation.writes : [operation];
      noteWrites(semantics, belief[0]!, writes, exercised);
      const next = belief.flatMap((s) =>
        batchOutcomes(semantics, s, writes)
          .filter((o) => o.ok.every((ok, i) => ok === observation.ok[i]))
          .map((o) => o.next),
      );
      if (next.length > 0) return { next: dedupe(next), problems: [], exercised: [...exercised] };
      const allowed = dedupe(belief).flatMap((s) => batchOutcomes(semantics, s, writes).map((o) => o.ok.map((ok) => (ok ? 'ok' : 'rejected')).join(',')));
      return fail([
        `write results ${observation.ok.map((ok) => (ok ? 'ok' : 'rejected')).join(',')} are not allowed; allowed: ${[...new Set(allowed)].join(' | ')}`,
      ]);
    }
    case 'get': {
      if (observation.op !== 'get') return fail([`expected a get result, observed ${observation.op}`]);
      const entity = belief[0]!.entities[operation.id];
      exercised.add(entity === undefined ? 'STORE-01' : entity.value === undefined ? 'STORE-05' : 'STORE-02');
      if (Object.keys(belief[0]!.entities).length > 1) exercised.add('STORE-03');
      if (belief[0]!.log.some((l) => l.id === operation.id)) exercised.add('STORE-09');
      const next = belief.filter((s) => {
        const e = s.entities[operation.id];
        return same(e?.value, observation.value) && (e?.revision ?? 0) === observation.revision;
      });
      if (next.length > 0) return { next, problems: [], exercised: [...exercised] };
      const allowed = belief.map((s) => {
        const e = s.entities[operation.id];
        return `(${JSON.stringify(e?.value ?? null)}, r${e?.revision ?? 0})`;
      });
      return fail([`get ${operation.id} returned (${JSON.stringify(observation.value ?? null)}, r${observation.revision}); allowed: ${[...new Set(allowed)].join(' | ')}`]);
    }
    case 'query': {
      if (observation.op !== 'query') return fail([`expected query results, observed ${observation.op}`]);
      exercised.add('TAG-02').add('TAG-05');
      if (observation.full.length > 0) exercised.add('TAG-01');
      if (observation.resumedFrom > 0) exercised.add('TAG-04');
      if (observation.full.some((c) => c.type === 'deleted')) exercised.add('TAG-06');
      const results = belief.map((s) => ({ s, problems: queryProblems(s, operation.tag, observation) }));
      const next = results.filter((r) => r.problems.length === 0).map((r) => r.s);
      return next.length > 0 ? { next, problems: [], exercised: [...exercised] } : fail(results[0]?.problems ?? ['no state']);
    }
    case 'live': {
      if (observation.op !== 'live') return fail([`expected live query results, observed ${observation.op}`]);
      exercised.add('TAG-03');
      const results = belief.flatMap((s) =>
        outcomes(semantics, s, operation.write)
          .filter((o) => o.ok === observation.writeOk)
          .map((o) => ({ s: o.next, problems: liveProblems(s, o.next, operation.tag, observation) })),
      );
      const next = dedupe(results.filter((r) => r.problems.length === 0).map((r) => r.s));
      return next.length > 0 ? { next, problems: [], exercised: [...exercised] } : fail(results[0]?.problems ?? ['the write result is not allowed']);
    }
  }
}

/** Which rules a batch of writes exercises, judged on one allowed state before it. */
function noteWrites(semantics: StoreSemantics, state: StoreModelState, writes: readonly StoreWrite[], exercised: Set<string>): void {
  for (const w of writes) {
    const entity = state.entities[w.id];
    const next = (entity?.revision ?? 0) + 1;
    if (w.op === 'upsert') {
      exercised.add('STORE-02');
      if (w.revision !== next && semantics.revisionCheck) exercised.add('STORE-04');
      if (entity && entity.value === undefined) exercised.add('STORE-05');
    } else if (w.revision === 0) exercised.add('STORE-07');
    else if (!entity) exercised.add('STORE-08');
    else if (w.revision !== next && semantics.deleteRevisionCheck) exercised.add('STORE-06');
    else exercised.add('STORE-05');
  }
  if (writes.length > 1 && writes.some((w, i) => writes.findIndex((o) => o.id === w.id && o.revision === w.revision) !== i)) {
    if (semantics.revisionCheck) exercised.add('STORE-04');
  }
}
