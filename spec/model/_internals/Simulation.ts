import { childPath, parentPath, type ActorBlueprint, type SupervisionLayer, type SupervisorStrategy } from '../ActorBlueprint.js';
import type { ActorCommand, StashableCommand } from '../ActorCommand.js';
import { errorMatches } from '../ErrorHierarchy.js';
import type { ExpectedEvent, ExpectedHistory } from '../ExpectedHistory.js';
import type { HistoryEvent } from '../HistoryEvent.js';
import { ModelError } from '../ModelError.js';
import { Chooser, placeNotice } from './search.js';
import { advanceClock } from './virtualTime.js';
import { HistoryBuilder } from './HistoryBuilder.js';
import type { ActorModel, Delivery, DeliveryBody, LayerState, ModelState, ModelTimer } from '../ModelState.js';
import {
  backoffDelay,
  backoffResetAfter,
  budgetExhausted,
  countRestart,
  decidingLayer,
  defaultRestartBufferCapacity,
  firstStartFailureIsFinal,
  firstStartFailureMayBeFinal,
} from './supervision.js';

/** Per-path bookkeeping of the notice group being handled, whose members are mutually unordered. */
interface NoticeGroup {
  /** Wave of the group, null when none is being handled. */
  wave: number | null;
  /** The path's tails (see {@link HistoryBuilder.tails}) as they were when the group began. */
  base: readonly number[];
}

/** One supervisor of an actor's active stack: a blueprint layer (`index`) or one a handler added (`index` null). */
interface ActiveLayer {
  readonly layer: SupervisionLayer;
  readonly index: number | null;
}

/** Events of earlier operations (or earlier in this one) that the next events must follow, and the rules that say so. */
interface CauseFrame {
  readonly events: readonly number[];
  readonly rules: readonly string[];
}

const maxDeliveriesPerStep = 100_000;
const reservedTimerKey = '\u0000internal';
/** The event classes of a termination notice. */
const noticeClasses = ['terminated', 'childFailed', 'watchMessage'];
/** The event classes a restart produces. */
const restartClasses = ['PreRestart', 'setup'];

/**
 * One prediction in progress: a mutable copy of the model state, a global FIFO of deliveries
 * and the events, edges and exercised rules collected so far. The FIFO gives one allowed
 * order; the edges recorded here say which parts of it every runtime must respect.
 *
 * Blame: every event is tagged with the rules that require it: its own rule (`emit`'s `own`)
 * plus the rules of the situation it happens in (`because`, a stack that follows the nested
 * calls of one delivery). Events the rules keep from happening are noted with `withhold`.
 */
export class Simulation {
  readonly rules = new Set<string>();
  /** The history so far, with the other two models' builder: one event line per path. */
  private readonly out: HistoryBuilder;
  private readonly reasons: (readonly string[])[] = [];
  private readonly queue: Delivery[] = [];
  private readonly groups = new Map<string, NoticeGroup>();
  private readonly causeStack: CauseFrame[] = [];
  private currentWave: number | null = null;
  /** Per actor uid: events of this prediction the next setup of a restart must follow (SUP-12). */
  private readonly restartAfter = new Map<number, number[]>();

  /** Whether the order taken is one no runtime can show (see {@link fireTimers}). */
  infeasible = false;
  /** While timers of several actors are being fired: each actor's work still to do, by uid. */
  private lanes: Map<number, Delivery[][]> | null = null;
  /** Releases of a restart buffer put in a lane, each one unit of work. */
  private readonly replays = new Set<readonly Delivery[]>();
  /** The deliveries of the lane's unit being handled. */
  private unit = new Set<Delivery>();
  /** Deliveries a restart released from its buffer: replayed in one go, so no notice comes between them. */
  private readonly released = new Set<Delivery>();
  /** Whether the delivery being handled is one of a group of notices, whose events are mutually unordered. */
  private loose = false;

  /**
   * `chooser` picks the way at each freedom the rules leave: which of the actors whose timers are
   * due at one instant runs next ({@link fireTimers}), and where a notice joins its watcher's
   * queued messages ({@link enqueueNotice}).
   */
  constructor(
    readonly state: ModelState,
    private readonly chooser: Chooser = new Chooser(),
  ) {
    this.out = new HistoryBuilder(chooser.guide);
    // Deliveries held from an earlier operation name events of that operation's prediction as
    // their causes; those events have all happened, and their indexes mean nothing here.
    for (const actor of Object.values(state.actors)) actor.buffer = actor.buffer.map((d) => (d.cause.length > 0 ? { ...d, cause: [] } : d));
  }

  /** The prediction so far: events with the rules that require them, edges, and what was withheld. */
  expected(): ExpectedHistory {
    return { events: this.out.events, before: this.out.before, withheld: this.out.withheld };
  }

  // ---- operations -------------------------------------------------------------------

  spawnTopLevel(blueprint: ActorBlueprint): void {
    const path = childPath(null, blueprint.name);
    if (this.state.actors[path]) throw new ModelError('DUPLICATE_PATH', `an actor is already alive at ${path}`);
    this.createActor(path, null, blueprint);
    this.runSetup(path, 'start');
    this.drain();
  }

  /** Sends commands in order to whatever actor is at `path` now; they stay bound to it (a later actor there does not get them). */
  tell(path: string, commands: readonly ActorCommand[]): void {
    const uid = this.state.actors[path]?.uid ?? -1;
    // In a burst, what each message does depends on the order they are handled in (LIF-02).
    const reasons = commands.length > 1 ? ['LIF-02'] : [];
    if (commands.length > 1) this.rules.add('LIF-02');
    for (const command of commands) this.queue.push({ to: path, uid, cause: [], wave: null, body: { kind: 'command', command }, reasons });
    this.drain();
  }

  armSetupFailure(path: string, error: string): void {
    (this.state.armedSetupFailures[path] ??= []).push(error);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new ModelError('BAD_OPERATION', `advance needs a non-negative duration, got ${ms}`);
    const target = this.state.now + ms;
    // A timer cancelled by a restart or stop would have fired now: its ping must not come (LIF-07).
    for (const ghost of this.state.cancelledTimers.filter((t) => t.due <= target)) {
      this.rules.add('LIF-07');
      this.withhold(ghost.path, ['received'], ['LIF-07']);
    }
    this.state.cancelledTimers = this.state.cancelledTimers.filter((t) => t.due > target);
    advanceClock(
      this.state,
      ms,
      () => this.state.timers.reduce((min, t) => Math.min(min, t.due), Infinity),
      (due) => {
        const firing = this.state.timers.filter((t) => t.due === due).sort((a, b) => a.seq - b.seq);
        this.state.timers = this.state.timers.filter((t) => t.due !== due);
        this.fireTimers(firing);
      },
    );
  }

