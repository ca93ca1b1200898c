/**
 * One actor: its mailbox, its live behavior chain, its children, watches, timers and
 * stashes, and the lifecycle state machine (start, run, restart, stop). A cell is also the
 * actor's {@link ActorRef}: one object per actor keeps idle actors small.
 */
import type { ActorContext } from '../ActorContext.js';
import type { ActorRef } from '../ActorRef.js';
import type { Behavior } from '../Behavior.js';
import type { DropReason } from '../EventStream.js';
import { ActorInitializationError, DuplicateActorNameError, HookTimeoutError, InvalidActorNameError, NotAChildError, WatchConflictError } from '../errors.js';
import { ChildFailed, PostStop, Terminated } from '../Signal.js';
import type { StashBuffer } from '../StashBuffer.js';
import type { BackoffStrategy, RestartStrategy } from '../SupervisorStrategy.js';
import type { TimerScheduler } from '../TimerScheduler.js';
import { ActorContextImpl } from './ActorContextImpl.js';
import { ReceiveBehavior, SAME, StoppedBehavior, type UnstashBehavior } from './behaviors.js';
import type { Runnable } from './Dispatcher.js';
import { DeathNotice, Envelope, MappedMessage, TimerFired } from './envelopes.js';
import type { RuntimeHost } from './RuntimeHost.js';
import {
  deliverLifecycle,
  Failed,
  type InterpreterHost,
  isWithin,
  type Live,
  markStarted,
  next,
  OP_FAIL,
  OP_MESSAGE,
  OP_RESTART,
  OP_SIGNAL,
  startBehavior,
  step,
  type StepResult,
  SupervisorNode,
} from './interpreter.js';
import { Queue } from './Queue.js';
import { StashBufferImpl } from './StashBufferImpl.js';
import { describeValue } from './describeValue.js';
import { isInstanceOf, toError } from './thrownValues.js';
import { TimerSchedulerImpl } from './TimerSchedulerImpl.js';

const NEW = 0;
const RUNNING = 1;
const RESTARTING = 2;
const STOPPING = 3;
const TERMINATED = 4;

/** Watch registration without a custom message (deliver the Terminated signal). */
const WATCH_SIGNAL: unique symbol = Symbol('watch');
type WatchEntry = typeof WATCH_SIGNAL | { readonly message: unknown };

interface RestartInProgress {
  readonly node: SupervisorNode;
  readonly stopChildren: boolean;
  readonly capacity: number;
  readonly buffer: unknown[];
  delayDone: boolean;
  /** The backoff delay's timer; {@link NO_TIMER} when the restart does not wait for a delay. */
  timer: { cancel(): void };
}

/** The timer of a restart without a delay: nothing to cancel. */
class NoTimer {
  cancel(): void {}
}
const NO_TIMER = new NoTimer();

interface UnstashInProgress {
  readonly source: StashBufferImpl<unknown>;
  remaining: number;
  readonly wrap: ((message: unknown) => unknown) | undefined;
}

/** Valid user-chosen child names: non-empty, no `/`, not starting with the reserved `$` (undefined: anonymous). */
function assertValidName(name: string | undefined): void {
  if (name !== undefined && (typeof name !== 'string' || name.length === 0 || name.includes('/') || name.startsWith('$'))) {
    throw new InvalidActorNameError(typeof name === 'string' ? name : describeValue(name));
  }
}

/**
 * An actor: mailbox, live behavior chain, children, watches, timers, stashes and the
 * lifecycle state machine NEW → RUNNING ⇄ RESTARTING → STOPPING → TERMINATED.
 */
