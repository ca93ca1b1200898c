import type { ExpectedHistory } from '../ExpectedHistory.js';
import type { HookedActorBlueprint, HookCommand } from './HookedActor.js';
import { HookExpectation, type ExpectedLookup } from './_internals/Expectation.js';
import type { HistoryEvent } from '../HistoryEvent.js';
import { Chooser, placeNotice, searchObserved } from '../_internals/search.js';
import { advanceClock } from '../_internals/virtualTime.js';

/** One step of a hooks property. @public */
export type HookOperation =
  /** Spawn a top-level hooked actor (its path is its name). */
  | { readonly op: 'spawn'; readonly actor: HookedActorBlueprint }
  /** Send commands back to back to the live actor at `path`. */
  | { readonly op: 'send'; readonly path: string; readonly commands: readonly HookCommand[] }
  /** Stop the running top-level actor at `path` gracefully (HOOK-03). */
  | { readonly op: 'stop'; readonly path: string }
  /** The resource fails the next read: the start hook that makes it fails (HOOK-02). */
  | { readonly op: 'failNextRead' }
  /** The resource fails the next write: a flush fails. */
  | { readonly op: 'failNextWrite' }
  /** The suite's clock moves forward (slow start hooks complete). */
  | { readonly op: 'advance'; readonly ms: number };

/**
 * The choices the HOOK rules leave to a runtime, resolved for one prediction: whether a
 * restart stops the children or rebuilds them (HOOK-07, declared by the adapter) and whether
 * the stop hook runs before a restart (HOOK-04: it may or may not).
 *
 * @public
 */
export interface HookPolicy {
  readonly restartedChildren: 'stopped' | 'rebuilt';
  readonly stopHookOnRestart: boolean;
}

/** A message waiting in a hooked actor's mailbox: a command, a watch notice, or a child's failure (escalation). @public */
export type HookMailboxItem =
  | { readonly kind: 'command'; readonly command: HookCommand }
  /** A watch notice; `why`: the rules that stopped the watched actor. */
  | { readonly kind: 'notice'; readonly of: string; readonly serial: number; readonly after: number | undefined; readonly why?: readonly string[] }
  | { readonly kind: 'childFailed'; readonly of: string; readonly after: number | undefined };

/** A live hooked actor as the model sees it. @public */
export interface HookedActorState {
  /** Distinct for every spawn, kept across restarts: what a watch is attached to. */
  readonly serial: number;
  readonly path: string;
  readonly blueprint: HookedActorBlueprint;
  readonly parent: string | undefined;
  /**
   * The start hook is waiting for its delay: it loads at `dueAt` (timer order `seq`), unless the
   * runtime's time limit fails the start first, at `failsAt`.
   */
  starting: { readonly dueAt: number; readonly failsAt: number; readonly seq: number; readonly restart: boolean } | null;
  /** In-memory state and the revision of the last load or flush. */
  state: number;
  revision: number;
  /** The in-memory state differs from the last load or flush. */
  dirty: boolean;
  mailbox: HookMailboxItem[];
  /** Paths of live children, in spawn order. */
  children: string[];
  /** Serials of the actors watching this one. */
  watchers: number[];
  /** Serials of the actors this one watches, until it handled their notice (WATCH-01: watching twice is once). */
  watching: number[];
}

/** The hooks model between operations. @public */
export interface HookModelState {
  actors: Record<string, HookedActorState>;
  /** The resource: value and revision by key (an actor's key is its path). */
  store: Record<string, { value: number; revision: number }>;
  /** Keys whose latest write came from a stop hook (HOOK-03). */
  flushedByStopHook: Record<string, boolean>;
  /** The serial of the latest actor spawned at each path, alive or not: what a watch of that path refers to. */
  latestSerial: Record<string, number>;
  /** Start hooks begun per path over the whole run (the `setup` event numbering). */
  setups: Record<string, number>;
  failingReads: number;
  failingWrites: number;
  now: number;
  nextSerial: number;
  /** Start hooks begun so far: the order their delay timers fire in at one instant. */
  nextStartSeq: number;
}

/** The hooks model before any operation. @public */
export function initialHookState(): HookModelState {
  return { actors: {}, store: {}, flushedByStopHook: {}, latestSerial: {}, setups: {}, failingReads: 0, failingWrites: 0, now: 0, nextSerial: 0, nextStartSeq: 0 };
}

/** The model's answer for one operation under one policy. @public */
export interface HookPrediction {
  readonly expected: ExpectedHistory;
  /** Extension lookups, in no particular order. */
  readonly lookups: readonly ExpectedLookup[];
  readonly next: HookModelState;
  readonly exercised: readonly string[];
}

