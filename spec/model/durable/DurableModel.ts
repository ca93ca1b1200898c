import type { ExpectedEvent, ExpectedHistory } from '../ExpectedHistory.js';
import type { HistoryEvent } from '../HistoryEvent.js';
import type { DurableEntityBlueprint, EntityCommand } from './DurableEntity.js';

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
  /** After a failed write under backoff: when the restart happens, or null while running (DS-09). */
  restartAt: number | null;
  /** Commands kept across the restart, in order: the internal stash, then what arrived meanwhile. */
  held: EntityCommand[];
  /** Consecutive backoff restarts, and when that count is forgotten if nothing failed since. */
  restarts: number;
  resetAt: number | null;
}

/** The durable model between operations. @public */
export interface DurableModelState {
  entities: Record<string, EntityState>;
  /** What the suite's store holds, by persistence id; a deleted id holds no state but keeps its revision. */
  store: Record<string, { state: number | undefined; revision: number }>;
  /** Writes the store will still fail. */
  failingWrites: number;
  /** Reads the store will still fail. */
  failingReads: number;
  /** Virtual time, in ms. */
  now: number;
}

/** The durable model before any operation. @public */
export function initialDurableState(): DurableModelState {
  return { entities: {}, store: {}, failingWrites: 0, failingReads: 0, now: 0 };
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

/**
 * The durable-state oracle: what an entity, its replies and the suite's store report for one
 * operation. Commands are handled one at a time; a command arriving while a write is in flight
 * waits and then sees the written state (DS-04); side effects run after a successful write, in
 * order, once (DS-06); a failed write runs none of them and stops the entity (DS-08, DS-10).
 *
 * @public
 */
export function predictDurable(state: DurableModelState, operation: DurableOperation): DurablePrediction {
  const next = structuredClone(state);
  const out = new Expectation();
  const rules = new Set<string>();
  switch (operation.op) {
    case 'spawn': {
      const { name, persistenceId, tag } = operation.entity;
      if (next.failingReads > 0) {
        // No command is handled; the entity fails (DS-03). Whether its PostStop handler still runs is left open.
        next.failingReads -= 1;
        rules.add('DS-03');
        out.emit({ kind: 'recoveryFailed', path: name });
        out.optional({ kind: 'signal', path: name, signal: 'PostStop' });
        break;
      }
      const stored = next.store[persistenceId];
      const entity: EntityState = {
        path: name,
        persistenceId,
        tag,
        stashCapacity: operation.entity.stashCapacity,
        backoff: operation.entity.persistFailureBackoff,
        state: stored?.state ?? 0,
        revision: stored?.revision ?? 0,
        userStash: [],
        restartAt: null,
        held: [],
        restarts: 0,
        resetAt: null,
      };
      next.entities[name] = entity;
      rules.add('DS-01').add('DS-02');
      if (entity.revision > 0) rules.add('DS-11');
      if (stored && stored.state === undefined) rules.add('DS-13');
      if (Object.values(next.entities).some((e) => e !== entity && e.persistenceId === persistenceId)) rules.add('DS-10');
      out.emit({ kind: 'recovered', path: name, state: entity.state, revision: entity.revision });
      break;
    }
    case 'failNextWrite':
      next.failingWrites += 1;
      break;
    case 'failNextRead':
      next.failingReads += 1;
      break;
    case 'externalWrite': {
      const stored = next.store[operation.persistenceId];
      const revision = (stored?.revision ?? 0) + 1;
      next.store[operation.persistenceId] = { state: operation.value, revision };
      out.emit({ kind: 'write', path: `store/${operation.persistenceId}`, op: 'upsert', revision, ok: true });
      break;
    }
    case 'send': {
      const entity = next.entities[operation.path];
      if (!entity) break;
      if (entity.restartAt !== null) {
        entity.held.push(...operation.commands); // buffered until the backoff restart (DS-09)
        break;
      }
      if (operation.commands.length > 1) rules.add('DS-04');
      handleAll(next, entity, [...operation.commands], out, rules);
      break;
    }
    case 'advance':
      advance(next, operation.ms, out, rules);
      break;
  }
  return { expected: { events: out.events, before: out.before }, next, exercised: [...rules].sort() };
}

/** Runs the entity over its mailbox, user-stash replays first (DS-14), until it is empty or the entity stops. */
function handleAll(model: DurableModelState, entity: EntityState, mailbox: EntityCommand[], out: Expectation, rules: Set<string>): void {
  const path = entity.path;
  const stop = () => {
    out.emit({ kind: 'signal', path, signal: 'PostStop' });
    delete model.entities[path];
  };
  // The next command waits for the write before it (DS-04): the store's record comes first.
  let lastWrite: number | undefined;
  // The rest of the burst arrives while the first write is in flight: the internal stash keeps
  // as many as it holds and drops the others (DS-15).
  let overflowChecked = false;
  for (let command = mailbox.shift(); command !== undefined; command = mailbox.shift()) {
    const handled = out.emit({ kind: 'handled', path, id: command.id, state: entity.state, revision: entity.revision }, [lastWrite]);
    switch (command.kind) {
      case 'read':
        rules.add('DS-06');
        out.emit({ kind: 'callback', path, id: command.id, step: 0, state: entity.state });
        continue;
      case 'park':
        rules.add('DS-14');
        entity.userStash.push(command);
        continue;
      case 'release':
        rules.add('DS-14');
        mailbox.unshift(...entity.userStash);
        entity.userStash = [];
        continue;
      case 'crash':
        rules.add('DS-12');
        stop();
        return;
      case 'add':
      case 'remove': {
        if (!overflowChecked && entity.stashCapacity !== undefined) {
          overflowChecked = true;
          if (mailbox.length > entity.stashCapacity) {
            rules.add('DS-15');
            mailbox.splice(entity.stashCapacity);
          }
        }
        const revision = entity.revision + 1;
        const stored = model.store[entity.persistenceId];
        const conflict = (stored?.revision ?? 0) !== entity.revision;
        const injected = !conflict && model.failingWrites > 0;
        if (injected) model.failingWrites -= 1;
        const op = command.kind === 'add' ? 'upsert' : 'delete';
        const written = out.emit({ kind: 'write', path: `store/${entity.persistenceId}`, op, revision, ok: !conflict && !injected }, [handled]);
        rules.add('DS-05');
        if (command.kind === 'remove') rules.add('DS-13');
        if (conflict || injected) {
          rules.add(conflict ? 'DS-10' : 'DS-08');
          if (command.then.length > 0) rules.add('DS-06');
          if (command.then.includes('reply')) rules.add('DS-17');
          if (entity.backoff) {
            // Restart later, keeping what was stashed; nothing of the failed command runs (DS-09).
            rules.add('DS-09');
            const delay = Math.min(entity.backoff.maxMs, entity.backoff.minMs * 2 ** entity.restarts);
            entity.restarts += 1;
            entity.resetAt = null;
            entity.restartAt = model.now + delay;
            entity.held = [...mailbox];
            return;
          }
          out.emit({ kind: 'signal', path, signal: 'PostStop' }, [written]);
          delete model.entities[path];
          return;
        }
        entity.state = command.kind === 'add' ? entity.state + command.by : 0;
        entity.revision = revision;
        model.store[entity.persistenceId] = { state: command.kind === 'add' ? entity.state : undefined, revision };
        rules.add('DS-07');
        let stopAfter = false;
        let unstashAfter = false;
        let afterWrite: number | undefined = written;
        command.then.forEach((step, k) => {
          rules.add('DS-06');
          if (step === 'run') afterWrite = out.emit({ kind: 'callback', path, id: command.id, step: k, state: entity.state }, [afterWrite]);
          else if (step === 'reply') {
            rules.add('DS-17');
            out.emit({ kind: 'reply', path: `${path}/replies`, id: command.id, state: entity.state }, [written]);
          } else if (step === 'stop') stopAfter = true;
          else unstashAfter = true;
        });
        if (stopAfter) {
          rules.add('DS-16');
          out.emit({ kind: 'signal', path, signal: 'PostStop' }, [afterWrite]);
          delete model.entities[path];
          return;
        }
        if (unstashAfter) {
          rules.add('DS-14');
          mailbox.unshift(...entity.userStash);
          entity.userStash = [];
        }
        lastWrite = written;
        continue;
      }
    }
  }
}

/** Moves time forward: backoff restarts recover and then handle what was held, in order (DS-09). */
function advance(model: DurableModelState, ms: number, out: Expectation, rules: Set<string>): void {
  const target = model.now + ms;
  for (;;) {
    const due = Object.values(model.entities)
      .flatMap((e) => [e.restartAt, e.resetAt])
      .filter((t): t is number => t !== null && t <= target)
      .reduce((min, t) => Math.min(min, t), Infinity);
    if (due === Infinity) break;
    model.now = due;
    for (const entity of Object.values(model.entities)) {
      if (entity.resetAt === due) {
        entity.resetAt = null;
        entity.restarts = 0;
      }
      if (entity.restartAt !== due) continue;
      entity.restartAt = null;
      const stored = model.store[entity.persistenceId];
      entity.state = stored?.state ?? 0;
      entity.revision = stored?.revision ?? 0;
      const backoff = entity.backoff!;
      entity.resetAt = due + (backoff.minMs + backoff.maxMs) / 2;
      out.emit({ kind: 'recovered', path: entity.path, state: entity.state, revision: entity.revision });
      const held = entity.held;
      entity.held = [];
      handleAll(model, entity, held, out, rules);
    }
  }
  model.now = target;
}
