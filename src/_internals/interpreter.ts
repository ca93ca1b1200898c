/**
 * The behavior interpreter: turns behavior values into a *live chain* (supervisor nodes
 * wrapping a leaf) and walks it for every message, signal, async failure and restart.
 *
 * Every walk passes through each supervisor node on the way to the leaf inside a
 * try/catch, so a failure is decided by the innermost node whose error class matches
 * (SUP-04/05) and everything a leaf does (handlers, signal handlers, pipe mappings, setups
 * of returned behaviors) is supervised alike (SUP-14).
 */
import type { Actor } from '../Actor.js';
import type { ActorContext } from '../ActorContext.js';
import type { Behavior } from '../Behavior.js';
import { DeathPactError, InvalidBehaviorError, type HookTimeoutError } from '../errors.js';
import { PostStop, PreRestart, Terminated } from '../Signal.js';
import type { BackoffStrategy, RestartStrategy } from '../SupervisorStrategy.js';
import {
  FromActorBehavior,
  IGNORE,
  MarkerBehavior,
  ReceiveBehavior,
  SAME,
  SetupBehavior,
  StoppedBehavior,
  SupervisedBehavior,
  UNHANDLED,
  UnstashBehavior,
  WithStashBehavior,
  WithTimersBehavior,
} from './behaviors.js';
import { describeValue } from './describeValue.js';
import { Envelope, MappedMessage } from './envelopes.js';
import { isInstanceOf, toError } from './thrownValues.js';

/** A started GoAkt-style actor object. */
export class ActorLeaf {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'actorLeaf';
  constructor(readonly actor: Actor<unknown>) {}
}

/** A live supervisor: the strategy's bookkeeping plus the current inner behavior. */
export class SupervisorNode {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'supervisorNode';
  current: Live = IGNORE;
  /** False until the first start of `spec.inner` completed (SUP-08 start-failure rules). */
  started = false;
  restartCount = 0;
  /** End of the restart-limit window; none open before the first counted restart. */
  windowDeadline = Number.NEGATIVE_INFINITY;
  /** When the last restart re-ran the setup, successful or not (backoff reset, SUP-11). */
  lastRestartAt = Number.NEGATIVE_INFINITY;
  constructor(
    readonly spec: SupervisedBehavior<unknown>,
    /** The enclosing node whose (re)start created this one. */
    readonly parentNode: SupervisorNode | undefined,
  ) {}
}

/** A started behavior: what an actor holds between messages. */
export type Live = ReceiveBehavior<unknown> | MarkerBehavior<unknown> | ActorLeaf | SupervisorNode;

/** The actor stops because of `cause` (a stop decision, or no matching supervisor). */
export class Failed {
  constructor(readonly cause: Error) {}
}

/** Outcome of a walk: keep (`SAME`), a new live chain, a voluntary stop, or a failure stop. */
export type StepResult = typeof SAME | Live | StoppedBehavior<unknown> | Failed;

/** What the interpreter needs from the actor it runs in. */
export interface InterpreterHost {
  readonly context: ActorContext<unknown>;
  /** True while an async hook of this actor is pending. */
  readonly busy: boolean;
  now(): number;
  random(): number;
  createStash(capacity: number, owner: SupervisorNode | undefined): import('../StashBuffer.js').StashBuffer<unknown>;
  timers(): import('../TimerScheduler.js').TimerScheduler<unknown>;
  beginUnstash(unstash: UnstashBehavior<unknown>): void;
  cancelUnstash(): void;
  unhandledMessage(message: unknown): void;
  logError(message: string, error: unknown): void;
  /** Waits for an async hook; `onError` receives its rejection or a {@link HookTimeoutError}. */
  awaitStep(step: PromiseLike<void>, onDone: () => void, onError: (error: Error) => void, limit?: { hook: string; timeoutMs: number }): void;
  asyncStartCompleted(): void;
  failAtLeaf(error: Error): void;
  beginRestart(node: SupervisorNode, strategy: RestartStrategy | BackoffStrategy, delayMs: number): void;
}

/** Walk operations of {@link step}: deliver a message, deliver a signal, fail at the leaf, complete a restart. */
export const OP_MESSAGE = 0;

/**
 * The innermost supervisor node of the walk in progress: behaviors a handler returns are
 * started as part of it (their stashes and nested supervisors go when it restarts).
 */
let currentNode: SupervisorNode | undefined;
/** See {@link OP_MESSAGE}. */
export const OP_SIGNAL = 1;
/** See {@link OP_MESSAGE}. */
export const OP_FAIL = 2;
/** See {@link OP_MESSAGE}. */
export const OP_RESTART = 3;
type Op = typeof OP_MESSAGE | typeof OP_SIGNAL | typeof OP_FAIL | typeof OP_RESTART;