export class ActorCell implements ActorRef<unknown>, Runnable, InterpreterHost {
  scheduled = false;
  private state = NEW;
  private behavior: Live | undefined;
  private mailbox: Queue<unknown> | undefined;
  /** Termination notices waiting ahead of the mailbox (only with `systemMessagePriority`). */
  private notices: Queue<unknown> | undefined;
  /** Items at the front of the mailbox that a restart released, to be handled with no notice between them. */
  private replayLeft = 0;
  private ctx: ActorContextImpl | undefined;
  private childCells: Map<string, ActorCell> | undefined;
  private anonymousCounter = 0;
  private watchers: Set<ActorCell> | undefined;
  private watching: Map<ActorCell, WatchEntry> | undefined;
  private timerScheduler: TimerSchedulerImpl<unknown> | undefined;
  private stashes: Set<StashBufferImpl<unknown>> | undefined;
  private restart: RestartInProgress | undefined;
  private unstash: UnstashInProgress | undefined;
  private stopRequested = false;
  // Stryker disable next-line BooleanLiteral: unspecified: whether a first-start failure reaches the parent wrapped in ActorInitializationError; WATCH-02 asks for the original error while Pekko wraps it, so the model accepts both
  private initialStartPending = true;
  private stopCallback: (() => void) | undefined;
  private cachedPath: string | undefined;
  /** Why the actor stopped, if it failed (read by the parent for ChildFailed). */
  failure: Error | undefined;
  busy = false;

  constructor(
    readonly host: RuntimeHost,
    readonly parent: ActorCell | undefined,
    readonly name: string,
    private initialBehavior: Behavior<unknown> | undefined,
  ) {}

  get path(): string {
    return this.cachedPath ?? this.computePath();
  }

  /**
   * Builds the path without recursion (a 100,000-deep tree must not overflow the stack) and
   * caches it on every ancestor on the way, so reading paths up a chain costs O(1) a level.
   */
  private computePath(): string {
    const uncached: ActorCell[] = [];
    let cell: ActorCell | undefined = this;
    while (cell !== undefined && cell.cachedPath === undefined) {
      uncached.push(cell);
      cell = cell.parent;
    }
    // Stryker disable next-line StringLiteral: unspecified: how the guardian's path renders (every other path only extends it); no rule speaks of paths
    let path = cell?.cachedPath ?? '';
    for (let i = uncached.length - 1; i >= 0; i--) {
      const uncachedCell = uncached[i] as ActorCell;
      // One string per level that shares its parent's (a rope), not a copy of it.
      path += `/${uncachedCell.name}`;
      uncachedCell.cachedPath = path;
    }
    return path;
  }

  /** Whether the actor has fully terminated (an ask of it fails at once, as in Akka). */
  get isTerminated(): boolean {
    return this.state === TERMINATED;
  }

  get context(): ActorContext<unknown> {
    return (this.ctx ??= new ActorContextImpl(this));
  }

  // Stryker disable next-line BlockStatement: unspecified: how a ref renders as text (logs, error messages); no rule says
  toString(): string {
    // Stryker disable next-line StringLiteral: unspecified: how a ref renders as text (logs, error messages); no rule says
    return `Actor[${this.path}]`;
  }

  // ---- messaging -------------------------------------------------------------------------

  tell(message: unknown): void {
    if (this.state === TERMINATED) {
      this.deadLetter(message);
      return;
    }
    (this.mailbox ??= new Queue<unknown>()).push(message);
    this.host.dispatcher.schedule(this); // idempotent: a scheduled cell is not queued twice
  }

  /** Asks the actor to stop; it finishes what it is doing first (a pending async hook included). */
  requestStop(): void {
    // Asking again is harmless: run() heeds the request only before the stop began, and schedule() is idempotent.
    this.stopRequested = true;
    this.host.dispatcher.schedule(this);
  }

