import type { ExpectedHistory } from '../ExpectedHistory.js';
import { describeEvent, type HistoryEvent } from '../HistoryEvent.js';
import { Chooser, placeNotice, searchObserved } from '../_internals/search.js';
import { ModelError } from '../ModelError.js';
import { backoffDelay, backoffResetAfter } from '../_internals/supervision.js';
import { advanceClock } from '../_internals/virtualTime.js';
import { HistoryBuilder } from '../_internals/HistoryBuilder.js';
import type { DeferredCommand, DurableEntityBlueprint, EffectStep, EntityCommand } from './DurableEntity.js';

/** One step of a durable-state property. @public */
export type DurableOperation =
  | { readonly op: 'spawn'; readonly entity: DurableEntityBlueprint }
  /** Commands sent back to back (a burst): later ones arrive while earlier writes are in flight (DS-04). Never `halt`. */
  | { readonly op: 'send'; readonly path: string; readonly commands: readonly EntityCommand[] }
  /** The entity's parent stops it at once, whatever it is doing (an abrupt stop, DS-19), by a `halt` command `id`. */
  | { readonly op: 'halt'; readonly path: string; readonly id: number }
  /** The suite's store fails the next write it receives (DS-08). */
  | { readonly op: 'failNextWrite' }
  /** The suite's store fails the next read it receives: a recovery (DS-03). */
  | { readonly op: 'failNextRead' }
  /** The suite's store answers the next read only after {@link SLOW_READ_MS}: the recovery times out first (DS-03). */
  | { readonly op: 'slowNextRead' }
  /** Another writer stores the next revision of `persistenceId` behind the entity's back (DS-10). */
  | { readonly op: 'externalWrite'; readonly persistenceId: string; readonly value: number }
  /** The suite's clock moves forward (store answers, timers, backoff restarts). */
  | { readonly op: 'advance'; readonly ms: number };

/** A write the entity started and the store has not answered yet. @public */
export interface InFlightWrite {
  readonly commandId: number;
  readonly op: 'upsert' | 'delete';
  readonly revision: number;
  /** The state after success: the new count, or 0 after a delete. */
  readonly state: number;
  readonly then: readonly EffectStep[];
  /** When the store answers. */
  readonly dueAt: number;
  /** Issue order among writes and timers: the store commits writes due at one instant in this order. */
  readonly seq: number;
}

/** The write of an entity that stopped abruptly before the store answered (DS-19): it may still land. @public */
export interface OrphanWrite extends InFlightWrite {
  readonly persistenceId: string;
}

/**
 * A write the rules let land or not (an orphan): the model assumed it landed as its (optional)
 * write event says; {@link resolveDurable} undoes that when the event was not observed.
 *
 * @public
 */
export interface UndecidedWrite {
  /** The write event, as {@link describeEvent} renders it. */
  readonly event: string;
  readonly persistenceId: string;
  /** What the store held before. */
  readonly before: { readonly state: number | undefined; readonly revision: number } | undefined;
  /** Whether the write used up a failure the suite armed. */
  readonly usedArmedFailure: boolean;
}

/** A timer an entity started (`later`, DS-20). @public */
export interface PendingTimer {
  readonly dueAt: number;
  readonly seq: number;
  readonly command: DeferredCommand;
}

/** A termination notice in an entity's mailbox, behind what was there when it arrived (WATCH-03). @public */
export interface PendingNotice {
  readonly kind: 'notice';
  /** The entity that stopped. */
  readonly of: string;
}

/** A watch the entity holds: the `watch` command that asked for it. @public */
export interface HeldWatch {
  readonly id: number;
  readonly deathPact: boolean;
}

/** A live entity as the model sees it. @public */
export interface EntityState {
  readonly path: string;
  readonly persistenceId: string;
  readonly tag: string;
  readonly stashCapacity: number | undefined;
  /** An overflowing stash fails the entity instead of dropping the command (DS-15). */
  readonly failOnOverflow: boolean;
  /** A handler failure restarts the entity instead of stopping it (DS-12). */
  readonly restartOnFailure: boolean;
  readonly backoff: { readonly minMs: number; readonly maxMs: number } | undefined;
  state: number;
  revision: number;
  userStash: EntityCommand[];
  /** Commands waiting (the internal stash while a write is in flight, DS-04), and notices. */
  mailbox: (EntityCommand | PendingNotice)[];
  /**
   * The commands waiting in `mailbox` sit in the internal stash: they reached the entity while a
   * write or a recovery was under way in this burst, so a handler failure discards them (DS-12).
   */
  held: boolean;
  inFlight: InFlightWrite | null;
  /** After a failed write under backoff: when the restart happens, or null (DS-09). */
  restartAt: number | null;
  /** Issue order of the backoff restart timer: restarts due at one instant happen in this order, as the clock fires timers. */
  restartSeq: number;
  /** Recovering from a slow read: when the recovery times out, or null (DS-01, DS-03). */
  recoveryTimeoutAt: number | null;
  /** How long a recovery read may take before the recovery fails (DS-03). */
  readonly recoveryTimeoutMs: number;
  /** Consecutive backoff restarts, and when that count is forgotten if nothing failed since. */
  restarts: number;
  resetAt: number | null;
  /** A passivation request is waiting in the mailbox: whatever arrives now is discarded (DS-19). */
  passivating: boolean;
  /** Entities it watches, by name. */
  watching: Record<string, HeldWatch>;
  timers: PendingTimer[];
  /** Ids of commands it sent itself that may still wait in its mailbox (DS-20). */
  selfSent: number[];
  /** Ids of timer and self messages that arrived or waited while a write was in flight: their handling is DS-20's. */
  heldSelf: number[];
  /** The stash dropped commands during the write in flight: handling any of them once it lands is DS-15's. */
  overflowed: boolean;
}