export type { ExpectedLookup } from './_internals/Expectation.js';

/** What one prediction works on. */
interface Run {
  readonly model: HookModelState;
  readonly out: HookExpectation;
  readonly rules: Set<string>;
  readonly policy: HookPolicy;
  /** Serials of actors whose stop began in this prediction. */
  readonly stopping: Set<number>;
  /** Takes the freedoms the rules leave (where a notice joins the actor's mailbox). */
  readonly chooser: Chooser;
  /** Stops under way (a subtree stops as one): while any is, watchers only queue their notices. */
  stops: number;
  /** Actors that got a notice during the stops under way, to run once they are over. */
  readonly woken: HookedActorState[];
}

const storeLine = (key: string) => `store/${key}`;

/**
 * The oracle of the HOOK rules: what hooked actors and the suite's resource report for one
 * operation, under one resolution of the choices the rules leave open ({@link HookPolicy}).
 * Start hooks finish before any message of their incarnation (HOOK-01); a failed load stops
 * a first start and retries a restart (HOOK-02); stop hooks flush, and the next start loads it
 * (HOOK-03); a restart re-derives state from the resource alone (HOOK-04, HOOK-05); directives
 * act as HOOK-06 says; children are stopped or rebuilt (HOOK-07); every hook sees the same
 * extensions (HOOK-08); watchers hear of a stop after its stop hook (HOOK-09).
 *
 * @public
 */
export function predictHooks(state: HookModelState, operation: HookOperation, policy: HookPolicy): HookPrediction {
  return predictAlong(state, operation, policy, new Chooser());
}

/**
 * The prediction for one operation under `policy` that `accept` takes for the observed history,
 * or `undefined` when there is none: {@link predictHooks}'s outcome, or another one a notice
 * (a watch notice, a child's failure) overtaking the commands queued for its actor gives, as
 * Pekko handles system messages, searched guided by the observed events.
 *
 * @public
 */
export function predictHooksMatching(
  state: HookModelState,
  operation: HookOperation,
  policy: HookPolicy,
  observed: readonly HistoryEvent[],
  accept: (prediction: HookPrediction) => boolean,
): HookPrediction | undefined {
  return searchObserved(observed, { ordered: true, budget: maxSearch }, (chooser) => ({ prediction: predictAlong(state, operation, policy, chooser), feasible: true }), accept);
}

/** At most this many runs of the prediction when searching for the observed history. */
const maxSearch = 1024;

/** One prediction under `policy` along the choices of `chooser` (its guide may cut it short, see {@link searchObserved}). */
function predictAlong(state: HookModelState, operation: HookOperation, policy: HookPolicy, chooser: Chooser): HookPrediction {
  const run: Run = { model: structuredClone(state), out: new HookExpectation(chooser.guide), rules: new Set(), policy, stopping: new Set(), chooser, stops: 0, woken: [] };
  const { model } = run;
  // Items still waiting from an earlier operation name events of that operation's prediction;
  // those have all happened, and their indexes mean nothing here.
  for (const actor of Object.values(model.actors)) actor.mailbox = actor.mailbox.map((item) => (item.kind === 'command' ? item : { ...item, after: undefined }));
  switch (operation.op) {
    case 'spawn':
      if (model.actors[operation.actor.name] === undefined) startAll(run, [create(run, operation.actor, undefined)], [], false);
      break;
    case 'send': {
      const actor = model.actors[operation.path];
      if (!actor) break;
      actor.mailbox.push(...operation.commands.map((command) => ({ kind: 'command' as const, command })));
      if (actor.starting !== null) run.rules.add('HOOK-01');
      drain(run, actor);
      break;
    }
    case 'stop': {
      const actor = model.actors[operation.path];
      // A graceful stop runs the stop hook, which flushes (HOOK-03).
      if (actor && actor.starting === null) terminate(run, actor, { failed: false, stopHook: 'runs', why: ['HOOK-03'] });
      break;
    }
    case 'failNextRead':
      model.failingReads += 1;
      break;
    case 'failNextWrite':
      model.failingWrites += 1;
      break;
    case 'advance':
      advance(run, operation.ms);
      break;
  }
  const { out } = run;
  // An actor whose start hook has not finished handles nothing yet (HOOK-01).
  for (const actor of Object.values(model.actors)) if (actor.starting !== null) out.withhold(actor.path, ['handled', 'watchMessage'], ['HOOK-01']);
  return { expected: { events: out.events, before: out.before, withheld: out.withheld }, lookups: out.lookups, next: model, exercised: [...run.rules].sort() };
}