/** Whether a hook returned a promise (any thenable, as `await` would take it) rather than nothing. */
function isThenable(value: unknown): value is PromiseLike<void> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * Starts `behavior`: runs setups (and their stash/timer variants), creates supervisor
 * nodes, instantiates object actors. Throws what a setup throws outside any node created here.
 */
export function startBehavior(host: InterpreterHost, behavior: Behavior<unknown>, owner: SupervisorNode | undefined): Live | StoppedBehavior<unknown> | Failed {
  let b = behavior;
  for (;;) {
    if (b instanceof ReceiveBehavior) return b;
    if (b instanceof SetupBehavior) b = b.factory(host.context);
    else if (b instanceof SupervisedBehavior) return startNode(host, new SupervisorNode(b, owner));
    else if (b instanceof StoppedBehavior) return b;
    else if (b instanceof WithStashBehavior) b = b.factory(host.createStash(b.capacity, owner));
    else if (b instanceof WithTimersBehavior) b = b.factory(host.timers());
    else if (b instanceof UnstashBehavior) {
      host.beginUnstash(b);
      b = b.behavior;
    } else if (b instanceof FromActorBehavior) return startActor(host, b.factory(), b.options.preStartTimeoutMs);
    else {
      // Of the markers only empty and ignore can be installed (LIF-11); same, unhandled and non-behaviors are misuse.
      if (!(b instanceof MarkerBehavior && (b.kind === 'empty' || b.kind === 'ignore'))) {
        throw new InvalidBehaviorError(b instanceof MarkerBehavior ? `Behaviors.${b.kind}() cannot be used as a starting behavior` : `not a behavior of this runtime: ${describeValue(b)}`);
      }
      return b;
    }
    if (b === undefined || b === null) throw new InvalidBehaviorError('a setup factory returned no behavior');
  }
}

function startActor(host: InterpreterHost, actor: Actor<unknown>, timeoutMs: number | undefined): ActorLeaf {
  const leaf = new ActorLeaf(actor);
  if (actor.preStart) {
    const pending = actor.preStart(host.context);
    // HOOK-01: nothing is processed until preStart completed; a rejection is a start failure (HOOK-02).
    if (isThenable(pending)) {
      // Stryker disable next-line StringLiteral: unspecified: the hook name a HookTimeoutError carries (its text and a field); HOOK-02 says only that such a start fails
      host.awaitStep(pending, () => host.asyncStartCompleted(), (error) => host.failAtLeaf(error), timeoutMs === undefined ? undefined : { hook: 'preStart', timeoutMs });
    }
  }
  return leaf;
}

function startNode(host: InterpreterHost, node: SupervisorNode): Live | StoppedBehavior<unknown> | Failed {
  // SAME (a restart began) needs nothing more: the failure handling marked the node started.
  const outcome = startInner(host, node);
  if (outcome instanceof StoppedBehavior || outcome instanceof Failed) return outcome;
  if (!host.busy) node.started = true;
  return node;
}

/**
 * Starts the supervised behavior of `node` under its own supervision (a failing setup is
 * decided by `node` first) and installs it. Returns `SAME` when the node stays (its failure was
 * resumed or a restart began), the node itself once installed, or a stop.
 */
function startInner(host: InterpreterHost, node: SupervisorNode): StepResult {
  let started: Live | StoppedBehavior<unknown> | Failed;
  try {
    started = startBehavior(host, node.spec.inner, node);
  } catch (thrown) {
    const error = toError(thrown);
    if (!matches(node, error)) throw error;
    return handleFailure(host, node, error); // SUP-08 on a first start, SUP-09 on a restart
  }
  if (started instanceof StoppedBehavior || started instanceof Failed) return started;
  node.current = started;
  return node;
}

/** Marks every node of the chain as started (an async preStart completed). */
export function markStarted(live: Live | undefined): void {
  for (let l = live; l instanceof SupervisorNode; l = l.current) l.started = true;
}

function matches(node: SupervisorNode, error: Error): boolean {
  const errorClass = node.spec.errorClass;
  // A class whose Symbol.hasInstance throws, or an error with a hostile prototype chain, matches nothing.
  return errorClass === undefined || isInstanceOf(error, errorClass);
}

/**
 * The supervisor's decision for `error` (which matched its class). Returns `SAME` when the
 * node stays (resume, or a restart that is now in progress), `Failed` to stop the actor,
 * or throws to let an enclosing supervisor decide.
 */