/** The default recovery timeout (DS-03: 30 seconds), in virtual ms. @public */
export const RECOVERY_TIMEOUT_MS = 30_000;

/** How long a read the suite made slow takes, in virtual ms: longer than {@link RECOVERY_TIMEOUT_MS}. @public */
export const SLOW_READ_MS = 40_000;

/** The durable model between operations. @public */
export interface DurableModelState {
  entities: Record<string, EntityState>;
  /** What the suite's store holds, by persistence id; a deleted id holds no state but keeps its revision. */
  store: Record<string, { state: number | undefined; revision: number }>;
  /** Writes the store will still fail (the next ones it would commit). */
  failingWrites: number;
  /** Reads the store will still fail. */
  failingReads: number;
  /** Reads the store will still answer late (after {@link SLOW_READ_MS}). */
  slowReads: number;
  /** How long the store takes to answer a write, in virtual ms (0: before anything else happens). */
  readonly writeLatencyMs: number;
  /** The runtime reports the commands a full stash drops (DS-15); otherwise such a report is optional. */
  readonly reportsDrops: boolean;
  /** Virtual time, in ms. */
  now: number;
  /** Writes of entities that stopped abruptly, still to reach the store. */
  orphans: OrphanWrite[];
  /** Orphan writes of the last operation whose landing the observed history decides. */
  undecided: UndecidedWrite[];
  /** Next issue number of a write or timer. */
  sequence: number;
}

/**
 * The durable model before any operation, for a store answering writes after `writeLatencyMs`
 * and a runtime that reports stash drops (`reportsDrops`) or may not.
 *
 * @public
 */
export function initialDurableState(writeLatencyMs = 0, reportsDrops = false): DurableModelState {
  return { entities: {}, store: {}, failingWrites: 0, failingReads: 0, slowReads: 0, writeLatencyMs, reportsDrops, now: 0, orphans: [], undecided: [], sequence: 0 };
}

/** The model's answer for one durable operation. @public */
export interface DurablePrediction {
  readonly expected: ExpectedHistory;
  readonly next: DurableModelState;
  readonly exercised: readonly string[];
}

/**
 * What follows a RecoveryCompleted follows it because DS-02 says so (it precedes the first
 * command): a runtime that signals it late breaks DS-02, not the rules of the commands it ran first.
 */
function recoveryOrder(builder: HistoryBuilder, path: string): { readonly events: readonly number[]; readonly rules: readonly string[] } | undefined {
  const previous = builder.cursor(path);
  return previous !== undefined && builder.events[previous]!.event.kind === 'recovered' ? { events: [previous], rules: ['DS-02'] } : undefined;
}

/**
 * Collects expected events with per-path order and explicit cross-path edges
 * ({@link HistoryBuilder}, one line per path). Each event names the rules that require it; an edge
 * without rules is blamed on its later event's rules.
 */
class Expectation extends HistoryBuilder {
  /** Per entity path, the last write event of this prediction: the next command comes after it (DS-04). */
  readonly lastWrite = new Map<string, number>();
  /** Per command id, its `handled` event in this prediction. */
  readonly handled = new Map<number, number>();

  emit(event: HistoryEvent, after: readonly (number | undefined)[] = [], rules: readonly string[] = []): number {
    return this.add(event, [event.path], after, false, rules, recoveryOrder(this, event.path));
  }

  /** An event the rules allow but do not require. */
  optional(event: HistoryEvent, after: readonly (number | undefined)[] = [], rules: readonly string[] = []): number {
    return this.add(event, [event.path], after, true, rules);
  }
}

/** The store's answer to an entity's write, waiting in its mailbox. */
interface Answer {
  readonly write: InFlightWrite;
  /** Index of the write event. */
  readonly written: number;
  readonly ok: boolean;
  readonly conflict: boolean;
}

/** Rules reached and events expected while one prediction runs. */
interface Run {
  readonly model: DurableModelState;
  readonly out: Expectation;
  readonly rules: Set<string>;
  /** Entities whose write the store answered at this instant but which have not reacted yet. */
  readonly answered: Map<EntityState, Answer>;
  /** Ids of commands replayed from a user stash in this prediction (DS-14). */
  readonly replayed: Set<number>;
  /** Takes the freedoms the rules leave (where a notice joins the watcher's mailbox). */
  readonly chooser: Chooser;
}

