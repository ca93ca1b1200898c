import fc from 'fast-check';
import type { Capability } from '../../../spec/index.js';
import {
  attemptsAfter,
  describeStoreOperation,
  emptyStoreBelief,
  type StoreAttempt,
  type UpsertWrite,
  observeStore,
  type ObservedChange,
  type StoreBelief,
  type StoreObservation,
  type StoreOperation,
  type StoreSemantics,
  type StoreVerdict,
  type StoreWrite,
} from '../../../spec/model/store/index.js';
import type { StoreChange, StoreUnderTest } from '../../contract/StorePlugin.js';
import { ConformanceViolation } from '../../engine/ConformanceViolation.js';
import { PositionalStep } from '../../engine/_internals/PositionalStep.js';
import type { StoreProfile, StoreStepKind } from '../StoreProfile.js';
import { expectedStates } from './expectedStates.js';

const ids = ['p0', 'p1', 'p2', 'p3'];
/** Each id keeps one tag (TAG-01); p3 stays untagged. */
const tagOf = (id: string): string => ['t0', 't1', 't0', ''][ids.indexOf(id)] ?? '';
const tags = ['t0', 't1', ''];

type WriteTemplate =
  | { readonly t: 'upsert'; readonly id: number; readonly wrong: number; readonly n: number }
  | { readonly t: 'delete'; readonly id: number; readonly wrong: number; readonly hard: boolean };
type StoreTemplate =
  | WriteTemplate
  | { readonly t: 'get'; readonly id: number }
  | { readonly t: 'concurrent'; readonly writes: readonly WriteTemplate[] }
  | { readonly t: 'query'; readonly tag: number; readonly resumeAt: number; readonly earlier: boolean }
  | { readonly t: 'live'; readonly id: number; readonly n: number };

/** The fast-check model of a store run: the belief, narrowed step by step. */
export interface StoreRunModel {
  belief: StoreBelief;
  writes: number;
  /** Every write issued so far with the store's answer, for blame. */
  attempts: readonly StoreAttempt[];
  /** Offsets earlier queries returned, by tag: a later query may resume from one (TAG-04). */
  offsets: Map<string, number[]>;
  /** The writes applied so far with their observed results, to rebuild the state on a fresh store for blame. */
  past: readonly { readonly writes: readonly StoreWrite[]; readonly ok: readonly boolean[] }[];
}

/** The real side: the store, what it promises, and the log of the run so far. */
export interface StoreRunReal {
  readonly store: StoreUnderTest;
  /** A fresh store of the same plugin and how to dispose of it (for the diagnostic replay of {@link diagnose}). */
  readonly fresh?: () => Promise<{ readonly store: StoreUnderTest; readonly dispose: () => Promise<void> }>;
  readonly semantics: StoreSemantics;
  readonly exercised: Set<string>;
  readonly log: string[];
  /** Real milliseconds after which a live query that emitted nothing more counts as quiet. */
  readonly patienceMs: number;
}

/** Positional write templates become concrete writes, revisions computed from one allowed state. */
function resolveWrite(template: WriteTemplate, m: StoreRunModel, writer: string): StoreWrite {
  const id = ids[template.id % ids.length]!;
  const current = m.belief[0]!.entities[id]?.revision ?? 0;
  if (template.t === 'delete' && template.hard) return { op: 'delete', id, revision: 0 };
  const revision = Math.max(1, current + 1 + template.wrong);
  return template.t === 'upsert'
    ? { op: 'upsert', id, revision, value: { n: template.n, by: writer }, tag: tagOf(id) }
    : { op: 'delete', id, revision };
}

function resolve(template: StoreTemplate, m: StoreRunModel): StoreOperation {
  switch (template.t) {
    case 'upsert':
    case 'delete':
      return resolveWrite(template, m, `w${m.writes++}`);
    case 'get':
      return { op: 'get', id: ids[template.id % ids.length]! };
    case 'concurrent':
      return { op: 'concurrent', writes: template.writes.map((w) => resolveWrite(w, m, `w${m.writes++}`)) };
    case 'query': {
      const tag = tags[template.tag % tags.length]!;
      const earlier = m.offsets.get(tag) ?? [];
      const from = template.earlier && earlier.length > 0 ? earlier[Math.floor(template.resumeAt * earlier.length)] : undefined;
      return { op: 'query', tag, resumeAt: template.resumeAt, ...(from !== undefined ? { resumeFrom: from } : {}) };
    }
    case 'live': {
      const write = resolveWrite({ t: 'upsert', id: template.id, wrong: 0, n: template.n }, m, `w${m.writes++}`);
      return { op: 'live', tag: tagOf(write.id), write: write as UpsertWrite };
    }
  }
}