  /**
   * Delivers the timer messages due at one instant. Each only puts a message in its actor's
   * mailbox; when several actors get one, they run concurrently and no rule orders them (a
   * parent's backoff restart replaying a held failure that stops its subtree may come before,
   * after or around a descendant's own backoff restart). Each actor's work is a lane: its
   * timer messages in order, and after a backoff restart the messages it held, as one unit
   * (replayed in the restart's turn, so never cut off from it by a stop). Which lane goes next
   * is a choice point, taken from `order` and recorded in {@link choices}, so every
   * interleaving can be predicted.
   * What a unit sets off (setups of children, stops, notices) is handled before the next one,
   * except messages to an actor with work left in its lane: it is in its turn, so they wait
   * at the end of its lane, as in its mailbox; a notice may overtake that work, as anywhere
   * (see {@link enqueueNotice}).
   */
  private fireTimers(firing: readonly ModelTimer[]): void {
    const lanes = new Map<number, Delivery[][]>();
    for (const t of firing) {
      const d: Delivery = { to: t.path, uid: t.uid, cause: [], wave: null, body: t.body, reasons: t.key === reservedTimerKey ? [] : ['LIF-07'] };
      lanes.set(t.uid, [...(lanes.get(t.uid) ?? []), [d]]);
    }
    if (lanes.size < 2) {
      this.queue.push(...[...lanes.values()].flat(2));
      this.drain();
      return;
    }
    this.lanes = lanes;
    try {
      for (let open = [...lanes.values()]; open.length > 0; open = [...lanes.values()].filter((l) => l.length > 0)) {
        const lane = open[this.chooser.pick(open.length)]!;
        const unit = lane.shift()!;
        // A replay whose actor a stop took before it could run: no runtime does that (it replays in the restart's turn).
        if (this.replays.has(unit) && this.state.actors[unit[0]!.to]?.uid !== unit[0]!.uid) this.infeasible = true;
        this.unit = new Set(unit);
        this.queue.push(...unit);
        this.drain();
      }
    } finally {
      this.lanes = null;
      this.unit = new Set();
    }
  }

  // ---- delivery loop ----------------------------------------------------------------

  private drain(): void {
    let handled = 0;
    for (let d = this.queue.shift(); d !== undefined; d = this.queue.shift()) {
      if (++handled > maxDeliveriesPerStep) throw new ModelError('RUNAWAY', 'the prediction did not settle');
      this.deliver(d);
    }
  }

  private deliver(d: Delivery): void {
    const actor = this.state.actors[d.to];
    if (!actor || (d.uid !== null && actor.uid !== d.uid)) {
      const body = d.body;
      if (body.kind === 'command') this.because(d.reasons ?? [], () => this.deadLetter(d.to, body.command, d.cause));
      return;
    }
    if (actor.phase === 'restarting' && d.body.kind !== 'backoffRestart' && d.body.kind !== 'backoffReset') {
      this.hold(actor, d);
      return;
    }
    // Racing on timers, an actor with work left in its lane is in its turn: what comes now waits in its mailbox.
    const lane = this.lanes?.get(actor.uid);
    if (lane !== undefined && lane.length > 0 && !this.unit.has(d)) {
      if (d.body.kind === 'notice') placeNotice(lane, [d], (unit) => this.replays.has(unit) || this.noticeStaysBehind(unit[0]!, d), this.chooser);
      else lane.push([d]);
      return;
    }
    const group = this.group(d.to);
    const grouped = d.wave !== null && group.wave === d.wave;
    const saved = this.out.tails(d.to);
    if (grouped) this.out.setTails(d.to, group.base);
    else if (d.wave !== null) {
      group.wave = d.wave;
      group.base = saved;
    } else group.wave = null;
    const wasLoose = this.loose;
    this.loose = d.wave !== null;
    try {
      this.because(d.reasons ?? [], () => this.withCause(d.cause, [], () => this.handle(actor, d.body)));
    } finally {
      this.loose = wasLoose;
    }
    if (grouped) this.out.setTails(d.to, union(saved, this.out.tails(d.to)));
  }

  /** Buffers a delivery during a backoff restart (SUP-10), dropping what exceeds the capacity. */
  private hold(actor: ActorModel, d: Delivery): void {
    if (d.body.kind === 'notice' && actor.watching[d.body.of] === undefined) return;
    if (d.body.kind === 'notice') this.rules.add('WATCH-09');
    this.rules.add('SUP-10');
    // Held, not handled: nothing of it may show before the new incarnation runs.
    this.withhold(actor.path, ['received', ...noticeClasses], ['SUP-10']);
    if (actor.buffer.length < actor.bufferCapacity) actor.buffer.push(d);
    else if (d.body.kind === 'command') this.dropped(actor.path, d.body.command, d.cause);
  }

  /** A full restart buffer drops `command` and reports it (SUP-10), as Pekko publishes its `Dropped` among the dead letters. */
  private dropped(path: string, command: ActorCommand, cause: readonly number[]): void {
    if (command.kind !== 'ping' && command.kind !== 'fail' && command.kind !== 'stop' && command.kind !== 'unhandled') return;
    this.withCause(cause, ['SUP-10'], () => this.emit({ kind: 'deadLetter', path, id: command.id }, ['SUP-10']));
  }

  private handle(actor: ActorModel, body: DeliveryBody): void {
    switch (body.kind) {
      case 'command':
        this.command(actor, body.command);
        return;
      case 'notice':
        this.notice(actor, body.of, body.ofUid, body.failure, body.duringStart, body.late === true);
        return;
      case 'backoffRestart':
        if (actor.phase === 'restarting') this.because(['SUP-11'], () => this.completeRestart(actor, body.layer));
        return;
      case 'backoffReset': {
        const layer = actor.layers[body.layer];
        if (layer && layer.restartCount === body.token) layer.restartCount = 0;
        return;
      }
    }
  }