/**
 * The durable-state oracle: what an entity, its replies and the suite's store report for one
 * operation. Commands are handled one at a time; commands, timer messages and messages to
 * itself arriving while a write is in flight wait (up to the stash capacity, DS-15, DS-20) and
 * then see the written state (DS-04); side effects run after a successful write, in order,
 * once (DS-06); a failed or conflicting write runs none of them and stops the entity (DS-08,
 * DS-10) or, with backoff, restarts it (DS-09). Signals are never held: a termination notice
 * is handled at once against the last written state, or raises a death pact (DS-18). A
 * passivation request waits for the write and the commands held before it; an abrupt stop
 * runs nothing more, and its pending write may or may not land (DS-19).
 *
 * Nondeterminism the rules allow is left to the observed history: whether an abrupt stop's
 * write lands is an optional event, settled by {@link resolveDurable}.
 *
 * @public
 */
export function predictDurable(state: DurableModelState, operation: DurableOperation): DurablePrediction {
  return predictAlong(state, operation, new Chooser());
}

/**
 * The prediction for one durable operation that `accept` takes for the observed history, or
 * `undefined` when there is none: {@link predictDurable}'s outcome, or another one a notice
 * overtaking the commands queued for its watcher gives (Pekko handles it as a system message,
 * before the next command), searched guided by the observed events.
 *
 * @public
 */
export function predictDurableMatching(
  state: DurableModelState,
  operation: DurableOperation,
  observed: readonly HistoryEvent[],
  accept: (prediction: DurablePrediction) => boolean,
): DurablePrediction | undefined {
  return searchObserved(observed, { ordered: true, budget: maxSearch }, (chooser) => ({ prediction: predictAlong(state, operation, chooser), feasible: true }), accept);
}

/** At most this many runs of the prediction when searching for the observed history. */
const maxSearch = 1024;

/** One prediction along the choices of `chooser` (its guide may cut it short, see {@link searchObserved}). */
function predictAlong(state: DurableModelState, operation: DurableOperation, chooser: Chooser): DurablePrediction {
  const run: Run = { model: structuredClone(state), out: new Expectation(chooser.guide), rules: new Set(), answered: new Map(), replayed: new Set(), chooser };
  const { model, out, rules } = run;
  model.undecided = [];
  switch (operation.op) {
    case 'spawn': {
      const { name, persistenceId, tag } = operation.entity;
      if (model.failingReads > 0) {
        // No command is handled; the entity fails (DS-03). Whether its PostStop handler still runs is left open.
        model.failingReads -= 1;
        rules.add('DS-03');
        out.emit({ kind: 'recoveryFailed', path: name }, [], ['DS-03']);
        out.optional({ kind: 'signal', path: name, signal: 'PostStop' }, [], ['DS-03']);
        break;
      }
      const stored = model.store[persistenceId];
      const recoveryTimeoutMs = operation.entity.recoveryTimeoutMs ?? RECOVERY_TIMEOUT_MS;
      if (!(recoveryTimeoutMs < SLOW_READ_MS)) {
        throw new ModelError('BAD_OPERATION', `a recovery timeout of ${recoveryTimeoutMs} ms would not fail a slow read (${SLOW_READ_MS} ms)`);
      }
      const entity: EntityState = {
        path: name,
        persistenceId,
        tag,
        stashCapacity: operation.entity.stashCapacity,
        failOnOverflow: operation.entity.stashOverflow === 'fail',
        restartOnFailure: operation.entity.restartOnFailure === true,
        backoff: operation.entity.persistFailureBackoff,
        state: stored?.state ?? 0,
        revision: stored?.revision ?? 0,
        userStash: [],
        mailbox: [],
        held: false,
        inFlight: null,
        restartAt: null,
        restartSeq: 0,
        recoveryTimeoutAt: null,
        recoveryTimeoutMs,
        restarts: 0,
        resetAt: null,
        passivating: false,
        watching: {},
        timers: [],
        selfSent: [],
        heldSelf: [],
        overflowed: false,
      };
      model.entities[name] = entity;
      if (slowRecovery(run, entity)) {
        // Nothing is reported until the recovery times out.
        out.withhold(name, ['recovered', 'callback'], ['DS-03']);
        break;
      }
      rules.add('DS-01').add('DS-02');
      if (entity.revision > 0) rules.add('DS-11');
      if (stored && stored.state === undefined) rules.add('DS-13');
      if (Object.values(model.entities).some((e) => e !== entity && e.persistenceId === persistenceId)) rules.add('DS-10');
      // The recovered state is what the store holds (DS-01; DS-13 after a delete); recovery runs no side effect again (DS-11).
      out.emit({ kind: 'recovered', path: name, state: entity.state, revision: entity.revision }, [], stored?.state === undefined && stored ? ['DS-01', 'DS-13'] : ['DS-01', 'DS-02']);
      out.withhold(name, ['callback'], ['DS-11']);
      out.withhold(`${name}/replies`, ['reply'], ['DS-11']);
      break;
    }
    case 'failNextWrite':
      model.failingWrites += 1;
      break;
    case 'failNextRead':
      model.failingReads += 1;
      break;
    case 'slowNextRead':
      model.slowReads += 1;
      break;
    case 'externalWrite': {
      const stored = model.store[operation.persistenceId];
      const revision = (stored?.revision ?? 0) + 1;
      model.store[operation.persistenceId] = { state: operation.value, revision };
      out.emit({ kind: 'write', path: `store/${operation.persistenceId}`, op: 'upsert', revision, ok: true });
      break;
    }
    case 'send': {
      if (operation.commands.some((c) => c.kind === 'halt')) {
        throw new ModelError('BAD_OPERATION', 'a halt is its own operation, never part of a burst of commands');
      }
      const entity = model.entities[operation.path];
      if (!entity) break;
      if (operation.commands.length > 1) rules.add('DS-04');
      const arriving = operation.commands.filter((command) => admit(run, entity, command));
      if (entity.restartAt !== null) {
        entity.mailbox.push(...arriving); // held until the backoff restart (DS-09)
        break;
      }
      if (entity.recoveryTimeoutAt !== null) {
        rules.add('DS-01');
        entity.mailbox.push(...arriving); // held until recovery completes (DS-01)
        break;
      }
      if (entity.inFlight !== null) {
        rules.add('DS-04');
        for (const command of arriving) stashWhileWriting(run, entity, command);
        break;
      }
      // An idle entity has nothing stashed: these commands wait in its mailbox.
      if (!entity.mailbox.some((entry) => entry.kind !== 'notice')) entity.held = false;
      entity.mailbox.push(...arriving);
      drain(run, entity);
      break;
    }
    case 'halt': {
      const entity = model.entities[operation.path];
      if (!entity) break;
      // PostStop is a signal: handled at once even with a write in flight (DS-18); the write's side effects never run (DS-19).
      if (entity.inFlight !== null) rules.add('DS-18').add('DS-19');
      // Between two incarnations of a backoff restart there is no behavior to hand PostStop to.
      stopEntity(run, entity, [], entity.inFlight !== null ? ['DS-18', 'DS-19'] : [], entity.restartAt !== null);
      break;
    }
    case 'advance':
      advance(run, operation.ms);
      break;
  }
  withholdWhileWaiting(run);
  return { expected: { events: out.events, before: out.before, withheld: out.withheld }, next: model, exercised: [...rules].sort() };
}