  run(throughput: number): boolean {
    // No early exit is needed while busy or terminated: every branch below waits for !busy, a
    // terminated cell has no behavior, mail or restart, and needsRun() then answers false.
    if (this.state === NEW) this.startIncarnation();
    if (this.state === RESTARTING && !this.busy) {
      // Only a restart that has to wait buffers mail; a ready one proceeds with the mailbox as is.
      if (this.restartReady()) this.completeRestart();
      else this.bufferDuringRestart();
    }
    if (this.state === STOPPING && !this.busy) {
      // Stryker disable next-line OptionalChaining: equivalent: a cell idle in STOPPING had children when its stop began (beginStop finishes at once otherwise), and the map is never dropped
      if (!this.childCells?.size) this.finishStop();
    } else if (this.stopRequested && this.state < STOPPING && !this.busy) {
      this.beginStop(undefined, undefined);
    } else {
      let i = 0;
      const root = this.behavior;
      const mailbox = this.mailbox;
      // Stryker disable next-line BlockStatement: equivalent: the fast path is an optimisation; without it the general loop below handles the same items in the same order
      if (root instanceof ReceiveBehavior && root.messageOnly !== undefined && mailbox !== undefined && this.unstash === undefined && this.replayLeft === 0 && !this.noticePending()) {
        i = this.runPlainMessages(root.messageOnly, mailbox, throughput);
      }
      // Stryker disable next-line LogicalOperator,UpdateOperator: unspecified: these only lift the per-turn limit (busy is checked again in the body); how long one actor holds the dispatcher before others run is fairness, which no rule covers
      for (; i < throughput && !this.busy && !this.stopRequested; i++) {
        // Stryker disable next-line EqualityOperator: equivalent: restartReady() is false outside a restart, and a ready restart skipped here completes at the start of the next turn
        if (this.state === RESTARTING && this.restartReady()) this.completeRestart();
        if (this.state !== RUNNING || this.busy) break;
        const unstash = this.unstash;
        if (unstash) {
          if (unstash.remaining <= 0 || unstash.source.isEmpty) {
            this.unstash = undefined;
            continue;
          }
          unstash.remaining--;
          const message = unstash.source.take();
          this.process(unstash.wrap ? unstash.wrap(message) : message);
        } else if (this.replayLeft === 0 && this.noticePending()) {
          // A notice goes ahead of the next message, never into a restart's replay (Pekko's system messages).
          this.process((this.notices as Queue<unknown>).shift());
        } else {
          const mailbox = this.mailbox;
          if (!mailbox || mailbox.size === 0) break;
          if (this.replayLeft > 0) this.replayLeft--;
          this.process(mailbox.shift());
        }
      }
    }
    return this.needsRun();
  }

  /**
   * The hot loop for the common case (an unsupervised `receiveMessage` and plain messages):
   * no per-message allocation and no interpreter walk. Stops at the first envelope, behavior
   * change, failure or state change and returns how many items it consumed; the general
   * loop carries on from there.
   */
  private runPlainMessages(handler: (message: unknown) => unknown, mailbox: Queue<unknown>, throughput: number): number {
    let i = 0;
    while (
      // Stryker disable next-line ConditionalExpression,EqualityOperator: unspecified: the per-turn limit only decides how long one actor holds the dispatcher (fairness, no rule), and a fast path that stops at once hands the mail to the general loop
      i < throughput &&
      mailbox.size > 0
    ) {
      const item = mailbox.shift();
      // Stryker disable next-line UpdateOperator: unspecified: only lifts the per-turn limit; how long one actor holds the dispatcher before others run is fairness, which no rule covers
      i++;
      if (Envelope.is(item)) {
        this.process(item);
        break;
      }
      // Set when the handler threw or returned anything but SAME: this turn's fast path ends there.
      let result: StepResult | undefined;
      try {
        const returned = handler(item);
        if (returned !== SAME) result = next(this, returned as Behavior<unknown>, item);
      } catch (thrown) {
        result = new Failed(toError(thrown));
      }
      if (result !== undefined) {
        this.applyRootResult(result);
        break;
      }
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: neither changes while a plain receive root handles a plain message (busy needs a fromActor hook, stops are requested by other actors); a break only hands the rest to the general loop
      if (this.stopRequested || this.busy || this.noticePending()) break;
    }
    return i;
  }