const alive = (run: Run, actor: HookedActorState) => run.model.actors[actor.path] === actor;

function create(run: Run, blueprint: HookedActorBlueprint, parent: string | undefined): HookedActorState {
  const path = parent === undefined ? blueprint.name : `${parent}/${blueprint.name}`;
  const actor: HookedActorState = {
    serial: run.model.nextSerial++,
    path,
    blueprint,
    parent,
    starting: null,
    state: 0,
    revision: 0,
    dirty: false,
    mailbox: [],
    children: [],
    watchers: [],
    watching: [],
  };
  run.model.actors[path] = actor;
  run.model.latestSerial[path] = actor.serial;
  if (parent !== undefined) run.model.actors[parent]!.children.push(path);
  return actor;
}

/**
 * Begins the start hooks of `actors` (siblings starting together): each reports and looks
 * up its extensions; those without a delay then load, in start order, before any of them goes
 * on (their reads race for an armed failure in that order).
 */
function startAll(
  run: Run,
  actors: readonly HookedActorState[],
  after: readonly (number | undefined)[],
  restart: boolean,
  why: readonly string[] = [],
): void {
  const { model, out } = run;
  for (const actor of actors) {
    const path = actor.path;
    model.setups[path] = (model.setups[path] ?? 0) + 1;
    out.emit({ kind: 'setup', path, incarnation: model.setups[path] }, [path], after, false, why);
    out.lookUp(path, 'preStart', actor.blueprint.extensions);
    const { startDelayMs, startHangs, startTimeoutMs } = actor.blueprint;
    actor.starting = {
      dueAt: startHangs === true ? Infinity : model.now + startDelayMs,
      failsAt: startTimeoutMs === undefined ? Infinity : model.now + startTimeoutMs,
      seq: model.nextStartSeq++,
      restart,
    };
  }
  loadAll(run, actors.filter((a) => a.starting!.dueAt === model.now));
}

/** The loads of start hooks whose delay is over: all reads first (in timer order), then each goes on. */
function loadAll(run: Run, actors: readonly HookedActorState[]): void {
  const outcomes = actors.map((actor) => {
    if (run.model.failingReads === 0) return true;
    run.model.failingReads -= 1;
    return false;
  });
  actors.forEach((actor, k) => (outcomes[k] ? started(run, actor) : startFailed(run, actor)));
}

/** The start hook loaded the stored state: report it, spawn the children, handle what waited. */
function started(run: Run, actor: HookedActorState): void {
  const { model, out, rules } = run;
  const restart = actor.starting!.restart;
  actor.starting = null;
  const stored = model.store[actor.path] ?? { value: 0, revision: 0 };
  actor.state = stored.value;
  actor.revision = stored.revision;
  actor.dirty = false;
  // What the start hook loads: the resource alone after a restart (HOOK-05), a stop hook's flush at the next start (HOOK-03).
  const loadedBy = restart ? ['HOOK-05'] : model.flushedByStopHook[actor.path] ? ['HOOK-03'] : [];
  const loaded = out.emit({ kind: 'recovered', path: actor.path, state: actor.state, revision: actor.revision }, [actor.path], [], false, loadedBy);
  for (const rule of loadedBy) rules.add(rule);
  if (actor.blueprint.extensions.length > 0) rules.add('HOOK-08');
  const kept = actor.children.map((path) => model.actors[path]!);
  const fresh = actor.blueprint.children
    .filter((child) => model.actors[`${actor.path}/${child.name}`] === undefined)
    .map((child) => create(run, child, actor.path));
  startAll(run, fresh, [loaded], false);
  // Rebuilt children (HOOK-07) restart once the parent is back.
  for (const child of kept) if (alive(run, child)) restartActor(run, child, [loaded], ['HOOK-07']);
  if (actor.mailbox.length > 0) rules.add('HOOK-01');
  // What waited for the start hook is handled only now (HOOK-01).
  drain(run, actor, ['HOOK-01']);
}

/** A load failed: a first start never happens (HOOK-02); a restart is tried again. */
function startFailed(run: Run, actor: HookedActorState): void {
  run.rules.add('HOOK-02');
  const restart = actor.starting!.restart;
  actor.starting = null;
  if (restart && (actor.blueprint.directive === 'restart' || run.policy.restartedChildren === 'rebuilt')) {
    startAll(run, [actor], [], true, ['HOOK-02']);
    return;
  }
  // Whether the stop hook of an actor that never started runs is left open (GoAkt: no; the reference runtime: yes).
  terminate(run, actor, { failed: true, stopHook: 'optional', why: ['HOOK-02'] });
}

