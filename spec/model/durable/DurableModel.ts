import type { ExpectedEvent, ExpectedHistory } from '../ExpectedHistory.js';
import type { HistoryEvent } from '../HistoryEvent.js';
import type { DurableEntityBlueprint, EffectStep, EntityCommand } from './DurableEntity.js';

/** One step of a durable-state property. @public */
export type DurableOperation =
  | { readonly op: 'spawn'; readonly entity: DurableEntityBlueprint }
  /** Commands sent back to back (a burst): later ones arrive while earlier writes are in flight (DS-04). */
  | { readonly op: 'send'; readonly path: string; readonly commands: readonly EntityCommand[] }
  /** The suite's store fails the next write it receives (DS-08). */
  | { readonly op: 'failNextWrite' }
  /** The suite's store fails the next read it receives: a recovery (DS-03). */
  | { readonly op: 'failNextRead' }
  /** Another writer stores the next revision of `persistenceId` behind the entity's back (DS-10). */
  | { readonly op: 'externalWrite'; readonly persistenceId: string; readonly value: number }
  /** The suite's clock moves forward (backoff restarts, DS-09). */
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
}

/** A live entity as the model sees it. @public */
export interface EntityState {
  readonly path: string;
  readonly persistenceId: string;
  readonly tag: string;
  readonly stashCapacity: number | undefined;
  readonly backoff: { readonly minMs: number; readonly maxMs: number } | undefined;
  state: number;
  revision: number;
  userStash: EntityCommand[];
  /** Commands waiting: the internal stash while a write is in flight (DS-04). */
  mailbox: EntityCommand[];
  inFlight: InFlightWrite | null;
  /** After a failed write under backoff: when the restart happens, or null (DS-09). */
  restartAt: number | null;
  /** Consecutive backoff restarts, and when that count is forgotten if nothing failed since. */
  restarts: number;
  resetAt: number | null;
}

/** The durable model between operations. @public */
export interface DurableModelState {
  entities: Record<string, EntityState>;
  /** What the suite's store holds, by persistence id; a deleted id holds no state but keeps its revision. */
  store: Record<string, { state: number | undefined; revision: number }>;
  /** Writes the store will still fail (the next ones it would commit). */
  failingWrites: number;
  /** Reads the store will still fail. */
  failingReads: number;
  /** How long the store takes to answer a write, in virtual ms (0: before anything else happens). */
  readonly writeLatencyMs: number;
  /** Virtual time, in ms. */
  now: number;
}

/** The durable model before any operation, for a store answering writes after `writeLatencyMs`. @public */
export function initialDurableState(writeLatencyMs = 0): DurableModelState {
  return { entities: {}, store: {}, failingWrites: 0, failingReads: 0, writeLatencyMs, now: 0 };
}

/** The model's answer for one durable operation. @public */
export interface DurablePrediction {
  readonly expected: ExpectedHistory;
  readonly next: DurableModelState;
  readonly exercised: readonly string[];
}

/** Collects expected events with per-path order and explicit cross-path edges. */
class Expectation {
  readonly events: ExpectedEvent[] = [];
  readonly before: [number, number][] = [];
  private readonly last = new Map<string, number>();
  /** Per entity path, the last write event of this prediction: the next command comes after it (DS-04). */
  readonly lastWrite = new Map<string, number>();
  /** Per command id, its `handled` event in this prediction. */
  readonly handled = new Map<number, number>();

  emit(event: HistoryEvent, after: readonly (number | undefined)[] = []): number {
    const index = this.events.length;
    this.events.push({ event });
    const previous = this.last.get(event.path);
    for (const b of [previous, ...after]) if (b !== undefined && b !== index) this.before.push([b, index]);
    this.last.set(event.path, index);
    return index;
  }

  /** An event the rules allow but do not require. */
  optional(event: HistoryEvent): void {
    const index = this.emit(event);
    this.events[index] = { event, optional: true };
  }
}

/** Rules reached and events expected while one prediction runs. */
interface Run {
  readonly model: DurableModelState;
  readonly out: Expectation;
  readonly rules: Set<string>;
}

/**
 * The durable-state oracle: what an entity, its replies and the suite's store report for one
 * operation. Commands are handled one at a time; commands arriving while a write is in flight
 * wait (up to the stash capacity, DS-15) and then see the written state (DS-04); side effects
 * run after a successful write, in order, once (DS-06); a failed or conflicting write runs none
 * of them and stops the entity (DS-08, DS-10) or, with backoff, restarts it (DS-09).
 *
 * @public
 */