  private needsRun(): boolean {
    if (this.busy) return false;
    // Never asked in NEW: run() always starts a new cell first.
    switch (this.state) {
      case RUNNING:
        return this.stopRequested || this.unstash !== undefined || this.noticePending() || (this.mailbox !== undefined && this.mailbox.size > 0);
      case RESTARTING:
        return this.stopRequested || this.restartReady() || this.noticePending() || (this.mailbox !== undefined && this.mailbox.size > 0);
      // Stryker disable next-line ConditionalExpression: equivalent: a turn ends in STOPPING only while children remain (beginStop finishes a childless stop at once), so this answers false like the default
      case STOPPING:
        // Stryker disable next-line BooleanLiteral,OptionalChaining: equivalent: reached only while children remain (see above): the map exists, and a true answer only adds idle turns until the last child's termination reschedules it
        return !this.childCells?.size;
      // Stryker disable next-line ConditionalExpression: equivalent: without its return the switch falls out with undefined, which the dispatcher reads as false
      default:
        return false;
    }
  }

  /** Runs one mailbox item through the behavior chain. */
  private process(item: unknown): void {
    const root = this.behavior;
    // Stryker disable next-line BlockStatement: equivalent: the hot path is an optimisation; without it the general path below hands a plain message to a receive root the same way
    if (root instanceof ReceiveBehavior && !Envelope.is(item)) {
      // Hot path: an unsupervised receive behavior and a plain message.
      let result: StepResult;
      try {
        // next() answers SAME at once for SAME, which applyRootResult ignores.
        result = next(this, root.onMessage(this.context, item), item);
      } catch (thrown) {
        result = new Failed(toError(thrown));
      }
      this.applyRootResult(result);
      return;
    }
    let op: typeof OP_MESSAGE | typeof OP_SIGNAL = OP_MESSAGE;
    let payload = item;
    // A user message may be a Proxy whose traps throw: instanceof only once it is known to be ours.
    const envelope = Envelope.is(item);
    if (envelope && item instanceof TimerFired) {
      // Stryker disable next-line OptionalChaining: equivalent: a TimerFired only comes from this actor's scheduler, which is never dropped
      if (!this.timerScheduler?.accept(item)) return;
      payload = item.message;
    } else if (envelope && item instanceof DeathNotice) {
      const resolved = this.resolveDeathNotice(item);
      if (resolved === undefined) return;
      if (resolved instanceof Terminated) {
        op = OP_SIGNAL;
        payload = resolved;
      } else {
        payload = resolved.message;
      }
    }
    this.walk(op, payload);
  }

  private walk(op: typeof OP_MESSAGE | typeof OP_SIGNAL | typeof OP_FAIL | typeof OP_RESTART, arg: unknown): void {
    // Never without a behavior: process() runs while RUNNING, completeRestart() while RESTARTING,
    // and failAtLeaf() ends a hook that kept the actor busy, so it cannot have stopped meanwhile.
    const root = this.behavior as Live;
    let result: StepResult;
    try {
      result = step(this, root, op, arg);
    } catch (thrown) {
      result = new Failed(toError(thrown)); // no supervisor matched: the typed default is stop (SUP-01)
    }
    this.applyRootResult(result);
  }

  private applyRootResult(result: StepResult | Live): void {
    if (result === SAME) return;
    if (result instanceof Failed) this.failWith(result.cause);
    else if (result instanceof StoppedBehavior) this.beginStop(undefined, result.postStop);
    else this.behavior = result as Live;
  }

  // ---- start ----------------------------------------------------------------------------

  private startIncarnation(): void {
    this.state = RUNNING;
    const initial = this.initialBehavior as Behavior<unknown>; // given to the constructor; a cell is NEW only once
    this.initialBehavior = undefined; // restarts re-run supervised parts, never the whole initial behavior
    let result: Live | StoppedBehavior<unknown> | Failed;
    try {
      result = startBehavior(this, initial, undefined);
    } catch (thrown) {
      result = new Failed(toError(thrown));
    }
    if (result instanceof StoppedBehavior || result instanceof Failed) {
      this.applyRootResult(result);
      return;
    }
    this.behavior = result;
    // Stryker disable next-line LogicalOperator: unspecified: clearing too early only leaves a first-start failure unwrapped (no ActorInitializationError); WATCH-02 asks for the original error while Pekko wraps it, so the model accepts both
    if (!this.busy && this.state === RUNNING) this.initialStartPending = false;
  }

  asyncStartCompleted(): void {
    markStarted(this.behavior);
    this.initialStartPending = false;
  }