/**
 * Awaits `next`, or gives up after `patienceMs` real milliseconds without it (leaving it pending
 * for the next pull). Real time, not event-loop turns: a networked store's change arrives after
 * a round trip, however idle the event loop is meanwhile.
 */
async function nextOrQuiet(next: Promise<IteratorResult<StoreChange>>, patienceMs: number): Promise<IteratorResult<StoreChange> | 'quiet'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const quiet = new Promise<'quiet'>((resolve) => {
    timer = setTimeout(() => resolve('quiet'), patienceMs);
  });
  try {
    return await Promise.race([next, quiet]);
  } finally {
    clearTimeout(timer);
  }
}

/** Pulls from a live query (first the `next()` a quiet spell left pending) until it goes quiet; reports whether it completed. */
async function pullUntilQuiet(iterator: AsyncIterator<StoreChange>, into: ObservedChange[], patienceMs: number): Promise<boolean> {
  for (;;) {
    const next = pending.get(iterator) ?? iterator.next();
    pending.delete(iterator);
    const result = await nextOrQuiet(next, patienceMs);
    if (result === 'quiet') {
      pending.set(iterator, next);
      return false;
    }
    if (result.done) return true;
    into.push(observed(result.value));
    if (into.length > 10_000) throw new Error('live changes emitted more than 10 000 changes');
  }
}

/** A `next()` still pending when the query went quiet: the next pull must await it, not call `next()` again. */
const pending = new WeakMap<AsyncIterator<StoreChange>, Promise<IteratorResult<StoreChange>>>();

function observed(c: StoreChange): ObservedChange {
  return { type: c.type, persistenceId: c.persistenceId, revision: c.revision, tag: c.tag, offset: c.offset, ...(c.type === 'updated' ? { value: c.value } : {}) };
}

async function settled(promise: Promise<void>): Promise<boolean> {
  try {
    await promise;
    return true;
  } catch {
    return false;
  }
}

const write = (store: StoreUnderTest, w: StoreWrite) =>
  w.op === 'upsert' ? store.upsertObject(w.id, w.revision, w.value, w.tag) : store.deleteObject(w.id, w.revision);

async function collect(stream: AsyncIterable<StoreChange>): Promise<ObservedChange[]> {
  const out: ObservedChange[] = [];
  for await (const c of stream) {
    out.push(observed(c));
    if (out.length > 10_000) throw new Error('currentChanges did not complete');
  }
  return out;
}

async function perform(store: StoreUnderTest, operation: StoreOperation, patienceMs: number): Promise<StoreObservation> {
  switch (operation.op) {
    case 'upsert':
    case 'delete':
      return { op: 'write', ok: [await settled(write(store, operation))] };
    case 'concurrent':
      // All writers start before any finishes: no order between them but the store's own.
      return { op: 'write', ok: await Promise.all(operation.writes.map((w) => settled(write(store, w)))) };
    case 'get': {
      const got = await store.getObject(operation.id);
      return { op: 'get', value: got.value, revision: got.revision };
    }
    case 'query': {
      const query = store.currentChanges!.bind(store);
      const full = await collect(query(operation.tag, 0));
      const resumedFrom = operation.resumeFrom ?? full[Math.floor(operation.resumeAt * full.length)]?.offset ?? 0;
      return { op: 'query', full, resumedFrom, resumed: await collect(query(operation.tag, resumedFrom)) };
    }
    case 'live': {
      const iterator = store.changes!(operation.tag, 0)[Symbol.asyncIterator]();
      const before: ObservedChange[] = [];
      const after: ObservedChange[] = [];
      try {
        let completed = await pullUntilQuiet(iterator, before, patienceMs);
        const writeOk = await settled(write(store, operation.write));
        if (!completed) completed = await pullUntilQuiet(iterator, after, patienceMs);
        return { op: 'live', before, writeOk, after, completed };
      } finally {
        void iterator.return?.();
      }
    }
  }
}