/** Handles waiting items one at a time until the actor is starting again, gone, or idle; `why`: the rules that held them until now. */
function drain(run: Run, actor: HookedActorState, why: readonly string[] = []): void {
  const { model, out, rules } = run;
  const path = actor.path;
  while (alive(run, actor) && actor.starting === null) {
    const item = actor.mailbox.shift();
    if (item === undefined) return;
    if (item.kind === 'childFailed') {
      // An object actor has no signal hook: the unhandled notice fails it (escalation, WATCH-07).
      fail(run, actor, item.after);
      continue;
    }
    if (item.kind === 'notice') {
      rules.add('HOOK-09');
      actor.watching = actor.watching.filter((serial) => serial !== item.serial);
      // The notice follows the stop hook (HOOK-09) of a stop the watched actor's rules required.
      out.emit({ kind: 'watchMessage', path, of: item.of }, [path], [item.after], false, ['HOOK-09', ...(item.why ?? []), ...why]);
      out.lookUp(path, 'receive', actor.blueprint.extensions);
      continue;
    }
    const command = item.command;
    const handled = out.emit({ kind: 'handled', path, id: command.id, state: actor.state, revision: actor.revision }, [path], [], false, why);
    out.lookUp(path, 'receive', actor.blueprint.extensions);
    switch (command.kind) {
      case 'add':
        actor.state += command.by;
        actor.dirty = true;
        if (command.flush && !flush(run, actor, false)) fail(run, actor, handled);
        break;
      case 'crash':
        fail(run, actor, handled);
        break;
      case 'watch': {
        const serial = model.latestSerial[command.target]!;
        if (actor.watching.includes(serial)) break;
        actor.watching.push(serial);
        const target = model.actors[command.target];
        if (target?.serial === serial) target.watchers.push(actor.serial);
        else enqueueNotice(run, actor, { kind: 'notice', of: command.target, serial, after: handled }); // it already stopped (WATCH-03)
        break;
      }
    }
  }
}

/** Writes the in-memory state at the next revision; false when the resource fails it. */
function flush(run: Run, actor: HookedActorState, fromStopHook: boolean): boolean {
  const { model, out } = run;
  const revision = actor.revision + 1;
  const ok = model.failingWrites === 0;
  if (!ok) model.failingWrites -= 1;
  // A stop hook's flush makes the state durable for the next start (HOOK-03).
  out.emit({ kind: 'write', path: storeLine(actor.path), op: 'upsert', revision, ok }, [actor.path, storeLine(actor.path)], [], false, fromStopHook ? ['HOOK-03'] : []);
  if (!ok) return false;
  model.store[actor.path] = { value: actor.state, revision };
  model.flushedByStopHook[actor.path] = fromStopHook;
  actor.revision = revision;
  actor.dirty = false;
  return true;
}

/** The handler failed: the directive decides (HOOK-06). */
function fail(run: Run, actor: HookedActorState, after: number | undefined): void {
  run.rules.add('HOOK-06');
  switch (actor.blueprint.directive ?? 'stop') {
    case 'resume':
      return;
    case 'restart':
      if (actor.dirty) run.rules.add('HOOK-04');
      restartActor(run, actor, [after], ['HOOK-06']);
      return;
    case 'stop':
    case 'escalate':
      terminate(run, actor, { failed: true, stopHook: 'runs', after, why: ['HOOK-06'] });
  }
}

/** A restart (required by `why`): the stop hook if the policy runs it, the children stopped or kept, then a new start hook. */
function restartActor(run: Run, actor: HookedActorState, after: readonly (number | undefined)[], why: readonly string[]): void {
  const { policy, rules } = run;
  if (policy.stopHookOnRestart) runStopHook(run, actor, after, ['HOOK-04', ...why]);
  const waitFor: (number | undefined)[] = [...after];
  if (actor.children.length > 0) rules.add('HOOK-07');
  if (policy.restartedChildren === 'stopped') {
    for (const child of actor.children.map((p) => run.model.actors[p]!)) waitFor.push(terminate(run, child, { failed: false, stopHook: 'runs', why: ['HOOK-07'] }));
  }
  startAll(run, [actor], waitFor, true, why);
}