function handleFailure(host: InterpreterHost, node: SupervisorNode, error: Error): StepResult {
  host.cancelUnstash(); // STASH-05: what was not unstashed yet stays in the stash
  const strategy = node.spec.strategy;
  const firstStart = !node.started;
  let delayMs = 0;
  switch (strategy.kind) {
    case 'stop':
      return new Failed(error);
    case 'resume':
      // SUP-08: there is no state to resume with when the very first start failed.
      return firstStart ? new Failed(error) : SAME;
    case 'restart': {
      // SUP-08: an unlimited restart of a failing first start would loop forever.
      if (firstStart && !strategy.isLimited) throw error;
      if (strategy.isLimited) {
        const now = host.now();
        // SUP-07: the window opens at the first counted restart and closes withinMs later.
        if (now >= node.windowDeadline) {
          node.windowDeadline = now + strategy.withinMs;
          node.restartCount = 1;
        } else {
          node.restartCount++;
        }
        // Over the limit this supervisor gives up: the enclosing one decides (none: the actor stops), as Pekko rethrows.
        if (node.restartCount > strategy.maxRestarts) throw error;
      }
      break;
    }
    case 'backoff': {
      const now = host.now();
      // A setup failing during the restart is no fault-free time: only time since the attempt resets.
      if (now - node.lastRestartAt >= strategy.resetBackoffAfterMs) node.restartCount = 0;
      if (strategy.maxRestarts >= 0 && node.restartCount >= strategy.maxRestarts) return new Failed(error);
      delayMs = strategy.delayFor(node.restartCount, host.random());
      node.restartCount++;
      break;
    }
  }
  // Stryker disable next-line ConditionalExpression: equivalent: before the first start completed node.current is IGNORE, which has no signal handler
  if (!firstStart) deliverLifecycle(host, node.current, PreRestart);
  node.current = IGNORE;
  node.started = true;
  host.beginRestart(node, strategy, delayMs);
  return SAME;
}

/**
 * Walks the chain from `live` to its leaf performing `op`:
 * - OP_MESSAGE / OP_SIGNAL: deliver `arg` to the leaf;
 * - OP_FAIL: throw `arg` at the leaf (an async hook rejected);
 * - OP_RESTART: re-start the node `arg` once its restart preparations are complete.
 */
export function step(host: InterpreterHost, live: Live, op: Op, arg: unknown): StepResult {
  const result = walk(host, live, op, arg);
  return result instanceof Rechained ? result.live : result;
}

/**
 * The chain a walk hands outwards after a handler returned supervised behavior (SUP-06): every
 * enclosing node either takes `live` as its inner part or, supervising a class one of the
 * `returned` nodes supervises, leaves the stack. Allocated only for such a return, never per message.
 */
class Rechained {
  constructor(
    /** What the next enclosing node wraps (or hands on, should it leave the stack too). */
    public live: Live,
    /** The first node of the chain the handler returned; every node below it is new too. */
    readonly returned: SupervisorNode,
  ) {}
}

function walk(host: InterpreterHost, live: Live, op: Op, arg: unknown): StepResult | Rechained {
  if (live instanceof SupervisorNode) {
    // Only OP_RESTART carries a node (messages, signals and errors never are one).
    if (live === arg) return completeRestart(host, live);
    let result: StepResult | Rechained;
    const enclosing = currentNode;
    currentNode = live;
    try {
      result = walk(host, live.current, op, arg);
    } catch (thrown) {
      // Restored before deciding: handling a failure never starts a returned behavior.
      currentNode = enclosing;
      const error = toError(thrown);
      if (!matches(live, error)) throw error;
      return handleFailure(host, live, error);
    }
    currentNode = enclosing;
    return adopt(live, result);
  }
  switch (op) {
    case OP_MESSAGE:
      return leafMessage(host, live, arg);
    case OP_SIGNAL:
      return leafSignal(host, live, arg as Terminated);
    case OP_FAIL:
      throw arg;
    // Stryker disable next-line ConditionalExpression: equivalent: OP_RESTART always meets its node on the way (nothing walks the chain while the cell is RESTARTING), so it never reaches a leaf
    default:
      return SAME;
  }
}

/**
 * A node takes the next behavior of its inner part. When a handler returned supervised
 * behavior, a node supervising the same class as any of the returned nodes leaves the stack:
 * like Pekko, which drops each interceptor that finds its like anywhere in the returned stack,
 * every same-class supervisor around the return is replaced, the others stay in order (SUP-06).
 */