/**
 * A query reports what the store holds: when it disagrees with the model, the ids are read back
 * (reads change nothing), and a read the model does not allow is the fault, blamed on its write
 * rule; the query only showed it.
 */
async function misreadState(real: StoreRunReal, m: StoreRunModel): Promise<StoreVerdict | undefined> {
  for (const id of ids) {
    const got = await real.store.getObject(id);
    const verdict = observeStore(real.semantics, m.belief, { op: 'get', id }, { op: 'get', value: got.value, revision: got.revision }, m.attempts);
    if (verdict.problems.length > 0) return verdict;
  }
  return undefined;
}

/** The writes an operation makes, if any. */
function writesOf(operation: StoreOperation): readonly StoreWrite[] {
  return operation.op === 'concurrent' ? operation.writes : operation.op === 'live' ? [operation.write] : operation.op === 'upsert' || operation.op === 'delete' ? [operation] : [];
}

/**
 * Where a failure no allowed state explains comes from. A write result, read or query may show a
 * state that was already wrong (a lost tombstone makes a right upsert look like a missing
 * revision check), and racing writers or a stale read leave several faults that explain it
 * equally well. So the run's writes, this step's included, are re-enacted on a fresh store one
 * at a time, each followed by a read of its id, and the first step the oracle refuses names the
 * fault. Failing that, the run's writes are replayed on another fresh store as they ran and its
 * ids read just before this step (a wrong read is the fault). Undecided (undefined) when neither
 * finds one: the fault needs the race or the query itself.
 */
async function diagnose(real: StoreRunReal, m: StoreRunModel, operation: StoreOperation): Promise<StoreVerdict | undefined> {
  return (await onFreshStore(real, (store) => reenact({ ...real, store }, m, operation))) ?? (await onFreshStore(real, (store) => stateBefore({ ...real, store }, m)));
}

/** Runs `body` on a fresh store of the plugin, then disposes of it; undefined without one. */
async function onFreshStore<T>(real: StoreRunReal, body: (store: StoreUnderTest) => Promise<T | undefined>): Promise<T | undefined> {
  if (real.fresh === undefined) return undefined;
  const copy = await real.fresh();
  try {
    return await body(copy.store);
  } finally {
    await copy.dispose();
  }
}

/** The run's writes replayed as they ran (batches racing), then every id read: undefined when the replay answers differently. */
async function stateBefore(real: StoreRunReal, m: StoreRunModel): Promise<StoreVerdict | undefined> {
  for (const { writes, ok } of m.past) {
    const again = await Promise.all(writes.map((w) => settled(write(real.store, w))));
    if (again.some((result, i) => result !== ok[i])) return undefined;
  }
  return misreadState(real, m);
}

/** The run's writes, then this step's, one at a time from an empty store, each checked and read back. */
async function reenact(real: StoreRunReal, m: StoreRunModel, operation: StoreOperation): Promise<StoreVerdict | undefined> {
  let belief = emptyStoreBelief;
  let attempts: readonly StoreAttempt[] = [];
  for (const w of [...m.past.flatMap((p) => p.writes), ...writesOf(operation)]) {
    const result: StoreObservation = { op: 'write', ok: [await settled(write(real.store, w))] };
    const written = observeStore(real.semantics, belief, w, result, attempts);
    if (written.problems.length > 0) return reenacted(written);
    attempts = attemptsAfter(attempts, w, result);
    const got = await real.store.getObject(w.id);
    const read = observeStore(real.semantics, written.next, { op: 'get', id: w.id }, { op: 'get', value: got.value, revision: got.revision }, attempts);
    if (read.problems.length > 0) return reenacted(read);
    belief = read.next;
  }
  return undefined;
}

const reenacted = (verdict: StoreVerdict): StoreVerdict => ({ ...verdict, problems: verdict.problems.map((p) => `re-enacted one write at a time on a fresh store: ${p}`) });