/**
 * What an entity still waiting at the end of the operation must not report yet: the side
 * effects of a write in flight (DS-06, a reply DS-17), the commands held behind it (DS-04) and
 * the stop of a passivation waiting for it (DS-19), or, between the incarnations of a backoff restart, any command (DS-09).
 */
function withholdWhileWaiting(run: Run): void {
  for (const entity of Object.values(run.model.entities)) {
    if (entity.inFlight !== null) {
      run.out.withhold(entity.path, ['callback'], ['DS-06']);
      run.out.withhold(`${entity.path}/replies`, ['reply'], ['DS-06', 'DS-17']);
      run.out.withhold(entity.path, ['handled'], ['DS-04']);
      // A passivation request waits for the write (DS-19).
      if (entity.passivating) run.out.withhold(entity.path, ['PostStop'], ['DS-19']);
    } else if (entity.restartAt !== null) {
      run.out.withhold(entity.path, ['handled'], ['DS-09']);
    } else if (entity.recoveryTimeoutAt !== null) {
      run.out.withhold(entity.path, ['handled'], ['DS-01']);
    }
  }
}

/**
 * Settles what an operation left to the runtime, from the events it produced: an orphan write
 * whose event was not observed did not land, so the store keeps what it held before.
 *
 * @public
 */
export function resolveDurable(state: DurableModelState, observed: readonly HistoryEvent[]): DurableModelState {
  if (state.undecided.length === 0) return state;
  const next = structuredClone(state);
  const seen = new Set(observed.map(describeEvent));
  for (const write of next.undecided) {
    if (seen.has(write.event)) continue;
    if (write.before === undefined) delete next.store[write.persistenceId];
    else next.store[write.persistenceId] = { ...write.before };
    if (write.usedArmedFailure) next.failingWrites += 1;
  }
  next.undecided = [];
  return next;
}

/**
 * Whether a command arriving now is kept: once a passivation request waits, whatever arrives is
 * discarded (DS-19).
 */
function admit(run: Run, entity: EntityState, command: EntityCommand): boolean {
  if (entity.passivating) {
    run.rules.add('DS-19');
    return false;
  }
  if (command.kind === 'passivate') {
    // The request waits in the mailbox like a stop message, and so takes a stash slot under a
    // stash capacity; a runtime passivating by signal would not, so no family combines the two.
    entity.passivating = true;
    if (entity.inFlight !== null) run.rules.add('DS-19');
  }
  return true;
}

/** A command arriving while a write is in flight waits in the internal stash, or is dropped when it is full (DS-15). */
function stashWhileWriting(run: Run, entity: EntityState, command: EntityCommand): void {
  // An earlier command of the burst overflowed a failing stash: the entity is gone.
  if (!alive(run, entity)) return;
  if (entity.stashCapacity !== undefined && entity.mailbox.length >= entity.stashCapacity) {
    run.rules.add('DS-15');
    // The fail strategy fails the entity, which no persist-failure backoff handles: it stops.
    if (entity.failOnOverflow) {
      stopEntity(run, entity, [], ['DS-15']);
    } else {
      entity.overflowed = true;
      dropped(run, entity, command);
    }
    return;
  }
  entity.mailbox.push(command);
}

/** A full stash drops `command` and reports it (DS-15); the report is optional for a runtime that does not declare it. */
function dropped(run: Run, entity: EntityState, command: EntityCommand): void {
  const event = { kind: 'stashDropped', path: entity.path, id: command.id } as const;
  if (run.model.reportsDrops) run.out.emit(event, [], ['DS-15']);
  else run.out.optional(event, [], ['DS-15']);
}