function adopt(node: SupervisorNode, result: StepResult | Rechained): StepResult | Rechained {
  if (result === SAME || result instanceof StoppedBehavior || result instanceof Failed) return result;
  let rechained: Rechained;
  if (result instanceof Rechained) rechained = result;
  // Only a leaf hands a node a bare live behavior: a new chain, which it just started.
  else if (result instanceof SupervisorNode) rechained = new Rechained(result, result);
  else {
    // No supervisor returned, so none around can be replaced: the walk ends here.
    node.current = result;
    return SAME;
  }
  if (supervisesInChain(rechained.returned, node.spec.errorClass)) return rechained;
  node.current = rechained.live;
  rechained.live = node;
  return rechained;
}

/** Whether a node of the chain from `first` down supervises exactly `errorClass` (Pekko's `isSame`). */
function supervisesInChain(first: Live, errorClass: SupervisedBehavior<unknown>['errorClass']): boolean {
  for (let n = first; n instanceof SupervisorNode; n = n.current) if (n.spec.errorClass === errorClass) return true;
  return false;
}

function completeRestart(host: InterpreterHost, node: SupervisorNode): StepResult {
  node.lastRestartAt = host.now();
  const outcome = startInner(host, node);
  return outcome === node ? SAME : outcome;
}

function leafMessage(host: InterpreterHost, live: Live, arg: unknown): StepResult {
  // SUP-14: pipeToSelf and adapter mappings run here, inside every supervisor of the chain.
  const message = Envelope.is(arg) && arg instanceof MappedMessage ? arg.map() : arg;
  if (live instanceof ReceiveBehavior) return next(host, live.onMessage(host.context, message), message);
  if (live instanceof ActorLeaf) {
    const pending = live.actor.receive(host.context, message);
    if (isThenable(pending)) host.awaitStep(pending, noop, (error) => host.failAtLeaf(error));
    return SAME;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: unspecified: whether a marker behavior publishes UnhandledMessage; no rule requires publishing it (as Effect.ts's unrecognised primary)
  if (live.kind === 'empty') host.unhandledMessage(message);
  return SAME;
}

/** Walked signals are termination notices (PostStop and PreRestart go by {@link deliverLifecycle}). */
function leafSignal(host: InterpreterHost, live: Live, signal: Terminated): StepResult {
  if (live instanceof MarkerBehavior && live.kind === 'ignore') return SAME;
  if (live instanceof ReceiveBehavior && live.onSignal) {
    const result = live.onSignal(host.context, signal);
    if (result !== undefined && result !== UNHANDLED) return next(host, result, signal);
  }
  // WATCH-06: an unhandled Terminated (or ChildFailed) is a failure of the watcher.
  throw new DeathPactError(signal.ref.path);
}

/** Interprets what a handler returned. */
export function next(host: InterpreterHost, returned: Behavior<unknown>, message: unknown): StepResult {
  let b = returned;
  // Only messages get here unhandled: a signal handler's unhandled result never comes to next().
  if (b === UNHANDLED) {
    host.unhandledMessage(message);
    return SAME;
  }
  if (b instanceof UnstashBehavior) {
    host.beginUnstash(b);
    b = b.behavior;
  }
  // Kept as it is, whether returned directly or as the behavior to unstash with.
  if (b === SAME) return SAME;
  if (b === undefined || b === null) throw new InvalidBehaviorError('a handler returned no behavior (use Behaviors.same())');
  return startBehavior(host, b, currentNode);
}

/**
 * Delivers PostStop or PreRestart to the leaf, outside supervision: an error there is
 * logged and does not prevent the stop or restart (LIF-10). Returns the pending promise of
 * an async `postStop` hook.
 */
export function deliverLifecycle(host: InterpreterHost, live: Live | undefined, signal: PostStop | PreRestart): void | PromiseLike<void> {
  let leaf = live;
  while (leaf instanceof SupervisorNode) leaf = leaf.current;
  try {
    // Stryker disable next-line LogicalOperator: equivalent: calling a missing signal handler throws a TypeError caught below, which only logs
    if (leaf instanceof ReceiveBehavior && leaf.onSignal) {
      leaf.onSignal(host.context, signal);
    } else if (leaf instanceof ActorLeaf && signal === PostStop && leaf.actor.postStop) {
      // The promise the caller waits for; anything else a hook returns (42, a hostile Proxy) is no wait.
      const returned: unknown = leaf.actor.postStop(host.context);
      return isThenable(returned) ? returned : undefined;
    }
  } catch (error) {
    host.logError(`error in ${signal.signalName} handler`, error);
  }
  return undefined;
}

/** Whether `node` is `ancestor` or was created inside it. */
export function isWithin(node: SupervisorNode | undefined, ancestor: SupervisorNode): boolean {
  for (let n = node; n; n = n.parentNode) if (n === ancestor) return true;
  return false;
}

function noop(): void {}