  failAtLeaf(error: Error): void {
    this.walk(OP_FAIL, error);
  }

  // ---- async hooks ------------------------------------------------------------------------

  awaitStep(pending: PromiseLike<void>, onDone: () => void, onError: (error: Error) => void, limit?: { hook: string; timeoutMs: number }): void {
    this.busy = true;
    const dispatcher = this.host.dispatcher;
    dispatcher.asyncStepStarted();
    let settled = false;
    const timer = limit
      ? this.host.clock.setTimer(limit.timeoutMs, () => finish(() => onError(new HookTimeoutError(this.path, limit.hook, limit.timeoutMs))))
      : undefined;
    // Whichever comes first, the hook or its time limit, decides; the other is ignored.
    const finish = (continuation: () => void): void => {
      if (settled) return;
      settled = true;
      timer?.cancel();
      this.busy = false;
      try {
        continuation();
      } finally {
        dispatcher.schedule(this);
        dispatcher.asyncStepEnded();
      }
    };
    // Never an exception out of here, which would leave this actor busy forever: Promise.resolve
    // turns a thenable whose `then` throws into a rejection, and the catch a promise whose
    // `constructor` getter throws.
    let settles: Promise<void>;
    try {
      settles = Promise.resolve(pending);
    } catch (thrown) {
      settles = Promise.reject(thrown);
    }
    settles.then(
      () => finish(onDone),
      (thrown: unknown) => finish(() => onError(toError(thrown))),
    );
  }

  // ---- restart ----------------------------------------------------------------------------

  beginRestart(node: SupervisorNode, strategy: RestartStrategy | BackoffStrategy, delayMs: number): void {
    this.state = RESTARTING;
    const restart: RestartInProgress = {
      node,
      stopChildren: strategy.stopChildren,
      capacity: strategy.stashCapacity,
      buffer: this.restart?.buffer ?? [],
      delayDone: delayMs <= 0,
      timer: NO_TIMER,
    };
    this.restart = restart;
    this.unstash = undefined;
    this.replayLeft = 0;
    this.timerScheduler?.cancelAll(); // LIF-07
    if (strategy.stopChildren && this.childCells) {
      for (const child of this.childrenInStopOrder()) {
        this.unwatch(child); // WATCH-10: their termination notices must not reach the new incarnation
        child.requestStop();
      }
    }
    if (delayMs > 0) {
      restart.timer = this.host.clock.setTimer(delayMs, () => {
        restart.delayDone = true;
        this.host.dispatcher.schedule(this); // a run after a superseded restart finds nothing to do
      });
    }
  }

  /** Only asked while RESTARTING, when a restart is in progress. */
  private restartReady(): boolean {
    const restart = this.restart as RestartInProgress;
    return restart.delayDone && (!restart.stopChildren || !this.childCells?.size);
  }

  /** SUP-10: while restarting, messages and signals wait in a bounded buffer, in arrival order. */
  private bufferDuringRestart(): void {
    const restart = this.restart as RestartInProgress; // called while RESTARTING only
    // Notices that were waiting ahead of the mailbox keep their place in the buffer.
    for (const queue of [this.notices, this.mailbox]) {
      while (queue !== undefined && queue.size > 0) {
        const item = queue.shift();
        if (restart.buffer.length < restart.capacity) restart.buffer.push(item);
        else this.publishDropped(item, 'restart-buffer-full');
      }
    }
  }

  /** Called once {@link restartReady} said yes. */
  private completeRestart(): void {
    const restart = this.restart as RestartInProgress;
    this.restart = undefined;
    this.state = RUNNING;
    this.pruneStashes(restart.node);
    // The buffer holds items taken from the mailbox or, with system-message priority, the notice
    // queue: a cell that never had mail has no mailbox yet.
    if (restart.buffer.length > 0) (this.mailbox ??= new Queue<unknown>()).prependAll(restart.buffer);
    // Pekko replays the buffer in one go (unstashAll): no notice comes between its items.
    this.replayLeft = restart.buffer.length;
    this.walk(OP_RESTART, restart.node);
    // A first start that failed and was retried counts as started once a retry succeeded.
    // Stryker disable next-line LogicalOperator: unspecified: clearing too early only leaves a first-start failure unwrapped (no ActorInitializationError); WATCH-02 asks for the original error while Pekko wraps it, so the model accepts both
    if (!this.busy && this.state === RUNNING) this.initialStartPending = false;
  }