  private command(actor: ActorModel, command: ActorCommand): void {
    if (actor.marker !== undefined) {
      // The marker behavior handles nothing: empty leaves the command unhandled, ignore drops it (LIF-11).
      this.rules.add('LIF-11');
      this.withhold(actor.path, ['received'], ['LIF-11']);
      return;
    }
    switch (command.kind) {
      case 'ping':
      case 'fail':
      case 'stop':
      case 'unhandled':
      case 'clearStash':
        this.stashable(actor, command);
        return;
      case 'spawn': {
        const path = childPath(actor.path, command.child.name);
        if (this.state.actors[path]) throw new ModelError('DUPLICATE_PATH', `an actor is already alive at ${path}`);
        this.createActor(path, actor.path, command.child);
        this.runSetup(path, 'start');
        return;
      }
      case 'stopChild': {
        const path = childPath(actor.path, command.name);
        if (!actor.children.includes(path)) {
          this.rules.add('LIF-09');
          this.withhold(actor.path, ['PostStop', ...restartClasses], ['LIF-09']); // a no-op: nothing happens to the actor
          return;
        }
        this.because(['LIF-09'], () => this.stop(path, null));
        return;
      }
      case 'watch':
      case 'watchWith':
        this.watch(actor, command.target, command.kind);
        return;
      case 'unwatch':
        if (actor.watching[command.target] !== undefined) {
          delete actor.watching[command.target];
          actor.unwatched.push(command.target);
        }
        return;
      case 'stash':
        if (actor.stash.length >= actor.blueprint.stashCapacity) {
          this.rules.add('STASH-01');
          this.because(['STASH-01'], () => this.fail(actor, 'StashOverflow'));
          return;
        }
        actor.stash.push(command.command);
        this.withhold(actor.path, ['received'], ['STASH-01']);
        return;
      case 'unstashAll':
        this.unstash(actor, actor.stash.length);
        return;
      case 'unstash':
        this.unstash(actor, Math.min(command.n, actor.stash.length));
        return;
      case 'startTimer':
        this.cancelTimer(actor, command.key);
        this.state.timers.push({
          due: this.state.now + command.delayMs,
          seq: this.state.seq++,
          path: actor.path,
          uid: actor.uid,
          key: command.key,
          body: { kind: 'command', command: { kind: 'ping', id: command.id } },
        });
        return;
      case 'cancelTimer':
        this.cancelTimer(actor, command.key);
        return;
      case 'supervise':
        this.addSupervisor(actor, command.layer);
        return;
      case 'become':
        this.rules.add('LIF-11');
        actor.marker = command.marker;
        return;
    }
  }

  /** A handler returned its behavior wrapped in `layer`: same-type supervisors are replaced, not stacked (SUP-06). */
  private addSupervisor(actor: ActorModel, layer: SupervisionLayer): void {
    const { strategy } = layer;
    if (strategy.kind === 'backoff' || (strategy.kind === 'restart' && strategy.limit?.max !== 0)) {
      throw new ModelError('BAD_OPERATION', 'an added supervisor may only stop, resume, or restart with limit 0');
    }
    const replaced = actor.blueprint.supervision.flatMap((l, i) => (l.on === layer.on && !(actor.dropped ?? []).includes(i) ? [i] : []));
    const added = actor.added ?? [];
    if (replaced.length > 0 || added.some((l) => l.on === layer.on)) this.rules.add('SUP-06');
    actor.dropped = [...(actor.dropped ?? []), ...replaced];
    actor.added = [layer, ...added.filter((l) => l.on !== layer.on)];
  }

  /** Blueprint layers for the same error type as an inner blueprint layer: those Pekko's start merges away. */
  private shadowedLayers(actor: ActorModel): number[] {
    const layers = actor.blueprint.supervision;
    return layers.flatMap((layer, i) => (layers.slice(0, i).some((inner) => inner.on === layer.on) ? [i] : []));
  }

  /** The actor's supervisors as they stand, innermost first: added ones, then the blueprint's not replaced (nor merged at start). */
  private activeLayers(actor: ActorModel): ActiveLayer[] {
    const dropped = actor.mergedAtStart === true ? [...(actor.dropped ?? []), ...this.shadowedLayers(actor)] : (actor.dropped ?? []);
    return [
      ...(actor.added ?? []).map((layer) => ({ layer, index: null })),
      ...actor.blueprint.supervision.flatMap((layer, index) => (dropped.includes(index) ? [] : [{ layer, index }])),
    ];
  }

  private stashable(actor: ActorModel, command: StashableCommand): void {
    switch (command.kind) {
      case 'ping':
        this.emit({ kind: 'received', path: actor.path, id: command.id, count: actor.count }, ['LIF-02', ...(actor.countRules ?? [])]);
        actor.count += 1;
        return;
      case 'fail':
        this.fail(actor, command.error);
        return;
      case 'stop': {
        this.rules.add('LIF-03');
        const supervised = actor.blueprint.supervision.some((l) => l.strategy.kind !== 'stop');
        if (supervised) this.rules.add('SUP-15');
        this.because(supervised ? ['LIF-03', 'SUP-15'] : ['LIF-03'], () => this.stop(actor.path, null));
        return;
      }
      case 'unhandled':
        return;
      case 'clearStash':
        // The cleared commands are gone: neither handled nor dead letters.
        actor.stash = [];
        return;
    }
  }

  /** A command with an id that reached no actor is published as a dead letter (LIF-08). */
  private deadLetter(path: string, command: ActorCommand, cause: readonly number[], optional = false): void {
    if (command.kind !== 'ping' && command.kind !== 'fail' && command.kind !== 'stop' && command.kind !== 'unhandled') return;
    this.rules.add('LIF-08');
    this.withhold(path, ['received'], ['LIF-08'], true);
    this.withCause(cause, ['LIF-08'], () => this.emit({ kind: 'deadLetter', path, id: command.id }, ['LIF-08'], optional ? { optional } : {}));
  }