const alive = (run: Run, entity: EntityState) => run.model.entities[entity.path] === entity;

/**
 * The entity stops: PostStop (optional when no behavior is there to receive it), its write in
 * flight becomes an orphan, and every entity watching it gets the notice at once (DS-18).
 */
function stopEntity(run: Run, entity: EntityState, after: readonly (number | undefined)[], why: readonly string[], postStopOptional = false): void {
  const { model, out } = run;
  const postStop = { kind: 'signal', path: entity.path, signal: 'PostStop' } as const;
  const stopped = postStopOptional ? out.optional(postStop, after, why) : out.emit(postStop, after, why);
  delete model.entities[entity.path];
  // A write the store already answered is no orphan: it landed or not, and nothing of it runs now.
  if (run.answered.delete(entity)) entity.inFlight = null;
  if (entity.inFlight !== null) {
    const orphan: OrphanWrite = { ...entity.inFlight, persistenceId: entity.persistenceId };
    entity.inFlight = null;
    if (orphan.dueAt <= model.now) completeOrphan(run, orphan);
    else model.orphans.push(orphan);
  }
  for (const watcher of Object.values(model.entities)) {
    if (watcher.watching[entity.path] !== undefined) deliverNotice(run, watcher, entity.path, stopped);
  }
}

/** A termination notice reaches the watcher: reported with its last written state, or a death pact (DS-18, WATCH-06). */
function deliverNotice(run: Run, watcher: EntityState, of: string, stopped: number | undefined): void {
  const watch = watcher.watching[of];
  if (watch === undefined || !alive(run, watcher)) return;
  // The store's answer is ahead of it in the mailbox: the notice waits for that answer's
  // reaction, or, as a system message, overtakes it and is handled during the write (DS-18).
  if (run.answered.has(watcher) && run.chooser.pick(2) === 0) {
    enqueueNotice(run, watcher, of);
    return;
  }
  delete watcher.watching[of];
  const writing = watcher.inFlight !== null;
  if (writing) run.rules.add('DS-18');
  if (watch.deathPact) {
    run.rules.add('WATCH-06');
    stopEntity(run, watcher, [stopped], writing ? ['WATCH-06', 'DS-18'] : ['WATCH-06']);
    return;
  }
  // During a write the notice is handled at once, against the last written state (DS-18).
  run.out.emit({ kind: 'callback', path: watcher.path, id: watch.id, step: 0, state: watcher.state }, [stopped], writing ? ['DS-18'] : []);
}

/** Puts a notice in the watcher's mailbox, behind or (a system message) ahead of the commands waiting there, never ahead of an earlier notice. */
function enqueueNotice(run: Run, watcher: EntityState, of: string): void {
  placeNotice<EntityCommand | PendingNotice>(watcher.mailbox, { kind: 'notice', of }, (entry) => entry.kind === 'notice', run.chooser);
}

/** Notices waiting behind commands are handled as soon as a write makes those commands wait (DS-18). */
function releaseNotices(run: Run, entity: EntityState): void {
  const notices = entity.mailbox.filter((entry): entry is PendingNotice => entry.kind === 'notice');
  if (notices.length === 0) return;
  entity.mailbox = entity.mailbox.filter((entry) => entry.kind !== 'notice');
  for (const notice of notices) deliverNotice(run, entity, notice.of, undefined);
}

/** User-stashed commands go back to the front of the mailbox, ahead of what waits there (DS-14). */
function replayUserStash(run: Run, entity: EntityState): void {
  for (const command of entity.userStash) run.replayed.add(command.id);
  entity.mailbox.unshift(...entity.userStash);
  entity.userStash = [];
}

/**
 * The rules that put a command's handling here: an own message held during a write (DS-20, the
 * narrower rule for what DS-04 holds), else a wait for this operation's write (DS-04); and a
 * user-stash replay (DS-14).
 */
function handledRules(run: Run, entity: EntityState, id: number): string[] {
  const why: string[] = [];
  if (entity.heldSelf.includes(id)) {
    why.push('DS-20');
    entity.heldSelf = entity.heldSelf.filter((held) => held !== id);
  } else if (run.out.lastWrite.get(entity.path) !== undefined) {
    why.push('DS-04');
  }
  if (run.replayed.has(id)) why.push('DS-14');
  return why;
}