  /** A stash created by the restarted part of the behavior is gone with it (STASH-05). */
  private pruneStashes(node: SupervisorNode): void {
    if (!this.stashes) return;
    for (const stash of this.stashes) {
      if (stash.owner instanceof SupervisorNode && isWithin(stash.owner, node)) this.stashes.delete(stash);
    }
  }

  // ---- stop -------------------------------------------------------------------------------

  private failWith(cause: Error): void {
    const reported = this.initialStartPending ? new ActorInitializationError(this.path, cause) : cause;
    this.logError('actor failed and stops', cause);
    this.beginStop(reported, undefined);
  }

  /**
   * Called once, before the stop began: run() checks the state before heeding a stop request,
   * and a behavior's result (stopped or failed) is only applied while running or (re)starting.
   */
  private beginStop(failure: Error | undefined, callback: (() => void) | undefined): void {
    this.state = STOPPING;
    this.failure = failure;
    this.stopCallback = callback;
    this.unstash = undefined;
    this.replayLeft = 0;
    const restart = this.restart;
    if (restart) {
      this.restart = undefined;
      restart.timer.cancel();
      this.mailbox?.prependAll(restart.buffer); // LIF-08: dead-lettered with the rest of the mailbox
    }
    this.timerScheduler?.cancelAll(); // LIF-07
    if (this.childCells?.size) {
      // LIF-04: children stop first; the last one to terminate reschedules this actor.
      for (const child of this.childrenInStopOrder()) child.requestStop();
      // Stryker reads a directive from a block's own leading comment, hence its place after `else` (and after `catch` below).
    } else /* Stryker disable next-line BlockStatement: unspecified: without it a childless actor finishes its stop at its next turn (needsRun() asks for one) instead of now; only the interleaving with other actors' turns changes, which no rule orders */ {
      this.finishStop();
    }
  }

  /** Called once, when a STOPPING actor has no children left (an async PostStop keeps it busy meanwhile). */
  private finishStop(): void {
    const pending = this.behavior ? deliverLifecycle(this, this.behavior, PostStop) : undefined;
    if (pending) {
      this.awaitStep(pending, () => this.afterPostStop(), (error) => {
        this.logError('error in async postStop', error);
        this.afterPostStop();
      });
    } else {
      this.afterPostStop();
    }
  }

  private afterPostStop(): void {
    const callback = this.stopCallback;
    this.stopCallback = undefined;
    if (callback) {
      try {
        callback(); // LIF-03: after the PostStop signal
      } catch (error) /* Stryker disable next-line BlockStatement: unspecified: only whether an error thrown by the stopped() callback is logged; LIF-10 covers PreRestart/PostStop handlers, no rule covers the callback */ {
        this.logError('error in stopped() callback', error);
      }
    }
    this.terminate();
  }

  private terminate(): void {
    this.state = TERMINATED;
    this.behavior = undefined;
    // HOOK-09: watchers hear about it after PostStop; our own watches are released.
    const watchers = this.watchers;
    this.watchers = undefined;
    if (watchers) for (const watcher of watchers) watcher.deathNotice(this);
    const watching = this.watching;
    this.watching = undefined;
    // Stryker disable next-line ArrayDeclaration: equivalent: iterating a made-up entry when this actor watched nothing only reads a `watchers` it does not have
    for (const target of watching?.keys() ?? []) target.watchers?.delete(this);
    this.deadLetterLeftovers();
    if (this.parent) this.parent.childTerminated(this);
    else this.host.guardianTerminated();
  }

  /** The children in the order a stop or restart asks them to stop (`childStopOrder`). */
  private childrenInStopOrder(): Iterable<ActorCell> {
    const children = (this.childCells as Map<string, ActorCell>).values();
    return this.host.reverseChildStops ? [...children].reverse() : children;
  }