  /** Replays `n` stashed commands one by one (STASH-02), stopping when the incarnation changes. */
  private unstash(actor: ActorModel, n: number): void {
    if (n === 0) return;
    this.rules.add('STASH-02');
    let afterUnhandled = false;
    for (let i = 0; i < n; i++) {
      const next = actor.stash.shift();
      if (next === undefined) return;
      const left = actor.stash.length;
      const countBefore = this.state.incarnations[actor.path];
      const start = this.out.events.length;
      this.because(afterUnhandled ? ['STASH-02', 'STASH-04'] : ['STASH-02'], () => this.stashable(actor, next));
      const current = this.state.actors[actor.path];
      if (current !== actor) {
        if (actor.stash.length > 0) {
          this.rules.add('STASH-03');
          this.tagSince(start, ['STASH-03']);
          this.withhold(actor.path, ['received'], ['STASH-03']);
        }
        if (next.kind === 'fail') {
          this.rules.add('STASH-06');
          this.tagSince(start, ['STASH-06']);
        }
        return;
      }
      if (this.state.incarnations[actor.path] !== countBefore || actor.phase !== 'running' || !actor.live) {
        this.rules.add('STASH-05'); // restarted: the buffer went with the old incarnation
        this.tagSince(start, ['STASH-05']);
        this.withhold(actor.path, ['received'], ['STASH-05']);
        return;
      }
      if (next.kind === 'clearStash') {
        // Cleared while unstashing: the rest of the buffer is skipped, not handled (STASH-03).
        if (left > 0) {
          this.rules.add('STASH-03');
          this.withhold(actor.path, ['received'], ['STASH-03']);
        }
        return;
      }
      if (next.kind === 'unhandled') {
        this.rules.add('STASH-04');
        afterUnhandled = true;
      }
      if (next.kind === 'fail') {
        this.rules.add('STASH-05'); // resumed: the failing command is dropped, the rest stays stashed
        this.withhold(actor.path, ['received'], ['STASH-05']);
        return;
      }
    }
  }

  private watch(actor: ActorModel, target: string, mode: 'watch' | 'watchWith'): void {
    if (target === actor.path) return;
    const existing = actor.watching[target];
    // A watch that outlived a restart of the watcher is still there (WATCH-09).
    const kept = existing !== undefined && parentPath(target) !== actor.path && (this.state.incarnations[actor.path] ?? 0) > (actor.watchedIn[target] ?? Infinity);
    if (kept) this.rules.add('WATCH-09');
    if (existing !== undefined && existing !== mode) {
      this.rules.add('WATCH-05');
      this.because(kept ? ['WATCH-05', 'WATCH-09'] : ['WATCH-05'], () => this.fail(actor, 'WatchConflict'));
      return;
    }
    if (existing === mode) {
      this.rules.add(mode === 'watch' ? 'WATCH-01' : 'WATCH-05');
      return;
    }
    actor.watching[target] = mode;
    actor.watchedIn[target] = this.state.incarnations[actor.path] ?? 0;
    this.watchedUid(actor, target);
    actor.unwatched = actor.unwatched.filter((p) => p !== target);
    if (!this.state.actors[target]) {
      this.rules.add('WATCH-03');
      const death = parentPath(target) === actor.path ? this.state.deaths[target] : undefined;
      this.enqueueNotice({
        to: actor.path,
        uid: actor.uid,
        cause: [],
        wave: null,
        body: { kind: 'notice', of: target, failure: death?.failure ?? null, duringStart: death?.duringStart ?? false, late: true },
        reasons: ['WATCH-03'],
      });
    }
  }

  /** Records which actor a new watch on `target` is on; none when it already stopped (WATCH-03). */
  private watchedUid(actor: ActorModel, target: string): void {
    const uids = (actor.watchedUid ??= {});
    const uid = this.state.actors[target]?.uid;
    if (uid === undefined) delete uids[target];
    else uids[target] = uid;
  }

  private notice(actor: ActorModel, of: string, ofUid: number | undefined, failure: string | null, duringStart: boolean, late: boolean): void {
    const mode = actor.watching[of];
    if (mode === undefined) {
      if (actor.unwatched.includes(of)) {
        this.rules.add('WATCH-04');
        this.withhold(actor.path, noticeClasses, ['WATCH-04']);
      }
      return;
    }
    // The notice of a former actor at this path (held through a backoff while the new setup
    // spawned and watched its successor): the watch on the successor stays, as a watch is on an
    // actor, not on its name.
    const watched = actor.watchedUid?.[of];
    const former = ofUid !== undefined && watched !== undefined && watched !== ofUid;
    if (!former) {
      delete actor.watching[of];
      delete actor.watchedUid?.[of];
    }
    const situation: string[] = [];
    if (failure === 'DeathPact') situation.push('WATCH-07');
    const survivedRestart = (this.state.incarnations[actor.path] ?? 0) > (actor.watchedIn[of] ?? Infinity);
    if (survivedRestart && parentPath(of) !== actor.path) situation.push('WATCH-09');
    for (const rule of situation) this.rules.add(rule);
    this.because(situation, () => this.noticeWatched(actor, of, mode, failure, duringStart, late));
  }

  /** A notice about `of` reached an actor that watched it in `mode`. */
  private noticeWatched(actor: ActorModel, of: string, mode: 'watch' | 'watchWith', failure: string | null, duringStart: boolean, late: boolean): void {
    if (actor.marker !== undefined) {
      this.markedNotice(actor, actor.marker, mode);
      return;
    }
    if (mode === 'watchWith') {
      this.rules.add('WATCH-05');
      this.emit({ kind: 'watchMessage', path: actor.path, of }, ['WATCH-05']);
      return;
    }
    if (!actor.blueprint.handlesTerminated) {
      this.rules.add('WATCH-06');
      this.because(['WATCH-06'], () => this.fail(actor, 'DeathPact'));
      return;
    }
    if (failure !== null) {
      this.rules.add('WATCH-02');
      const causes = duringStart ? [failure, 'ActorInitialization'] : [failure];
      // Watching a child after it failed: the rules accept the plain notice or the failure (WATCH-02/03).
      const alternatives = late ? [{ kind: 'terminated' as const, path: actor.path, of }] : undefined;
      this.emit({ kind: 'childFailed', path: actor.path, of, cause: failure }, ['WATCH-02'], { causes, ...(alternatives ? { alternatives } : {}) });
      this.failAfterSignal(actor);
      return;
    }
    this.rules.add('WATCH-01');
    this.emit({ kind: 'terminated', path: actor.path, of }, ['WATCH-01']);
    this.failAfterSignal(actor);
  }