/** One store step: resolved by position, performed, and checked against the store oracle. */
class StoreStep extends PositionalStep<StoreTemplate, StoreOperation, StoreRunModel, StoreRunReal> {
  protected resolve(m: StoreRunModel): StoreOperation {
    return resolve(this.template, m);
  }
  protected describe(operation: StoreOperation): string {
    return describeStoreOperation(operation);
  }
  protected async apply(operation: StoreOperation, m: StoreRunModel, real: StoreRunReal): Promise<void> {
    const shown = describeStoreOperation(operation);
    const observation = await perform(real.store, operation, real.patienceMs);
    const shownObservation = JSON.stringify(observation);
    real.log.push(`${shown}\n    → ${shownObservation}`);
    const verdict = observeStore(real.semantics, m.belief, operation, observation, m.attempts);
    if (verdict.problems.length > 0) {
      const read = (operation.op === 'query' ? await misreadState(real, m) : undefined) ?? (await diagnose(real, m, operation));
      const blamed = read?.blamed ?? verdict.blamed;
      const problems = read ? [...read.problems, ...verdict.problems.map((p) => `(and so) ${p}`)] : verdict.problems;
      throw new ConformanceViolation(shown, problems, blamed, [shownObservation], expectedStates(m.belief, operation), real.log.slice(-12), true);
    }
    m.belief = verdict.next;
    m.attempts = attemptsAfter(m.attempts, operation, observation);
    const writes = writesOf(operation);
    if (writes.length > 0) m.past = [...m.past, { writes, ok: observation.op === 'write' ? observation.ok : observation.op === 'live' ? [observation.writeOk] : [] }];
    if (observation.op === 'query' && operation.op === 'query') {
      const seen = m.offsets.get(operation.tag) ?? [];
      m.offsets.set(operation.tag, [...new Set([...seen, ...observation.full.map((c) => c.offset)])].sort((a, b) => a - b));
    }
    for (const rule of verdict.exercised) real.exercised.add(rule);
  }
}

/** Weighted store steps for a profile reduced to the plugin's capabilities. */
export function storeStepArbitrary(profile: StoreProfile, declared: ReadonlySet<Capability>): fc.Arbitrary<StoreStep> {
  const anyWrong = declared.has('store.revision-check') || declared.has('store.delete-revision-check');
  const wrong = profile.wrongRevisions > 0 && anyWrong
    ? fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: profile.wrongRevisions, arbitrary: fc.constantFrom(-1, 1) })
    : fc.constant(0);
  const id = fc.nat({ max: ids.length - 1 });
  const upsert = fc.record({ t: fc.constant('upsert' as const), id, wrong: declared.has('store.revision-check') ? wrong : fc.constant(0), n: fc.nat({ max: 99 }) });
  const del = fc.record({
    t: fc.constant('delete' as const),
    id,
    wrong: declared.has('store.delete-revision-check') ? wrong : fc.constant(0),
    hard: declared.has('store.hard-delete') ? fc.boolean() : fc.constant(false),
  });
  const oneWrite: fc.Arbitrary<WriteTemplate> = fc.oneof({ weight: 3, arbitrary: upsert }, { weight: 1, arbitrary: del });
  const arbitraries: Record<StoreStepKind, fc.Arbitrary<StoreTemplate>> = {
    upsert,
    delete: del,
    get: fc.record({ t: fc.constant('get' as const), id }),
    concurrent: fc.record({ t: fc.constant('concurrent' as const), writes: fc.array(oneWrite, { minLength: 2, maxLength: 3 }) }),
    query: fc.record({
      t: fc.constant('query' as const),
      tag: fc.nat({ max: tags.length - 1 }),
      resumeAt: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      earlier: fc.boolean(),
    }),
    live: fc.record({ t: fc.constant('live' as const), id, n: fc.nat({ max: 99 }) }),
  };
  const choices: fc.WeightedArbitrary<StoreTemplate>[] = [];
  for (const [kind, weight] of Object.entries(profile.steps) as [StoreStepKind, number][]) {
    if (!(weight > 0) || (kind === 'query' && !declared.has('store.tag-queries')) || (kind === 'live' && !declared.has('store.live-changes'))) continue;
    choices.push({ weight, arbitrary: arbitraries[kind] });
  }
  if (choices.length === 0) choices.push({ weight: 1, arbitrary: arbitraries.get });
  return fc.oneof(...choices).map((t) => new StoreStep(t));
}