  private noticePending(): boolean {
    return this.notices !== undefined && this.notices.size > 0;
  }

  /** LIF-08: what was never processed goes to dead letters. */
  private deadLetterLeftovers(): void {
    this.notices = undefined; // notices vanish with their watcher
    const mailbox = this.mailbox;
    this.mailbox = undefined;
    if (mailbox) {
      while (mailbox.size > 0) this.deadLetter(mailbox.shift());
    }
    const stashes = this.stashes;
    this.stashes = undefined;
    if (stashes) for (const stash of stashes) for (const message of stash.drain()) this.host.deadLetter(message, this.path);
  }

  /** Publishes an undeliverable item as the user would see it; death notices just vanish. */
  private deadLetter(item: unknown): void {
    if (Envelope.is(item) && item instanceof DeathNotice) return;
    this.host.deadLetter(visibleMessage(item), this.path);
  }

  private childTerminated(child: ActorCell): void {
    // Only children call this, and a name is only reused once its child is removed: the entry is this child's.
    (this.childCells as Map<string, ActorCell>).delete(child.name);
    this.host.dispatcher.schedule(this); // a stopping or restarting parent may have waited for it; a running one runs idle
  }

  // ---- watch ------------------------------------------------------------------------------

  /** A stopping or terminated watcher never handles it: its leftovers are dead-lettered, where notices vanish. */
  private deathNotice(target: ActorCell): void {
    // With system-message priority a running actor takes it before its next message; a restarting
    // one buffers it with its mail (SUP-10), a stopping one drops it with its mail.
    if (this.host.systemMessagePriority && this.state === RUNNING) {
      (this.notices ??= new Queue<unknown>()).push(new DeathNotice(target));
      this.host.dispatcher.schedule(this);
      return;
    }
    this.tell(new DeathNotice(target));
  }

  /** The signal or watchWith message for a notice, or undefined if the watch was revoked (WATCH-04). */
  private resolveDeathNotice(notice: DeathNotice): Terminated | { readonly message: unknown } | undefined {
    const target = notice.target as ActorCell;
    const watching = this.watching as Map<ActorCell, WatchEntry>; // a notice only comes from a target this actor watched
    const entry = watching.get(target);
    watching.delete(target);
    if (entry !== WATCH_SIGNAL) return entry; // undefined when revoked
    // WATCH-02: only the parent learns the cause.
    return target.parent === this && target.failure ? new ChildFailed(target, target.failure) : new Terminated(target);
  }

  watch(target: ActorRef<never>, message?: { readonly message: unknown }): void {
    const cell = asCell(target);
    if (cell === this) return;
    const watching = (this.watching ??= new Map());
    const existing = watching.get(cell);
    if (existing !== undefined) {
      const same = message === undefined ? existing === WATCH_SIGNAL : existing !== WATCH_SIGNAL && Object.is(existing.message, message.message);
      if (same) return; // WATCH-01 / WATCH-05: idempotent
      throw new WatchConflictError(cell.path);
    }
    watching.set(cell, message ?? WATCH_SIGNAL);
    if (cell.state === TERMINATED) this.deathNotice(cell); // WATCH-03
    else (cell.watchers ??= new Set()).add(this);
  }

  unwatch(target: ActorRef<never>): void {
    const cell = asCell(target);
    this.watching?.delete(cell);
    cell.watchers?.delete(this);
  }

  // ---- children ---------------------------------------------------------------------------

  /** Spawns a child under `name`, or under a fresh `$`-name when `name` is undefined (anonymous). */
  spawnChild(behavior: Behavior<unknown>, name: string | undefined): ActorCell {
    assertValidName(name);
    const childName = name ?? this.anonymousName();
    const children = (this.childCells ??= new Map());
    if (children.has(childName)) throw new DuplicateActorNameError(childName, this.path);
    const child = new ActorCell(this.host, this, childName, behavior);
    children.set(childName, child);
    this.host.dispatcher.schedule(child); // LIF-01: started eagerly, without waiting for a message
    if (this.state >= STOPPING) child.requestStop();
    return child;
  }