  /**
   * A notice reached a marker behavior (LIF-11): `empty` leaves a termination notice unhandled,
   * which is a death pact (WATCH-06); a watch message, or anything `ignore` gets, is dropped.
   */
  private markedNotice(actor: ActorModel, marker: 'empty' | 'ignore', mode: 'watch' | 'watchWith'): void {
    this.rules.add('LIF-11');
    if (marker === 'empty' && mode === 'watch') {
      this.rules.add('WATCH-06');
      this.because(['LIF-11', 'WATCH-06'], () => this.fail(actor, 'DeathPact'));
      return;
    }
    this.withhold(actor.path, noticeClasses, ['LIF-11']);
  }

  /** A blueprint may throw from its Terminated handler: supervised like any failure (SUP-14). */
  private failAfterSignal(actor: ActorModel): void {
    const error = actor.blueprint.failOnTerminated;
    if (error === undefined) return;
    this.rules.add('SUP-14');
    this.because(['SUP-14'], () => this.fail(actor, error));
  }

  // ---- supervision ------------------------------------------------------------------

  /** A running incarnation threw `errorName` (from a message or a signal). */
  private fail(actor: ActorModel, errorName: string): void {
    this.supervise(actor, errorName, 'running');
  }

  /** Setup threw: on the first start (SUP-08) or while re-initialising in a restart (SUP-09). */
  private setupFailed(actor: ActorModel, errorName: string, firstStart: boolean): void {
    this.supervise(actor, errorName, firstStart ? 'start' : 'restartSetup');
  }

  /**
   * The innermost matching layer decides (SUP-04, SUP-05). A running actor's restart layer that
   * has used its limit (SUP-07) gives the failure to the next enclosing matching layer, as an
   * unmatched failure would go (SUP-04); with none left, the actor stops. Stop, resume and
   * backoff decide for themselves, and a first start that must not be retried (SUP-08) stops.
   */
  private supervise(actor: ActorModel, errorName: string, mode: 'running' | 'start' | 'restartSetup', outsideOf = -1): void {
    if (outsideOf >= 0 && actor.mergedAtStart === undefined && this.shadowedLayers(actor).length > 0) {
      // Handed on past a supervisor with a same-type one outside it: that one exists in the
      // reference runtime, while Pekko merged it away at start. Both are accepted (a choice point).
      actor.mergedAtStart = this.chooser.pick(2) === 1;
    }
    const stack = this.activeLayers(actor);
    const found = decidingLayer(this.state.hierarchy, stack.slice(outsideOf + 1).map((l) => l.layer), errorName);
    const position = found < 0 ? -1 : found + outsideOf + 1;
    const situation = [...this.noteMatching(actor, stack, errorName, position, outsideOf + 1), ...(mode === 'start' ? ['SUP-08'] : mode === 'restartSetup' ? ['SUP-09'] : [])];
    this.because(situation, () => this.decide(actor, errorName, mode, stack, position, outsideOf >= 0));
  }

  /** Carries out the decision of the layer at `position` of `stack` (none when -1) on a failure. */
  private decide(
    actor: ActorModel,
    errorName: string,
    mode: 'running' | 'start' | 'restartSetup',
    stack: readonly ActiveLayer[],
    position: number,
    escalated: boolean,
  ): void {
    const duringStart = mode === 'start';
    const active = stack[position];
    const layer = active?.layer;
    if (!active || !layer) {
      // A failure handed on past the last supervisor stops the actor: SUP-07 says so for an
      // exhausted limit; otherwise the actor was, for this error, unsupervised (SUP-01).
      if (!escalated) this.rules.add('SUP-01');
      this.because(escalated ? [] : ['SUP-01'], () => this.stopOnFailure(actor, errorName, duringStart));
      return;
    }
    const strategy = layer.strategy;
    // An added supervisor never restarts, so it keeps no count.
    const layerState = active.index === null ? { restartCount: 0, deadline: null } : actor.layers[active.index]!;
    if (strategy.kind === 'resume' && mode === 'running') {
      this.rules.add('SUP-02');
      // What made the failure resume (a subtype match, a replaced supervisor…) is part of it.
      const resumed = union(['SUP-02'], this.reasons.flat());
      // The actor lives on: no restart, no stop, and what is sent next is handled, not dead-lettered.
      this.withhold(actor.path, [...restartClasses, 'PostStop', 'deadLetter'], resumed);
      actor.countRules = union(actor.countRules ?? [], resumed);
      return;
    }
    const givesUp =
      strategy.kind === 'stop' ||
      strategy.kind === 'resume' ||
      (duringStart
        ? firstStartFailureIsFinal(strategy, layerState, this.state.now) || this.pekkoGivesUpOnStart(strategy, layerState)
        : budgetExhausted(strategy, layerState, this.state.now));
    if (givesUp) {
      if (strategy.kind === 'restart' && strategy.limit !== undefined && !duringStart) {
        this.rules.add('SUP-07');
        this.withhold(actor.path, restartClasses, union(['SUP-07'], this.reasons.flat()));
        this.because(['SUP-07'], () => this.supervise(actor, errorName, mode, position));
        return;
      }
      if (strategy.kind === 'backoff') this.rules.add('SUP-11');
      this.because(strategy.kind === 'backoff' ? ['SUP-11'] : [], () => this.stopOnFailure(actor, errorName, duringStart));
      return;
    }
    if (active.index === null) throw new ModelError('BAD_OPERATION', 'an added supervisor cannot restart');
    const index = active.index;
    // A restart a limit or a backoff counted is theirs too: a runtime whose count is wrong
    // restarts when it should not (or the reverse), and the blame belongs to the count.
    const counted = strategy.kind === 'restart' && strategy.limit !== undefined ? ['SUP-07'] : strategy.kind === 'backoff' ? ['SUP-11'] : [];
    this.because(counted, () => this.restart(actor, index));
  }

  /**
   * A first start failing under a limited restart that Pekko would not retry but the counting
   * of SUP-08 would: both are accepted, a choice point (0: retry, as the reference runtime does).
   */
  private pekkoGivesUpOnStart(strategy: SupervisorStrategy, layerState: LayerState): boolean {
    return firstStartFailureMayBeFinal(strategy, layerState, this.state.now) && this.chooser.pick(2) === 1;
  }