/** Handles waiting commands one at a time, user-stash replays first (DS-14), until a write is in flight or none is left. */
function drain(run: Run, entity: EntityState): void {
  const { out, rules, model } = run;
  const path = entity.path;
  while (alive(run, entity) && entity.inFlight === null && entity.restartAt === null && entity.recoveryTimeoutAt === null) {
    const command = entity.mailbox.shift();
    if (command === undefined) return;
    if (command.kind === 'notice') {
      deliverNotice(run, entity, command.of, undefined);
      continue;
    }
    if (command.kind === 'passivate') {
      // Everything before it was handled and its writes landed: now the entity stops (DS-19).
      stopEntity(run, entity, [out.lastWrite.get(path)], ['DS-19']);
      return;
    }
    const handled = out.emit(
      { kind: 'handled', path, id: command.id, state: entity.state, revision: entity.revision },
      [out.lastWrite.get(path)],
      handledRules(run, entity, command.id),
    );
    out.handled.set(command.id, handled);
    switch (command.kind) {
      case 'read':
        rules.add('DS-06');
        out.emit({ kind: 'callback', path, id: command.id, step: 0, state: entity.state }, [], ['DS-06']);
        break;
      case 'ask':
        // A reply without a write: sent at once, with the state as it is (DS-17), and nothing written (DS-05).
        rules.add('DS-05').add('DS-17');
        out.emit({ kind: 'reply', path: `${path}/replies`, id: command.id, state: entity.state }, [handled], ['DS-05', 'DS-17']);
        break;
      case 'unsupported':
        // Unhandled writes nothing (DS-05); whether the runtime publishes it is left open.
        rules.add('DS-05');
        break;
      case 'park':
        rules.add('DS-14');
        // The user stash has its own capacity (DS-15).
        if (entity.stashCapacity !== undefined && entity.userStash.length >= entity.stashCapacity) {
          rules.add('DS-15');
          if (entity.failOnOverflow) {
            stopEntity(run, entity, [], ['DS-15']);
            return;
          }
          dropped(run, entity, command);
        } else {
          entity.userStash.push(command);
        }
        break;
      case 'release':
        rules.add('DS-14');
        replayUserStash(run, entity);
        break;
      case 'crash':
        rules.add('DS-12');
        if (entity.restartOnFailure) {
          restartAfterFailure(run, entity);
          break;
        }
        stopEntity(run, entity, [], ['DS-12']);
        return;
      case 'watch':
        // Watching twice changes nothing (WATCH-01); an entity already gone sends its notice at once (WATCH-03).
        if (command.target === path || entity.watching[command.target] !== undefined) break;
        entity.watching[command.target] = { id: command.id, deathPact: command.deathPact };
        if (model.entities[command.target] === undefined) enqueueNotice(run, entity, command.target);
        break;
      case 'later':
        if (command.delayMs > 0) {
          entity.timers.push({ dueAt: model.now + command.delayMs, seq: model.sequence++, command: command.command });
        } else if (admit(run, entity, command.command)) {
          entity.mailbox.push(command.command);
          entity.selfSent.push(command.command.id);
        }
        break;
      case 'halt':
        throw new ModelError('BAD_OPERATION', 'a halt never reaches the command handler');
      case 'add':
      case 'remove': {
        // What is still waiting arrived while this write is in flight: the stash keeps what fits (DS-15),
        // or, with the fail strategy, the first command that does not fit fails the entity once the write started.
        const overflowing = entity.stashCapacity !== undefined && entity.mailbox.length > entity.stashCapacity;
        if (overflowing) {
          rules.add('DS-15');
          if (!entity.failOnOverflow) {
            entity.overflowed = true;
            for (const lost of entity.mailbox.splice(entity.stashCapacity!)) if (lost.kind !== 'notice') dropped(run, entity, lost);
          }
        }
        if (entity.passivating) rules.add('DS-19');
        entity.selfSent = entity.selfSent.filter((id) => entity.mailbox.some((c) => c.kind !== 'notice' && c.id === id));
        // Its own messages still waiting are now held behind this write (DS-20).
        if (entity.selfSent.length > 0) rules.add('DS-20');
        entity.heldSelf.push(...entity.selfSent.filter((id) => !entity.heldSelf.includes(id)));
        entity.held = true;
        entity.inFlight = {
          commandId: command.id,
          op: command.kind === 'add' ? 'upsert' : 'delete',
          revision: entity.revision + 1,
          state: command.kind === 'add' ? entity.state + command.by : 0,
          then: command.then,
          dueAt: model.now + model.writeLatencyMs,
          seq: model.sequence++,
        };
        rules.add('DS-05');
        if (command.kind === 'remove') rules.add('DS-13');
        releaseNotices(run, entity);
        if (overflowing && entity.failOnOverflow && alive(run, entity)) {
          stopEntity(run, entity, [], ['DS-15']);
          return;
        }
        if (alive(run, entity) && model.writeLatencyMs === 0) completeWrite(run, entity);
        break;
      }
    }
  }
}

/** The store decides when it commits: a revision conflict first, else a failure the suite armed. */
function commit(run: Run, persistenceId: string, write: InFlightWrite) {
  const { model } = run;
  const conflict = (model.store[persistenceId]?.revision ?? 0) !== write.revision - 1;
  const injected = !conflict && model.failingWrites > 0;
  if (injected) model.failingWrites -= 1;
  const ok = !conflict && !injected;
  const event = { kind: 'write', path: `store/${persistenceId}`, op: write.op, revision: write.revision, ok } as const;
  if (ok) model.store[persistenceId] = { state: write.op === 'upsert' ? write.state : undefined, revision: write.revision };
  return { event, conflict, injected, ok };
}

/** The store answers a write whose entity is gone: it may land or not (DS-19); nothing of its command runs. */
function completeOrphan(run: Run, orphan: OrphanWrite): void {
  const before = run.model.store[orphan.persistenceId];
  const { event, injected } = commit(run, orphan.persistenceId, orphan);
  run.rules.add('DS-19');
  run.out.optional(event, [], ['DS-19']);
  run.model.undecided.push({
    event: describeEvent(event),
    persistenceId: orphan.persistenceId,
    before: before === undefined ? undefined : { ...before },
    usedArmedFailure: injected,
  });
}