export function predictDurable(state: DurableModelState, operation: DurableOperation): DurablePrediction {
  const run: Run = { model: structuredClone(state), out: new Expectation(), rules: new Set() };
  const { model, out, rules } = run;
  switch (operation.op) {
    case 'spawn': {
      const { name, persistenceId, tag } = operation.entity;
      if (model.failingReads > 0) {
        // No command is handled; the entity fails (DS-03). Whether its PostStop handler still runs is left open.
        model.failingReads -= 1;
        rules.add('DS-03');
        out.emit({ kind: 'recoveryFailed', path: name });
        out.optional({ kind: 'signal', path: name, signal: 'PostStop' });
        break;
      }
      const stored = model.store[persistenceId];
      const entity: EntityState = {
        path: name,
        persistenceId,
        tag,
        stashCapacity: operation.entity.stashCapacity,
        backoff: operation.entity.persistFailureBackoff,
        state: stored?.state ?? 0,
        revision: stored?.revision ?? 0,
        userStash: [],
        mailbox: [],
        inFlight: null,
        restartAt: null,
        restarts: 0,
        resetAt: null,
      };
      model.entities[name] = entity;
      rules.add('DS-01').add('DS-02');
      if (entity.revision > 0) rules.add('DS-11');
      if (stored && stored.state === undefined) rules.add('DS-13');
      if (Object.values(model.entities).some((e) => e !== entity && e.persistenceId === persistenceId)) rules.add('DS-10');
      out.emit({ kind: 'recovered', path: name, state: entity.state, revision: entity.revision });
      break;
    }
    case 'failNextWrite':
      model.failingWrites += 1;
      break;
    case 'failNextRead':
      model.failingReads += 1;
      break;
    case 'externalWrite': {
      const stored = model.store[operation.persistenceId];
      const revision = (stored?.revision ?? 0) + 1;
      model.store[operation.persistenceId] = { state: operation.value, revision };
      out.emit({ kind: 'write', path: `store/${operation.persistenceId}`, op: 'upsert', revision, ok: true });
      break;
    }
    case 'send': {
      const entity = model.entities[operation.path];
      if (!entity) break;
      if (operation.commands.length > 1) rules.add('DS-04');
      if (entity.restartAt !== null) {
        entity.mailbox.push(...operation.commands); // held until the backoff restart (DS-09)
        break;
      }
      if (entity.inFlight !== null) {
        rules.add('DS-04');
        for (const command of operation.commands) stashWhileWriting(run, entity, command);
        break;
      }
      entity.mailbox.push(...operation.commands);
      drain(run, entity);
      break;
    }
    case 'advance':
      advance(run, operation.ms);
      break;
  }
  return { expected: { events: out.events, before: out.before }, next: model, exercised: [...rules].sort() };
}

/** A command arriving while a write is in flight waits in the internal stash, or is dropped when it is full (DS-15). */
function stashWhileWriting(run: Run, entity: EntityState, command: EntityCommand): void {
  if (entity.stashCapacity !== undefined && entity.mailbox.length >= entity.stashCapacity) {
    run.rules.add('DS-15');
    return;
  }
  entity.mailbox.push(command);
}

const alive = (run: Run, entity: EntityState) => run.model.entities[entity.path] === entity;

/** Handles waiting commands one at a time, user-stash replays first (DS-14), until a write is in flight or none is left. */
function drain(run: Run, entity: EntityState): void {
  const { out, rules, model } = run;
  const path = entity.path;
  while (alive(run, entity) && entity.inFlight === null && entity.restartAt === null) {
    const command = entity.mailbox.shift();
    if (command === undefined) return;
    const handled = out.emit(
      { kind: 'handled', path, id: command.id, state: entity.state, revision: entity.revision },
      [out.lastWrite.get(path)],
    );
    out.handled.set(command.id, handled);
    switch (command.kind) {
      case 'read':
        rules.add('DS-06');
        out.emit({ kind: 'callback', path, id: command.id, step: 0, state: entity.state });
        break;
      case 'park':
        rules.add('DS-14');
        entity.userStash.push(command);
        break;
      case 'release':
        rules.add('DS-14');
        entity.mailbox.unshift(...entity.userStash);
        entity.userStash = [];
        break;
      case 'crash':
        rules.add('DS-12');
        out.emit({ kind: 'signal', path, signal: 'PostStop' });
        delete model.entities[path];
        return;
      case 'add':
      case 'remove': {
        // What is still waiting arrived while this write is in flight: the stash keeps what fits (DS-15).
        if (entity.stashCapacity !== undefined && entity.mailbox.length > entity.stashCapacity) {
          rules.add('DS-15');
          entity.mailbox.splice(entity.stashCapacity);
        }
        entity.inFlight = {
          commandId: command.id,
          op: command.kind === 'add' ? 'upsert' : 'delete',
          revision: entity.revision + 1,
          state: command.kind === 'add' ? entity.state + command.by : 0,
          then: command.then,
          dueAt: model.now + model.writeLatencyMs,
        };
        rules.add('DS-05');
        if (command.kind === 'remove') rules.add('DS-13');
        if (model.writeLatencyMs === 0) completeWrite(run, entity);
        break;
      }
    }
  }
}