    /** A failure stops the actor: no restart may happen instead (the situation's rules say why). */
  private stopOnFailure(actor: ActorModel, errorName: string, duringStart: boolean): void {
    // A first start that fails is not retried: SUP-08 says so, whichever supervisor matched.
    this.withhold(actor.path, restartClasses, duringStart ? ['SUP-08'] : []);
    this.stop(actor.path, errorName, duringStart);
  }

  /** Step 1 of SUP-12 for a running incarnation: cancel its timers, signal `PreRestart` (never `PostStop`, LIF-05). */
  private restart(actor: ActorModel, index: number): void {
    let preRestart: number | null = null;
    // A marker behavior has no signal handler: it neither reports nor throws at PreRestart (LIF-11).
    const handled = actor.live && actor.marker === undefined;
    const handlerThrows = handled && actor.blueprint.signalHandlerFailure !== undefined;
    if (actor.live) {
      this.cancelTimers(actor);
      this.rules.add('SUP-03');
      if (handlerThrows) this.rules.add('LIF-10');
      if (handled) {
        this.rules.add('LIF-05');
        preRestart = this.emit({ kind: 'signal', path: actor.path, signal: 'PreRestart' }, ['LIF-05']);
      } else this.withhold(actor.path, ['PreRestart'], ['LIF-11']);
      this.withhold(actor.path, ['PostStop'], ['LIF-05']);
    }
    // What follows a PreRestart handler that throws happens because of LIF-10.
    this.because(handlerThrows ? ['LIF-10'] : [], () => this.prepareRestart(actor, index, preRestart));
  }

  /** Notes the matching rules this decision reached (SUP-04, SUP-05, SUP-06) and returns them. */
  private noteMatching(actor: ActorModel, stack: readonly ActiveLayer[], errorName: string, position: number, from: number): string[] {
    const layers = stack.map((l) => l.layer);
    const reached = new Set<string>();
    // Layers from `from` on were asked: one that did not match passed the failure outwards.
    if (position > from || (position < 0 && layers.length > from)) reached.add('SUP-04');
    const chosen = layers[position];
    if (chosen) {
      if (chosen.on !== errorName && chosen.on !== 'any') reached.add('SUP-04');
      const outer = layers.slice(position + 1).some(
        (l) => errorMatches(this.state.hierarchy, errorName, l.on) && l.strategy.kind !== chosen.strategy.kind,
      );
      if (outer) reached.add('SUP-05');
    }
    // A replaced supervisor would have caught this failure: the replacement decides instead (SUP-06).
    const replaced = (actor.dropped ?? []).map((i) => actor.blueprint.supervision[i]!);
    if (replaced.some((l) => errorMatches(this.state.hierarchy, errorName, l.on))) reached.add('SUP-06');
    for (const rule of reached) this.rules.add(rule);
    return [...reached];
  }

  /** Steps 2–4 of SUP-12: stop children, then (after a backoff delay) re-run setup and release the buffer. */
  private prepareRestart(actor: ActorModel, index: number, preRestart: number | null): void {
    const strategy = actor.blueprint.supervision[index]!.strategy;
    const layerState = actor.layers[index]!;
    const priorRestarts = layerState.restartCount;
    countRestart(strategy, layerState, this.state.now);
    actor.live = false;
    actor.stash = [];
    delete actor.marker; // the restart reinstalls the initial behavior (LIF-11)
    // The restarting supervisor reinstalls what it wraps: the layers inside it return, added ones go (SUP-06).
    actor.added = [];
    actor.dropped = (actor.dropped ?? []).filter((i) => i > index);
    const restarting = strategy.kind === 'restart' || strategy.kind === 'backoff' ? strategy : undefined;
    const stopChildren = restarting?.stopChildren !== false;
    if (stopChildren && actor.children.length > 0) {
      this.rules.add('SUP-12');
      const cause = preRestart === null ? [] : [preRestart];
      const finals = this.withCause(cause, ['SUP-12'], () =>
        this.afresh(['SUP-12'], () =>
          [...actor.children].flatMap((child) => {
            if (actor.watching[child] !== undefined) {
              this.rules.add('WATCH-10');
              this.withhold(actor.path, noticeClasses, ['WATCH-10']);
            }
            delete actor.watching[child]; // the restart consumes their notices (WATCH-10)
            return this.stop(child, null);
          }),
        ),
      );
      this.restartAfter.set(actor.uid, finals);
    } else if (!stopChildren && actor.children.length > 0) {
      this.rules.add('SUP-13');
      for (const path of Object.keys(this.state.actors)) {
        if (path.startsWith(`${actor.path}/`)) this.withhold(path, ['PostStop', 'setup'], ['SUP-13']);
      }
    }
    if (actor.phase !== 'restarting') {
      actor.bufferCapacity = restarting?.bufferCapacity ?? defaultRestartBufferCapacity;
    }
    actor.phase = 'restarting';
    if (strategy.kind === 'backoff') {
      this.rules.add('SUP-11');
      this.withhold(actor.path, ['setup'], ['SUP-11']); // not before the delay
      this.state.timers.push({
        due: this.state.now + backoffDelay(strategy.minMs, strategy.maxMs, priorRestarts),
        seq: this.state.seq++,
        path: actor.path,
        uid: actor.uid,
        key: reservedTimerKey,
        body: { kind: 'backoffRestart', layer: index },
      });
      return;
    }
    this.completeRestart(actor, index);
  }

  private completeRestart(actor: ActorModel, index: number): void {
    const strategy = actor.blueprint.supervision[index]!.strategy;
    if (strategy.kind === 'backoff') {
      this.state.timers.push({
        due: this.state.now + backoffResetAfter(strategy),
        seq: this.state.seq++,
        path: actor.path,
        uid: actor.uid,
        key: reservedTimerKey,
        body: { kind: 'backoffReset', layer: index, token: actor.layers[index]!.restartCount },
      });
    }
    actor.phase = 'running';
    const after = this.restartAfter.get(actor.uid) ?? [];
    this.restartAfter.delete(actor.uid);
    if (!this.withCause(after, ['SUP-12'], () => this.runSetup(actor.path, 'restart'))) return;
    const held = actor.buffer.map((d) => ({ ...d, reasons: union(d.reasons ?? [], ['SUP-10']) }));
    actor.buffer = [];
    const lane = this.lanes?.get(actor.uid);
    if (lane === undefined) {
      for (const d of held) this.released.add(d);
      this.queue.unshift(...held);
      return;
    }
    // Racing other actors on timers: the replay is this actor's next work in its lane.
    if (held.length === 0) return;
    this.replays.add(held);
    lane.unshift(held);
  }

