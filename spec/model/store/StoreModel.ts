import type {
  ObservedChange,
  StoreObservation,
  StoreOperation,
  StoreValue,
  StoreWrite,
} from './StoreOperation.js';
import { traceWrite, type StoreAttempt } from './StoreAttempts.js';

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
  /** The rules whose statements the problems break (empty when there are none), sorted. */
  readonly blamed: readonly string[];
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
  // A hard delete forgets the id: its value, its revision and its changes (STORE-07).
  const forget = () => {
    const entities = { ...state.entities };
    delete entities[write.id];
    return { ok: true, next: { entities, log: state.log.filter((l) => l.id !== write.id) } };
  };
  if (write.op === 'upsert') {
    const accepted = commit(
      { value: write.value, revision: write.revision, tag: write.tag },
      { type: 'updated', id: write.id, revision: write.revision, tag: write.tag, value: write.value },
    );
    if (!wrongRevision) return [accepted];
    return semantics.revisionCheck ? [rejected] : [rejected, accepted];
  }
  if (write.revision === 0) return semantics.hardDelete ? [forget()] : [rejected, state.entities[write.id] ? forget() : { ok: true, next: state }];
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

/** Something an observation breaks, and the rule whose statement it breaks. */
interface StoreProblem {
  readonly text: string;
  readonly rules: readonly string[];
}

const problem = (text: string, ...rules: string[]): StoreProblem => ({ text, rules });

/**
 * Why a change no successful write explains is there: a refused write (TAG-06, STORE-09: a
 * failed write never appears), a write a hard delete wiped (STORE-07), or an invented one (TAG-05).
 */
function unexplainedChange(attempts: readonly StoreAttempt[], change: ObservedChange, at: string): StoreProblem {
  const trace = traceWrite(attempts, change.persistenceId, change.type === 'updated' ? { type: 'updated', value: change.value } : { type: 'deleted', revision: change.revision });
  if (trace.from === 'refused') return problem(`${at} (${change.type}) is a write the store refused`, 'TAG-06', 'STORE-09');
  if (trace.from === 'wiped') return problem(`${at} (${change.type}) was written before a hard delete of ${change.persistenceId}, which forgets it`, 'STORE-07');
  return problem(`${at} (${change.type}) matches no successful write`, change.type === 'deleted' ? 'TAG-06' : 'TAG-05');
}

/**
 * Problems of one finite tag query against one possible state (TAG-01, 02, 04, 05, 06; STORE-07, 09).
 * A change that no successful write explains is blamed once, on why it is there, and set aside
 * for the order checks it would also upset.
 */
function streamProblems(state: StoreModelState, tag: string, stream: readonly ObservedChange[], after: number, attempts: readonly StoreAttempt[]): StoreProblem[] {
  const problems: StoreProblem[] = [];
  let lastOffset = after;
  const lastRevision = new Map<string, number>();
  for (const change of stream) {
    const at = `change ${change.persistenceId} r${change.revision} @${change.offset}`;
    const candidates = state.log.filter((l) => l.id === change.persistenceId && l.revision === change.revision);
    const sameType = candidates.filter((l) => l.type === change.type);
    if (sameType.length === 0) {
      problems.push(
        candidates.length > 0
          ? problem(`${at} is reported ${change.type}, written ${candidates[0]!.type}`, 'TAG-06')
          : unexplainedChange(attempts, change, at),
      );
      continue;
    }
    if (change.tag !== tag) problems.push(problem(`${at} has tag '${change.tag}', queried '${tag}'`, sameType.some((l) => l.tag === change.tag) ? 'TAG-02' : 'TAG-01'));
    if (!(change.offset > lastOffset)) problems.push(problem(`${at}: offset does not increase (after ${lastOffset})`, 'TAG-04'));
    lastOffset = Math.max(lastOffset, change.offset);
    const previous = lastRevision.get(change.persistenceId) ?? 0;
    if (!(change.revision > previous)) problems.push(problem(`${at}: revision does not increase for ${change.persistenceId}`, 'TAG-05'));
    lastRevision.set(change.persistenceId, change.revision);
    const w = sameType[0]!;
    if (!sameType.some((l) => l.tag === change.tag)) {
      problems.push(problem(`${at}: reported tag '${change.tag}', written tag '${w.tag}'`, 'TAG-01'));
    } else if (change.type === 'updated' && !sameType.some((l) => same(change.value, l.value))) {
      const trace = traceWrite(attempts, change.persistenceId, { type: 'updated', value: change.value });
      problems.push(
        trace.from === 'refused'
          ? problem(`${at} shows the value ${JSON.stringify(change.value ?? null)} of a write the store refused`, 'TAG-06', 'STORE-09')
          : problem(`${at}: reported value ${JSON.stringify(change.value ?? null)}, written value ${JSON.stringify(w.value ?? null)}`, 'TAG-05'),
      );
    }
  }
  return problems;
}