/** The stop hook, after `after` and its children's stops: reports, looks up the extensions, flushes unflushed state. */
function runStopHook(
  run: Run,
  actor: HookedActorState,
  after: readonly (number | undefined)[],
  why: readonly string[],
  optional = false,
  childrenDone: readonly (number | undefined)[] = [],
): void {
  const path = actor.path;
  // A parent hears of a child's stop by the notice its watchers get: after the child's stop hook (HOOK-09).
  run.out.emit({ kind: 'signal', path, signal: 'PostStop' }, [path], after, optional, why, { events: childrenDone, rules: ['HOOK-09'] });
  run.out.lookUp(path, 'postStop', actor.blueprint.extensions, optional);
  if (actor.dirty) flush(run, actor, true);
}

/** How an actor stops: after a failure or not, whether its stop hook must run, after which events, and the rules that stop it. */
interface StopCause {
  readonly failed: boolean;
  readonly stopHook: 'runs' | 'optional';
  readonly after?: number | undefined;
  readonly why: readonly string[];
}

/**
 * Stops `actor`: children first, then its stop hook, then its watchers and (for a failed
 * escalating child) its parent hear of it. Returns the last event of the stop. Actors stopped
 * together (a subtree) do not hear of each other: their own stop overtakes the notice.
 */
function terminate(run: Run, actor: HookedActorState, cause: StopCause): number | undefined {
  run.stops += 1;
  let done: number | undefined;
  try {
    done = stopOne(run, actor, cause);
  } finally {
    run.stops -= 1;
  }
  // The watchers run concurrently with the stops: only once the subtree is down do they handle
  // what they got, so notices of actors stopped together may be handled in any order.
  if (run.stops === 0) for (let woken = run.woken.shift(); woken !== undefined; woken = run.woken.shift()) drain(run, woken);
  return done;
}

/** {@link terminate} of one actor, its children first; the watchers it notifies are woken by the outermost stop. */
function stopOne(run: Run, actor: HookedActorState, cause: StopCause): number | undefined {
  const { model, out } = run;
  const path = actor.path;
  markStopping(run, actor);
  const childrenDone = actor.children.map((p) => terminate(run, model.actors[p]!, { failed: false, stopHook: 'runs', why: cause.why }));
  runStopHook(run, actor, [cause.after], cause.why, cause.stopHook === 'optional', childrenDone);
  // The write of the stop hook, if any, is filed under the actor's line too: this is the stop's last event.
  const done = out.cursor(path);
  delete model.actors[path];
  const parent = actor.parent === undefined ? undefined : model.actors[actor.parent];
  if (parent) parent.children = parent.children.filter((p) => p !== path);
  for (const watcher of Object.values(model.actors)) {
    if (!actor.watchers.includes(watcher.serial) || run.stopping.has(watcher.serial)) continue;
    enqueueNotice(run, watcher, { kind: 'notice', of: path, serial: actor.serial, after: done, why: cause.why });
    run.woken.push(watcher);
  }
  if (cause.failed && actor.blueprint.directive === 'escalate' && parent && !run.stopping.has(parent.serial)) {
    enqueueNotice(run, parent, { kind: 'childFailed', of: path, after: done });
    run.woken.push(parent);
  }
  return done;
}

/**
 * Puts a notice (a watch notice, a child's failure) in the mailbox, behind or (a system message)
 * ahead of the items waiting there: commands, and earlier notices of stops concurrent with its
 * own, never one whose stop led to its own (system messages keep the order of their causes).
 */
function enqueueNotice(run: Run, actor: HookedActorState, notice: Exclude<HookMailboxItem, { kind: 'command' }>): void {
  placeNotice<HookMailboxItem>(actor.mailbox, notice, (item) => item.kind !== 'command' && run.out.precedes(item.after, notice.after), run.chooser);
}

function markStopping(run: Run, actor: HookedActorState): void {
  run.stopping.add(actor.serial);
  for (const child of actor.children) markStopping(run, run.model.actors[child]!);
}

/**
 * Moves the clock forward: delayed start hooks load when due, those due at one instant in timer
 * order; start hooks past their time limit fail (HOOK-02).
 */
function advance(run: Run, ms: number): void {
  const { model } = run;
  const next = (a: HookedActorState) => (a.starting === null ? Infinity : Math.min(a.starting.dueAt, a.starting.failsAt));
  advanceClock(
    model,
    ms,
    () => Math.min(...Object.values(model.actors).map(next)),
    (due) => {
      const waiting = Object.values(model.actors)
        .filter((a) => next(a) === due)
        .sort((a, b) => a.starting!.seq - b.starting!.seq);
      for (const actor of waiting.filter((a) => a.starting!.failsAt === due)) startFailed(run, actor);
      loadAll(run, waiting.filter((a) => a.starting?.dueAt === due));
    },
  );
}