  // ---- lifecycle --------------------------------------------------------------------

  private createActor(path: string, parent: string | null, blueprint: ActorBlueprint): ActorModel {
    const actor: ActorModel = {
      path,
      uid: this.state.seq++,
      parent,
      blueprint,
      phase: 'running',
      live: false,
      count: 0,
      countRules: [],
      children: [],
      watching: {},
      unwatched: [],
      watchedIn: {},
      stash: [],
      layers: blueprint.supervision.map(() => ({ restartCount: 0, deadline: null })),
      added: [],
      dropped: [],
      buffer: [],
      bufferCapacity: defaultRestartBufferCapacity,
    };
    this.state.actors[path] = actor;
    if (!this.state.everSpawned.includes(path)) this.state.everSpawned.push(path);
    if (parent !== null) this.state.actors[parent]!.children.push(path);
    return actor;
  }

  /**
   * Runs one setup attempt (LIF-01 at a start, SUP-03 at a restart). Children are spawned and
   * watched first, then set up, so a child that fails to start is already watched. Returns
   * whether the setup succeeded. `startRule` requires a start's setup: LIF-01, or SUP-12 for
   * children re-created because a restart stopped them.
   */
  private runSetup(path: string, mode: 'start' | 'restart', startRule = 'LIF-01'): boolean {
    const actor = this.state.actors[path]!;
    const incarnation = (this.state.incarnations[path] ?? 0) + 1;
    this.state.incarnations[path] = incarnation;
    if (mode === 'start') this.rules.add('LIF-01');
    const setup = this.emit({ kind: 'setup', path, incarnation }, [mode === 'start' ? startRule : 'SUP-03']);
    const armed = this.state.armedSetupFailures[path];
    const failure = armed?.shift();
    if (failure !== undefined) {
      this.rules.add(mode === 'start' ? 'SUP-08' : 'SUP-09');
      this.setupFailed(actor, failure, mode === 'start');
      return false;
    }
    actor.live = true;
    actor.started = true;
    actor.count = 0;
    // A restarted incarnation's counts show that the old state was discarded (SUP-03).
    actor.countRules = mode === 'restart' ? ['SUP-03'] : [];
    actor.stash = [];
    const spawned: string[] = [];
    for (const child of actor.blueprint.children) {
      const cp = childPath(path, child.name);
      if (this.state.actors[cp]) continue; // kept across a restart (SUP-13)
      this.createActor(cp, path, child);
      spawned.push(cp);
      if (actor.blueprint.watchChildren !== 'none') {
        actor.watching[cp] = actor.blueprint.watchChildren;
        this.watchedUid(actor, cp);
      }
    }
    this.withCause([setup], ['LIF-01'], () => {
      for (const cp of spawned) if (this.state.actors[cp]) this.runSetup(cp, 'start', mode === 'restart' ? 'SUP-12' : startRule);
    });
    return true;
  }

  /**
   * Stops the actor at `path` and its subtree: children first (LIF-04), then its `PostStop`
   * (LIF-06 when a failure stops it), then notices to its watchers. Returns the events that
   * close the subtree.
   */
  private stop(path: string, failure: string | null, duringStart = false): number[] {
    const actor = this.state.actors[path];
    if (!actor) return [];
    const topOfCascade = this.currentWave === null;
    if (topOfCascade) this.currentWave = this.state.seq++;
    const wave = this.currentWave!;
    try {
      if (failure !== null) this.rules.add('LIF-06');
      this.cancelTimers(actor, true);
      // Children stop because their parent does (LIF-04), whatever made the parent stop.
      const childFinals = this.afresh(['LIF-04'], () => [...actor.children].flatMap((child) => this.stop(child, null)));
      if (childFinals.length > 0) this.rules.add('LIF-04');
      let finals = childFinals;
      // A marker behavior has no signal handler: it neither reports nor throws at PostStop (LIF-11).
      const marked = actor.live && actor.marker !== undefined;
      const handlerThrows = actor.live && !marked && actor.blueprint.signalHandlerFailure !== undefined;
      if (handlerThrows) this.rules.add('LIF-10');
      if (marked) this.withhold(path, ['PostStop'], ['LIF-11']);
      // Setup never completed: no behavior ran, so none gets PostStop (the first start's SUP-08, a restart's SUP-09).
      if (!actor.live && actor.phase !== 'restarting') this.withhold(path, ['PostStop'], [duringStart ? 'SUP-08' : 'SUP-09']);
      if (!marked && (actor.live || actor.phase === 'restarting')) {
        // An actor waiting for a backoff restart has no active behavior: its PostStop is allowed, not required.
        const postStop = this.withCause(childFinals, ['LIF-04'], () =>
          this.emit({ kind: 'signal', path, signal: 'PostStop' }, failure !== null ? ['LIF-06'] : [], { optional: !actor.live }),
        );
        finals = [postStop];
      }
      delete this.state.actors[path];
      this.withhold(path, ['received'], ['LIF-08'], true); // nothing is processed after stop
      for (const left of actor.stash) this.deadLetter(path, left, finals);
      for (const held of actor.buffer) if (held.body.kind === 'command') this.deadLetter(path, held.body.command, finals, true);
      // Retries of a first start that all failed are still a failure to start (Pekko wraps it too).
      const failedToStart = duringStart || actor.started !== true;
      if (failure !== null) this.state.deaths[path] = { failure, duringStart: failedToStart };
      else delete this.state.deaths[path];
      if (actor.parent !== null) {
        const parent = this.state.actors[actor.parent];
        if (parent) {
          parent.children = parent.children.filter((c) => c !== path);
          if (failure !== null && parent.watching[path] === undefined) {
            this.rules.add('WATCH-08');
            // No notice, and so nothing a notice could set off: a parent that stops or restarts
            // on its unwatched child's failure took the failure up (WATCH-08).
            this.withhold(parent.path, [...noticeClasses, 'PostStop', ...restartClasses], ['WATCH-08']);
          }
        }
      }
      for (const watcher of Object.values(this.state.actors)) {
        if (watcher.unwatched.includes(path)) {
          this.rules.add('WATCH-04'); // it unwatched: no notice may come
          this.withhold(watcher.path, noticeClasses, ['WATCH-04']);
        }
        if (watcher.watching[path] === undefined) continue;
        const toParent = watcher.path === actor.parent;
        // Only the parent learns the cause: a child-failed notice elsewhere breaks WATCH-02.
        if (!toParent && failure !== null) this.withhold(watcher.path, ['childFailed'], ['WATCH-02']);
        this.enqueueNotice({
          to: watcher.path,
          uid: watcher.uid,
          cause: finals,
          wave,
          body: { kind: 'notice', of: path, ofUid: actor.uid, failure: toParent ? failure : null, duringStart: failedToStart },
          // A PostStop handler that throws must not keep the watchers from hearing of the stop.
          ...(handlerThrows ? { reasons: ['LIF-10'] } : {}),
        });
      }
      return finals;
    } finally {
      if (topOfCascade) this.currentWave = null;
    }
  }