  stopChild(target: ActorRef<never>): void {
    const cell = isInstanceOf(target, ActorCell) ? target : undefined;
    // LIF-09: only own children; stopping an already stopped child is a no-op.
    if (!cell || cell.parent !== this) throw new NotAChildError(target.path, this.path);
    cell.requestStop();
  }

  // Stryker disable next-line BlockStatement: unspecified: listing the children (ActorContext.children); no rule reads the list
  get children(): ReadonlyArray<ActorCell> {
    // Stryker disable next-line ArrayDeclaration: unspecified: listing the children (ActorContext.children); no rule reads the list
    return this.childCells ? [...this.childCells.values()] : [];
  }

  // A name no user may choose (theirs may not start with `$`), unique among this actor's children.
  // Stryker disable next-line BlockStatement: unspecified: the names of anonymous children (spawnAnonymous); no rule covers anonymous spawning
  private anonymousName(): string {
    // Stryker disable next-line StringLiteral,UpdateOperator: unspecified: the names of anonymous children (spawnAnonymous); no rule covers anonymous spawning
    return `$${(this.anonymousCounter++).toString(36)}`;
  }

  child(name: string): ActorCell | undefined {
    return this.childCells?.get(name);
  }

  // ---- services for the interpreter ---------------------------------------------------------

  now(): number {
    return this.host.clock.now();
  }

  random(): number {
    return this.host.random();
  }

  createStash(capacity: number, owner: SupervisorNode | undefined): StashBuffer<unknown> {
    const stash = new StashBufferImpl<unknown>(capacity, owner);
    (this.stashes ??= new Set()).add(stash);
    return stash;
  }

  timers(): TimerScheduler<unknown> {
    return (this.timerScheduler ??= new TimerSchedulerImpl<unknown>(this.host.clock, this));
  }

  beginUnstash(unstash: UnstashBehavior<unknown>): void {
    this.unstash = { source: unstash.source as StashBufferImpl<unknown>, remaining: unstash.count, wrap: unstash.wrap };
  }

  cancelUnstash(): void {
    this.unstash = undefined;
  }

  // Stryker disable next-line BlockStatement: unspecified: publishing UnhandledMessage; no rule requires it (STASH-04 only says one left unhandled while unstashing is treated like any other)
  unhandledMessage(message: unknown): void {
    // Stryker disable next-line ObjectLiteral,StringLiteral: unspecified: the UnhandledMessage event's shape; no rule requires publishing it
    this.host.eventStream.publish({ type: 'UnhandledMessage', message, recipient: this.path });
  }

  logError(message: string, error: unknown): void {
    this.host.eventStream.publish({ type: 'Log', level: 'error', source: this.path, message, data: error });
  }

  /** Publishes a discarded item as the user would have received it (a revoked death notice is no loss). */
  private publishDropped(item: unknown, reason: DropReason): void {
    let message: unknown;
    if (Envelope.is(item) && item instanceof DeathNotice) {
      const resolved = this.resolveDeathNotice(item);
      if (resolved === undefined) return;
      message = resolved instanceof Terminated ? resolved : resolved.message;
    } else {
      message = visibleMessage(item);
    }
    this.host.eventStream.publish({ type: 'Dropped', message, recipient: this.path, reason });
  }
}

/** The message a mailbox item stands for: internal envelopes unwrapped. */
function visibleMessage(item: unknown): unknown {
  if (!Envelope.is(item)) return item; // a user message, possibly a Proxy no instanceof may touch
  return item instanceof TimerFired ? item.message : item instanceof MappedMessage ? item.original : item;
}

function asCell(ref: ActorRef<never>): ActorCell {
  if (isInstanceOf(ref, ActorCell)) return ref;
  let path: unknown;
  try {
    path = ref?.path;
  } catch {
    // A hostile ref: the error below names it as best it can.
  }
  throw new TypeError(`${describeValue(path)} is not an actor of this runtime and cannot be watched`);
}