/** A change the query must show is missing: a delete breaks TAG-06 (deletes appear), an update TAG-02. */
function missingLatest(state: StoreModelState, id: string, revision: number, text: string, rule: string): StoreProblem {
  const deleted = state.log.some((l) => l.id === id && l.revision === revision && l.type === 'deleted');
  return problem(text, deleted ? 'TAG-06' : rule);
}

/** Problems of a live query (TAG-03): valid changes, the latest of every id before the write, the write after it, never done. */
function liveProblems(
  before: StoreModelState,
  after: StoreModelState,
  tag: string,
  observation: Extract<StoreObservation, { op: 'live' }>,
  attempts: readonly StoreAttempt[],
): StoreProblem[] {
  const stream = [...observation.before, ...observation.after];
  const problems = streamProblems(after, tag, stream, 0, attempts);
  for (const [id, revision] of required(before, tag)) {
    if (!observation.before.some((c) => c.persistenceId === id && c.revision === revision)) {
      problems.push(problem(`live changes did not emit the latest change of ${id} (r${revision}) before the write`, 'TAG-03'));
    }
  }
  for (const [id, revision] of required(after, tag)) {
    if (!stream.some((c) => c.persistenceId === id && c.revision === revision)) {
      problems.push(problem(`live changes did not emit ${id} r${revision}, written while it ran`, 'TAG-03'));
    }
  }
  if (observation.completed) problems.push(problem('live changes completed; they must keep running', 'TAG-03'));
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

function queryProblems(state: StoreModelState, tag: string, observation: Extract<StoreObservation, { op: 'query' }>, attempts: readonly StoreAttempt[]): StoreProblem[] {
  const problems = streamProblems(state, tag, observation.full, 0, attempts);
  for (const [id, revision] of required(state, tag)) {
    if (!observation.full.some((c) => c.persistenceId === id && c.revision === revision)) {
      problems.push(missingLatest(state, id, revision, `currentChanges misses the latest change of ${id} (r${revision})`, 'TAG-02'));
    }
  }
  problems.push(...streamProblems(state, tag, observation.resumed, observation.resumedFrom, attempts).map((p) => ({ ...p, text: `resumed: ${p.text}` })));
  for (const [id, revision] of required(state, tag)) {
    const inFull = observation.full.find((c) => c.persistenceId === id && c.revision === revision);
    if (inFull && inFull.offset > observation.resumedFrom && !observation.resumed.some((c) => c.persistenceId === id && c.revision === revision)) {
      problems.push(problem(`resuming after offset ${observation.resumedFrom} loses ${id} r${revision}`, 'TAG-04'));
    }
  }
  return problems;
}

/**
 * The store oracle: narrows the belief by what was observed for `operation`, or reports why
 * no allowed state explains it and which rules that breaks. `attempts` are the writes issued
 * before (see {@link attemptsAfter}); they only sharpen the blame, never the verdict.
 *
 * @public
 */
export function observeStore(
  semantics: StoreSemantics,
  belief: StoreBelief,
  operation: StoreOperation,
  observation: StoreObservation,
  attempts: readonly StoreAttempt[] = [],
): StoreVerdict {
  const exercised = new Set<string>();
  const fail = (problems: readonly StoreProblem[]): StoreVerdict => ({
    next: [],
    problems: problems.map((p) => p.text),
    blamed: [...new Set(problems.flatMap((p) => p.rules))].sort(),
    exercised: [...exercised],
  });
  const pass = (next: StoreBelief): StoreVerdict => ({ next, problems: [], blamed: [], exercised: [...exercised] });
  const shape = (rules: readonly string[]) => fail([problem(`expected ${operation.op} results, observed ${observation.op}`, ...rules)]);
  switch (operation.op) {
    case 'upsert':
    case 'delete':
    case 'concurrent': {
      const writes = operation.op === 'concurrent' ? operation.writes : [operation];
      noteWrites(semantics, belief[0]!, writes, exercised);
      if (observation.op !== 'write') return shape([...exercised]);
      const next = belief.flatMap((s) =>
        batchOutcomes(semantics, s, writes)
          .filter((o) => o.ok.every((ok, i) => ok === observation.ok[i]))
          .map((o) => o.next),
      );
      if (next.length > 0) return pass(dedupe(next));
      const allowed = dedupe(belief).flatMap((s) => batchOutcomes(semantics, s, writes)).map((o) => o.ok.map((ok) => (ok ? 'ok' : 'rejected')).join(','));
      return fail([
        problem(
          `write results ${observation.ok.map((ok) => (ok ? 'ok' : 'rejected')).join(',')} are not allowed; allowed: ${[...new Set(allowed)].join(' | ')}`,
          ...writeBlame(semantics, belief, writes, observation.ok),
        ),
      ]);
    }
    case 'get': {
      const entity = belief[0]!.entities[operation.id];
      exercised.add(entity === undefined ? 'STORE-01' : entity.value === undefined ? 'STORE-05' : 'STORE-02');
      if (Object.keys(belief[0]!.entities).length > 1) exercised.add('STORE-03');
      if (belief[0]!.log.some((l) => l.id === operation.id)) exercised.add('STORE-09');
      if (observation.op !== 'get') return shape([...exercised]);
      const next = belief.filter((s) => {
        const e = s.entities[operation.id];
        return same(e?.value, observation.value) && (e?.revision ?? 0) === observation.revision;
      });
      if (next.length > 0) return pass(next);
      const allowed = belief.map((s) => {
        const e = s.entities[operation.id];
        return `(${JSON.stringify(e?.value ?? null)}, r${e?.revision ?? 0})`;
      });
      return fail([
        problem(
          `get ${operation.id} returned (${JSON.stringify(observation.value ?? null)}, r${observation.revision}); allowed: ${[...new Set(allowed)].join(' | ')}`,
          readBlame(belief, operation.id, observation, attempts),
        ),
      ]);
    }
    case 'query': {
      exercised.add('TAG-02').add('TAG-05');
      if (observation.op !== 'query') return shape(['TAG-02']);
      if (observation.full.length > 0) exercised.add('TAG-01');
      if (observation.resumedFrom > 0) exercised.add('TAG-04');
      if (observation.full.some((c) => c.type === 'deleted')) exercised.add('TAG-06');
      const results = belief.map((s) => ({ s, problems: queryProblems(s, operation.tag, observation, attempts) }));
      const next = results.filter((r) => r.problems.length === 0).map((r) => r.s);
      return next.length > 0 ? pass(next) : fail(fewest(results.map((r) => r.problems)));
    }
    case 'live': {
      exercised.add('TAG-03');
      if (observation.op !== 'live') return shape(['TAG-03']);
      const results = belief.flatMap((s) =>
        outcomes(semantics, s, operation.write)
          .filter((o) => o.ok === observation.writeOk)
          .map((o) => ({ s: o.next, problems: liveProblems(s, o.next, operation.tag, observation, attempts) })),
      );
      const next = dedupe(results.filter((r) => r.problems.length === 0).map((r) => r.s));
      if (next.length > 0) return pass(next);
      if (results.length === 0) {
        return fail([problem(`the write of the live query was ${observation.writeOk ? 'accepted' : 'rejected'}, which is not allowed`, ...writeBlame(semantics, belief, [operation.write], [observation.writeOk]))]);
      }
      return fail(fewest(results.map((r) => r.problems)));
    }
  }
}

/** The explanation closest to an allowed state: the problems of the state that has the fewest. */
function fewest(candidates: readonly (readonly StoreProblem[])[]): readonly StoreProblem[] {
  return candidates.reduce((best, c) => (c.length < best.length ? c : best));
}

/**
 * The rules write results no serial order allows break. Each order is replayed with the results
 * forced as observed, a refused write also tried as having taken effect anyway (STORE-09); the
 * replay with the fewest results its states do not allow is the likeliest (a writer refused
 * because a wrongly accepted one went first is not a second fault), and each of its wrong
 * results is blamed on the rule for that kind of write ({@link wrongResult}). Ties go to the
 * replay whose faults rank first in {@link faultRank}.
 */
function writeBlame(semantics: StoreSemantics, belief: StoreBelief, writes: readonly StoreWrite[], observed: readonly boolean[]): string[] {
  const lax: StoreSemantics = { ...semantics, revisionCheck: false, deleteRevisionCheck: false, hardDelete: true };
  const forced = (state: StoreModelState, w: StoreWrite) => outcomes(lax, state, w).find((o) => o.ok)?.next ?? state;
  const score = (rules: readonly string[]) => rules.length * 100 + rules.reduce((n, r) => n + faultRank(r), 0);
  let best: string[] | undefined;
  for (const initial of dedupe(belief)) {
    for (const order of permutations(writes.map((w, i) => ({ w, i })))) {
      let branches: { now: StoreModelState; rules: string[] }[] = [{ now: initial, rules: [] }];
      for (const { w, i } of order) {
        branches = branches.flatMap(({ now, rules }) => {
          const fits = outcomes(semantics, now, w).find((o) => o.ok === observed[i]);
          if (fits && observed[i]) return [{ now: fits.next, rules }];
          if (fits) return [{ now: fits.next, rules }, { now: forced(now, w), rules: [...rules, 'STORE-09'] }];
          const fault = wrongResult(now, w, observed[i] === true);
          return [{ now: observed[i] ? forced(now, w) : now, rules: [...rules, fault] }];
        });
      }
      for (const { rules } of branches) if (best === undefined || score(rules) < score(best)) best = rules;
    }
  }
  return [...new Set(best ?? [])];
}

/** Which fault explains a write result first when two replays need as many: a race lost by the revision check before a refusal. */
function faultRank(rule: string): number {
  const order = ['STORE-09', 'STORE-04', 'STORE-05', 'STORE-08', 'STORE-07', 'STORE-02', 'STORE-06'];
  const at = order.indexOf(rule);
  return at < 0 ? order.length : at;
}

/**
 * The rule one wrong write result breaks, judged on the state it met. Accepted at a wrong
 * revision: STORE-04 (upsert) or STORE-06 (delete) (a store that lost a tombstone looks the same
 * to the write; the step's diagnostic reads tell them apart).
 * Refused at the right revision: STORE-02 for an upsert (STORE-05 after a soft delete), STORE-07
 * for a hard delete, STORE-08 for a delete of an unknown id, STORE-05 for a soft delete.
 */
function wrongResult(state: StoreModelState, w: StoreWrite, accepted: boolean): string {
  const entity = state.entities[w.id];
  const tombstone = entity !== undefined && entity.value === undefined;
  const wasKnown = state.log.some((l) => l.id === w.id && l.type === 'updated');
  if (accepted) {
    if (w.op === 'delete') return w.revision === 0 ? 'STORE-07' : 'STORE-06';
    return 'STORE-04';
  }
  if (w.op === 'upsert') return tombstone ? (wasKnown ? 'STORE-05' : 'STORE-08') : 'STORE-02';
  if (entity === undefined) return 'STORE-08';
  return w.revision === 0 ? 'STORE-07' : tombstone && !wasKnown ? 'STORE-08' : 'STORE-05';
}

/**
 * The rule a read no allowed state explains breaks, judged by where the value it shows came
 * from: another id (STORE-03), a refused write (STORE-09), a write a hard delete wiped
 * (STORE-07), racing writers of the id both accepted (STORE-04), an older write of the id
 * (STORE-02); else by what the id should hold: nothing ever written (STORE-01), a tombstone of
 * an unknown id (STORE-08), a soft delete (STORE-05), a hard delete (STORE-07), a value (STORE-02).
 */
function readBlame(belief: StoreBelief, id: string, observation: Extract<StoreObservation, { op: 'get' }>, attempts: readonly StoreAttempt[]): string {
  if (observation.value !== undefined && observation.value !== null) {
    const trace = traceWrite(attempts, id, { type: 'updated', value: observation.value });
    if (trace.from === 'other-id') return 'STORE-03';
    if (trace.from === 'refused') return 'STORE-09';
    if (trace.from === 'wiped') return 'STORE-07';
  }
  const ofId = attempts.filter((a) => a.write.id === id);
  const accepted = ofId.filter((a) => a.ok);
  const lastOk = accepted.at(-1);
  // The id's last writes raced, more than one was accepted, and the read shows one of them: a
  // state only a serial order accepting a wrong revision leaves (STORE-04).
  const raced = lastOk === undefined ? [] : accepted.filter((a) => a.step === lastOk.step);
  const shownByRace = raced.some((a) =>
    a.write.op === 'upsert' ? same(a.write.value, observation.value) && a.write.revision === observation.revision : a.write.revision === 0 && observation.revision === 0 && (observation.value ?? null) === null,
  );
  if (raced.length > 1 && shownByRace) return 'STORE-04';
  // An older accepted value of this id: the read missed the latest write.
  if (observation.value !== undefined && observation.value !== null && traceWrite(attempts, id, { type: 'updated', value: observation.value }).from === 'accepted') return 'STORE-02';
  // Nothing at all where the latest accepted write was an upsert of a new id: the read missed it.
  if (lastOk?.write.op === 'upsert' && accepted.length === 1 && observation.revision === 0 && (observation.value ?? null) === null) return 'STORE-02';
  const refusedSince = ofId.slice(lastOk === undefined ? 0 : ofId.lastIndexOf(lastOk) + 1);
  // The value is right but the revision is not, and a refused write of that revision came after the last accepted one.
  if (refusedSince.some((a) => a.write.revision === observation.revision && a.write.revision > 0)) return 'STORE-09';
  const entity = belief[0]!.entities[id];
  if (entity === undefined) {
    if (lastOk?.write.op === 'delete' && lastOk.write.revision === 0) return 'STORE-07';
    return ofId.some((a) => a.ok) ? 'STORE-08' : 'STORE-01';
  }
  if (entity.value === undefined) return ofId.some((a) => a.ok && a.write.op === 'upsert') ? 'STORE-05' : 'STORE-08';
  return 'STORE-02';
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