/** Entities among `answers` whose answer still waits for their reaction, in issue order. */
function reacting(run: Run, answers: readonly ({ entity: EntityState } | { orphan: OrphanWrite })[]): EntityState[] {
  return answers.flatMap((answer) => ('entity' in answer && run.answered.has(answer.entity) ? [answer.entity] : []));
}

/** The store commits or refuses the entity's write; the answer waits for the entity ({@link react}). */
function answerWrite(run: Run, entity: EntityState): void {
  const write = entity.inFlight!;
  const { event, conflict, ok } = commit(run, entity.persistenceId, write);
  // The write of revision + 1 (DS-05, a delete DS-13); a conflict is refused (DS-10); a waiting passivation lets it land (DS-19).
  const why = [write.op === 'upsert' ? 'DS-05' : 'DS-13', ...(conflict ? ['DS-10'] : []), ...(entity.passivating ? ['DS-19'] : [])];
  const written = run.out.emit(event, [run.out.handled.get(write.commandId)], why);
  run.answered.set(entity, { write, written, ok, conflict });
}

/** The store answers the entity's write and the entity reacts at once. */
function completeWrite(run: Run, entity: EntityState): void {
  answerWrite(run, entity);
  react(run, entity);
}

/** The entity gets the store's answer: on success the chain runs, on failure the entity stops or backs off. */
function react(run: Run, entity: EntityState): void {
  const { out, rules } = run;
  const path = entity.path;
  const { write, written, ok, conflict } = run.answered.get(entity)!;
  run.answered.delete(entity);
  entity.inFlight = null;
  if (entity.overflowed) {
    // What the full stash dropped must not be handled now that the write landed (DS-15).
    out.withhold(path, ['handled'], ['DS-15']);
    entity.overflowed = false;
  }
  if (write.then.length > 0) rules.add('DS-06');
  if (write.then.includes('reply')) rules.add('DS-17');
  if (!ok) {
    const failure = conflict ? 'DS-10' : 'DS-08';
    rules.add(failure);
    // A failed write runs none of its side effects (DS-08).
    out.withhold(path, ['callback'], ['DS-08']);
    out.withhold(`${path}/replies`, ['reply'], ['DS-08']);
    // With a backoff: restart later, keeping what waits; nothing of the failed command runs (DS-09).
    if (!scheduleBackoffRestart(run, entity)) stopEntity(run, entity, [written], [failure]);
    return;
  }
  entity.state = write.state;
  entity.revision = write.revision;
  out.lastWrite.set(path, written);
  rules.add('DS-07');
  let stopAfter = false;
  let unstashAfter = false;
  let previous: number | undefined = written;
  write.then.forEach((step, k) => {
    if (step === 'run') previous = out.emit({ kind: 'callback', path, id: write.commandId, step: k, state: entity.state }, [previous], ['DS-06', 'DS-07']);
    else if (step === 'reply') out.emit({ kind: 'reply', path: `${path}/replies`, id: write.commandId, state: entity.state }, [written], ['DS-17']);
    else if (step === 'stop') stopAfter = true;
    else unstashAfter = true;
  });
  if (stopAfter) {
    rules.add('DS-16');
    stopEntity(run, entity, [previous], ['DS-16']);
    return;
  }
  if (unstashAfter) {
    // User-stashed commands go before those stashed during the write (DS-14).
    rules.add('DS-14');
    replayUserStash(run, entity);
  }
  drain(run, entity);
}

/** A timer message arrives: held while a write is in flight (DS-20), discarded once passivation waits (DS-19). */
function fireTimer(run: Run, entity: EntityState, command: DeferredCommand): void {
  if (!admit(run, entity, command)) return;
  if (entity.inFlight !== null) {
    run.rules.add('DS-20');
    stashWhileWriting(run, entity, command);
    if (entity.mailbox.includes(command)) entity.heldSelf.push(command.id);
    return;
  }
  entity.mailbox.push(command);
  if (entity.restartAt === null) drain(run, entity);
}

/**
 * Moves time forward one due instant at a time. At each instant: backoff resets, then timer
 * messages (delivered as their timers fire), then store answers in the order the writes were
 * issued, then backoff restarts in the order they were scheduled.
 */