/** The store answers the entity's write: on success the chain runs, on failure the entity stops or backs off. */
function completeWrite(run: Run, entity: EntityState): void {
  const { out, rules, model } = run;
  const path = entity.path;
  const write = entity.inFlight!;
  entity.inFlight = null;
  // The store decides when it commits: a revision conflict first, else a failure the suite armed.
  const conflict = (model.store[entity.persistenceId]?.revision ?? 0) !== write.revision - 1;
  const injected = !conflict && model.failingWrites > 0;
  if (injected) model.failingWrites -= 1;
  const ok = !conflict && !injected;
  const written = out.emit(
    { kind: 'write', path: `store/${entity.persistenceId}`, op: write.op, revision: write.revision, ok },
    [out.handled.get(write.commandId)],
  );
  if (write.then.length > 0) rules.add('DS-06');
  if (write.then.includes('reply')) rules.add('DS-17');
  if (!ok) {
    rules.add(conflict ? 'DS-10' : 'DS-08');
    if (entity.backoff) {
      // Restart later, keeping what waits; nothing of the failed command runs (DS-09).
      rules.add('DS-09');
      entity.restartAt = model.now + Math.min(entity.backoff.maxMs, entity.backoff.minMs * 2 ** entity.restarts);
      entity.restarts += 1;
      entity.resetAt = null;
      return;
    }
    out.emit({ kind: 'signal', path, signal: 'PostStop' }, [written]);
    delete model.entities[path];
    return;
  }
  entity.state = write.state;
  entity.revision = write.revision;
  model.store[entity.persistenceId] = { state: write.op === 'upsert' ? write.state : undefined, revision: write.revision };
  out.lastWrite.set(path, written);
  rules.add('DS-07');
  let stopAfter = false;
  let unstashAfter = false;
  let previous: number | undefined = written;
  write.then.forEach((step, k) => {
    if (step === 'run') previous = out.emit({ kind: 'callback', path, id: write.commandId, step: k, state: entity.state }, [previous]);
    else if (step === 'reply') out.emit({ kind: 'reply', path: `${path}/replies`, id: write.commandId, state: entity.state }, [written]);
    else if (step === 'stop') stopAfter = true;
    else unstashAfter = true;
  });
  if (stopAfter) {
    rules.add('DS-16');
    out.emit({ kind: 'signal', path, signal: 'PostStop' }, [previous]);
    delete model.entities[path];
    return;
  }
  if (unstashAfter) {
    // User-stashed commands go before those stashed during the write (DS-14).
    rules.add('DS-14');
    entity.mailbox.unshift(...entity.userStash);
    entity.userStash = [];
  }
  drain(run, entity);
}

/** Moves time forward: store answers, backoff restarts and backoff resets, in time order. */
function advance(run: Run, ms: number): void {
  const { model, out } = run;
  const target = model.now + ms;
  for (;;) {
    const due = Object.values(model.entities)
      .flatMap((e) => [e.restartAt, e.resetAt, e.inFlight?.dueAt ?? null])
      .filter((t): t is number => t !== null && t <= target)
      .reduce((min, t) => Math.min(min, t), Infinity);
    if (due === Infinity) break;
    model.now = due;
    for (const entity of Object.values(model.entities)) {
      if (!alive(run, entity)) continue;
      if (entity.resetAt === due) {
        entity.resetAt = null;
        entity.restarts = 0;
      }
      if (entity.inFlight?.dueAt === due) completeWrite(run, entity);
      if (entity.restartAt !== due || !alive(run, entity)) continue;
      entity.restartAt = null;
      const stored = model.store[entity.persistenceId];
      entity.state = stored?.state ?? 0;
      entity.revision = stored?.revision ?? 0;
      const backoff = entity.backoff!;
      entity.resetAt = due + (backoff.minMs + backoff.maxMs) / 2;
      out.emit({ kind: 'recovered', path: entity.path, state: entity.state, revision: entity.revision });
      drain(run, entity);
    }
  }
  model.now = target;
}