  /**
   * Queues a termination notice. A runtime may handle it as a system message, ahead of the
   * messages already waiting for the watcher (Pekko: `DeathWatchNotification`, handled before the
   * next message, `Mailbox.processAllSystemMessages`), or behind them in one mailbox, or, since
   * the watcher runs concurrently with the notice's sender, after any of them. It may overtake an
   * earlier notice too, unless that one's stop happened before its own (system messages keep
   * their order; stops of different actors are concurrent unless one caused the other), but
   * never a restart buffer's replay (Pekko replays it in one go). The same holds among the
   * work left in the lane of an actor whose timers race others' ({@link fireTimers}). Which is a choice point: 0
   * keeps arrival order, `k` puts it ahead of the `k`-th of the messages it may overtake (1:
   * ahead of all, a runtime that handles notices as system messages).
   */
  private enqueueNotice(d: Delivery): void {
    // Racing on timers, an actor with work left in its lane places the notice among that work when it comes to it (see deliver).
    if ((this.lanes?.get(d.uid ?? -1)?.length ?? 0) > 0) {
      this.queue.push(d);
      return;
    }
    // A replay, or a notice of a stop that led to this one, stays ahead.
    const mine = (q: Delivery) => q.to === d.to && (q.uid === null || q.uid === d.uid);
    placeNotice(this.queue, d, (q) => this.released.has(q) || this.noticeStaysBehind(q, d), this.chooser, mine);
  }

  /** Whether `notice` must stay behind `earlier`, a delivery that is no command: system messages whose causes are ordered keep that order. */
  private noticeStaysBehind(earlier: Delivery, notice: Delivery): boolean {
    return earlier.body.kind !== 'command' && this.precedes(earlier.cause, notice.cause);
  }

  /** Whether one of the events `earlier` happens before one of `later` (through the edges recorded so far). */
  private precedes(earlier: readonly number[], later: readonly number[]): boolean {
    return this.out.precedesAny(earlier, later);
  }

  /** Cancels the actor's timers on restart and stop (LIF-07); a stop also drops its internal ones. */
  private cancelTimers(actor: ActorModel, internalToo = false): void {
    const mine = (t: ModelTimer) => t.uid === actor.uid && (internalToo || t.key !== reservedTimerKey);
    const cancelled = this.state.timers.filter((t) => mine(t) && t.key !== reservedTimerKey);
    if (cancelled.length > 0) this.rules.add('LIF-07');
    for (const t of cancelled) this.state.cancelledTimers.push({ path: t.path, due: t.due });
    this.state.timers = this.state.timers.filter((t) => !mine(t));
  }

  private cancelTimer(actor: ActorModel, key: string): void {
    this.state.timers = this.state.timers.filter((t) => t.uid !== actor.uid || t.key !== key);
  }

  // ---- recording ----------------------------------------------------------------------

  private group(path: string): NoticeGroup {
    let group = this.groups.get(path);
    if (!group) {
      group = { wave: null, base: [] };
      this.groups.set(path, group);
    }
    return group;
  }

  /** Runs `body` with events `cause` (and the `rules` that order them) before everything it emits. */
  private withCause<T>(cause: readonly number[], rules: readonly string[], body: () => T): T {
    this.causeStack.push({ events: cause, rules });
    try {
      return body();
    } finally {
      this.causeStack.pop();
    }
  }

  /** Runs `body` in a situation the `rules` govern: they require whatever it emits or withholds. */
  private because<T>(rules: readonly string[], body: () => T): T {
    this.reasons.push(rules);
    try {
      return body();
    } finally {
      this.reasons.pop();
    }
  }

  /** Like {@link because}, but the situation so far does not carry over: `rules` alone govern `body`. */
  private afresh<T>(rules: readonly string[], body: () => T): T {
    const outer = this.reasons.splice(0);
    try {
      return this.because(rules, body);
    } finally {
      this.reasons.splice(0, this.reasons.length, ...outer);
    }
  }

  /**
   * Notes that events of `classes` must not happen at `path`, because of the `own` rules (none:
   * the situation's), together with the situation's when `inherit`.
   */
  private withhold(path: string, classes: readonly string[], own: readonly string[], inherit = false): void {
    const rules = own.length > 0 && !inherit ? own : union(own, this.reasons.flat());
    if (rules.length > 0) this.out.withhold(path, classes, rules);
  }

  /** Adds `rules` to every event emitted since index `start`. */
  private tagSince(start: number, rules: readonly string[]): void {
    this.out.tagSince(start, rules);
  }

  private emit(event: HistoryEvent, own: readonly string[], extra: Omit<ExpectedEvent, 'event' | 'rules'> = {}): number {
    // With the observed history at hand, an order that cannot produce it stops here (the builder's guide).
    return this.out.record(event, { lines: [event.path], causes: this.causeStack, rules: [...own, ...this.reasons.flat()], extra, loose: this.loose });
  }
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}