function advance(run: Run, ms: number): void {
  const { model, out } = run;
  const nextDue = () =>
    [
      ...Object.values(model.entities).flatMap((e) => [e.restartAt, e.resetAt, e.recoveryTimeoutAt, e.inFlight?.dueAt ?? null, ...e.timers.map((t) => t.dueAt)]),
      ...model.orphans.map((o) => o.dueAt),
    ]
      .filter((t): t is number => t !== null)
      .reduce((min, t) => Math.min(min, t), Infinity);
  advanceClock(model, ms, nextDue, (due) => {
    const entities = Object.values(model.entities);
    for (const entity of entities) {
      if (entity.resetAt !== due) continue;
      entity.resetAt = null;
      entity.restarts = 0;
    }
    for (const entity of entities) {
      if (entity.recoveryTimeoutAt === due && alive(run, entity)) recoveryTimedOut(run, entity);
    }
    const firing = entities
      .flatMap((entity) => entity.timers.filter((t) => t.dueAt === due).map((timer) => ({ entity, timer })))
      .sort((a, b) => a.timer.seq - b.timer.seq);
    for (const { entity, timer } of firing) {
      entity.timers = entity.timers.filter((t) => t !== timer);
      if (alive(run, entity)) fireTimer(run, entity, timer.command);
    }
    const answers = [
      ...entities.filter((e) => e.inFlight?.dueAt === due).map((entity) => ({ seq: entity.inFlight!.seq, entity })),
      ...model.orphans.filter((o) => o.dueAt === due).map((orphan) => ({ seq: orphan.seq, orphan })),
    ].sort((a, b) => a.seq - b.seq);
    // The store answers every write due now before any entity reacts to its answer.
    for (const answer of answers) {
      if ('orphan' in answer) {
        model.orphans = model.orphans.filter((o) => o !== answer.orphan);
        completeOrphan(run, answer.orphan);
      } else if (alive(run, answer.entity) && answer.entity.inFlight?.seq === answer.seq) {
        answerWrite(run, answer.entity);
      }
    }
    // The entities react concurrently: in issue order (the reference runtime's), or any other
    // (a choice point each time several wait), so a notice one reaction sends may reach another
    // entity before it reacted, while its write is still in flight for it (DS-18).
    for (let waiting = reacting(run, answers); waiting.length > 0; waiting = reacting(run, answers)) {
      const entity = waiting[run.chooser.pick(waiting.length)]!;
      if (alive(run, entity)) react(run, entity);
      else run.answered.delete(entity);
    }
    // Restarts due now happen in the order their timers were set (the clock fires them so), not
    // in spawn order: an entity that failed first recovers first, before the others write.
    const restarting = entities.filter((e) => e.restartAt === due).sort((a, b) => a.restartSeq - b.restartSeq);
    for (const entity of restarting) {
      if (entity.restartAt !== due || !alive(run, entity)) continue;
      entity.restartAt = null;
      const backoff = entity.backoff!;
      entity.resetAt = due + backoffResetAfter(backoff);
      if (slowRecovery(run, entity)) continue;
      const stored = model.store[entity.persistenceId];
      entity.state = stored?.state ?? 0;
      entity.revision = stored?.revision ?? 0;
      out.emit({ kind: 'recovered', path: entity.path, state: entity.state, revision: entity.revision }, [], stored && stored.state === undefined ? ['DS-13'] : ['DS-09']);
      drain(run, entity);
    }
  });
}

/** A slow read starts this recovery: it times out first, after the entity's recovery timeout (DS-03); true when it did. */
function slowRecovery(run: Run, entity: EntityState): boolean {
  if (run.model.slowReads === 0) return false;
  run.model.slowReads -= 1;
  run.rules.add('DS-03');
  entity.recoveryTimeoutAt = run.model.now + entity.recoveryTimeoutMs;
  return true;
}

/**
 * The recovery read did not answer in time: RecoveryFailed, then the entity fails (DS-03). It
 * stops (whether PostStop still runs is left open, as for a failed read) or, with a backoff,
 * restarts later and reads again, keeping the commands held meanwhile (DS-09). The late answer
 * belongs to the abandoned incarnation and changes nothing.
 */
function recoveryTimedOut(run: Run, entity: EntityState): void {
  entity.recoveryTimeoutAt = null;
  run.rules.add('DS-03');
  const failed = run.out.emit({ kind: 'recoveryFailed', path: entity.path }, [], ['DS-03']);
  if (!scheduleBackoffRestart(run, entity)) stopEntity(run, entity, [failed], ['DS-03'], true);
}

/** A failure the persist-failure backoff handles: the restart is due after the next delay (DS-09); false without a backoff. */
function scheduleBackoffRestart(run: Run, entity: EntityState): boolean {
  if (!entity.backoff) return false;
  run.rules.add('DS-09');
  entity.restartAt = run.model.now + backoffDelay(entity.backoff.minMs, entity.backoff.maxMs, entity.restarts);
  entity.restartSeq = run.model.sequence++;
  entity.restarts += 1;
  entity.resetAt = null;
  return true;
}

/**
 * A handler failure under a restart supervisor (DS-12): both stashes are discarded, the new
 * incarnation recovers what the store holds, and the commands still in the mailbox follow.
 */
function restartAfterFailure(run: Run, entity: EntityState): void {
  const stored = run.model.store[entity.persistenceId];
  // Both stashes go (DS-12): the user stash, a replay under way, and what the internal stash held.
  entity.userStash = [];
  entity.mailbox = entity.mailbox.filter((entry) => entry.kind === 'notice' || (!entity.held && !run.replayed.has(entry.id)));
  // A discarded passivation request no longer waits.
  entity.passivating = entity.mailbox.some((entry) => entry.kind === 'passivate');
  // What still waits reaches the new incarnation while it recovers: its internal stash.
  entity.held = true;
  entity.state = stored?.state ?? 0;
  entity.revision = stored?.revision ?? 0;
  // After a delete, what the recovery yields is DS-13's (the empty state at the delete's revision).
  run.out.emit({ kind: 'recovered', path: entity.path, state: entity.state, revision: entity.revision }, [], stored && stored.state === undefined ? ['DS-13'] : ['DS-12']);
}
