import type { ActorContext, Cancellable, PipeOutcome } from '../../ActorContext.js';
import type { Behavior } from '../../Behavior.js';
import { Behaviors } from '../../Behaviors.js';
// The marker itself, not Behaviors.same(): nothing of the Behaviors factory is read while modules load.
import { SAME } from '../../_internals/behaviors.js';
import { isInstanceOf } from '../../_internals/thrownValues.js';
import { PostStop, PreRestart, type Signal } from '../../Signal.js';
import type { DurableStateContext } from '../DurableStateContext.js';
import { RecoveryCompleted, RecoveryFailed, type DurableStateSignal } from '../DurableStateSignal.js';
import type { DurableStateStore, GetObjectResult } from '../DurableStateStore.js';
import type { Effect } from '../Effect.js';
import {
  DurableStatePersistError,
  DurableStateRecoveryError,
  DurableStateRecoveryTimeoutError,
  DurableStateStashOverflowError,
} from '../errors.js';
import type { PersistenceId } from '../PersistenceId.js';
import type { DurableStateSettings } from './DurableStateSettings.js';
import type { StashState } from './StashState.js';

/**
 * Messages the runner sends itself (store answers, the recovery timeout). They travel through
 * the actor's mailbox typed as commands; `owner` ties each to the incarnation that sent it,
 * so an answer that outlives a restart is ignored.
 */
class RunnerMessage {
  constructor(
    readonly owner: DurableStateRunner<unknown, unknown>,
    readonly kind: 'recovered' | 'recoveryTimeout' | 'written',
    readonly outcome: PipeOutcome<unknown> | undefined,
  ) {}
}

/** A write the store has not answered yet. */
interface InFlightWrite<S> {
  readonly effect: Effect<S>;
  readonly operation: 'upsert' | 'delete';
  readonly state: S;
  readonly revision: number;
}


/** Calls `start`, turning a synchronous throw into a rejected promise. */
function attempt<V>(start: () => Promise<V>): Promise<V> {
  try {
    return start();
  }
  // Stryker disable next-line BlockStatement: unspecified: a store whose read throws instead of rejecting, which its contract (DurableStateStore) rules out; DS-03 judges reads the store fails by rejecting
  catch (error) {
    return Promise.reject(error);
  }
}

/**
 * One incarnation of a durable-state actor: recovering → running ⇄ persisting → stopped.
 *
 * Commands that arrive while recovering or persisting go to the internal stash (DS-01, DS-04);
 * after recovery and after every successful write the runner handles stashed commands itself,
 * in a loop, until one starts a write or none is left, so stashed commands always run before
 * anything newer in the mailbox. State and revision change only when the store confirmed a
 * write, so signals during a write see the last written state (DS-18).
 */
export class DurableStateRunner<C, S> implements DurableStateContext<C> {
  private phase: 'recovering' | 'running' | 'persisting' | 'stopped' = 'recovering';
  private state: S;
  private revision = 0;
  private inFlight: InFlightWrite<S> | undefined;
  private recoveryTimer: Cancellable | undefined;
  /** Every successful write is answered with this one message: nothing to allocate per write. */
  private readonly writeSucceeded = this.message('written', { ok: true, value: undefined });
  private readonly toWritten = (outcome: PipeOutcome<void>): C => (outcome.ok ? this.writeSucceeded : this.message('written', outcome));

  // Stryker disable BlockStatement: unspecified: the state a signal handler sees before recovery completed (RecoveryFailed, PostStop while recovering); DS-18 only fixes it during a write
  constructor(
    readonly actorContext: ActorContext<C>,
    private readonly settings: DurableStateSettings<C, S>,
    private readonly store: DurableStateStore,
    private readonly stashes: StashState<C>,
  ) {
    this.state = settings.emptyState;
  }
  // Stryker restore BlockStatement

  // Stryker disable next-line BlockStatement: unspecified: no rule says what the durable-state context exposes besides the revision (DS-07)
  get persistenceId(): PersistenceId {
    return this.settings.persistenceId;
  }

  get lastRevision(): number {
    return this.revision;
  }

  /** Starts recovery and returns the behavior of this incarnation. */
  start(): Behavior<C> {
    const id = this.settings.persistenceId.id;
    const read = attempt(() => this.store.getObject<S>(id));
    this.actorContext.pipeToSelf(read, (outcome) => this.message('recovered', outcome));
    this.recoveryTimer = this.actorContext.scheduleOnce(
      this.settings.recoveryTimeoutMs,
      this.actorContext.self,
      // Stryker disable next-line StringLiteral: equivalent: onMessage takes any kind but 'written' and 'recovered' for the timeout
      this.message('recoveryTimeout', undefined),
    );
    return Behaviors.receive<C>((_context, message) => this.onMessage(message)).receiveSignal((_context, signal) =>
      this.onSignal(signal),
    );
  }

  private message(kind: RunnerMessage['kind'], outcome: PipeOutcome<unknown> | undefined): C {
    return new RunnerMessage(this as DurableStateRunner<unknown, unknown>, kind, outcome) as unknown as C;
  }

  private onMessage(message: C): Behavior<C> {
    // Guarded: a command may be a Proxy whose getPrototypeOf trap throws; it goes to the command handler.
    if (isInstanceOf(message, RunnerMessage)) {
      if (message.owner !== this) return SAME; // an answer meant for an earlier incarnation
      if (message.kind === 'written') return this.onWritten(message.outcome as PipeOutcome<void>);
      if (message.kind === 'recovered') return this.onRecovered(message.outcome as PipeOutcome<GetObjectResult<S>>);
      return this.onRecovered({
        ok: false,
        error: new DurableStateRecoveryTimeoutError(this.settings.persistenceId.id, this.settings.recoveryTimeoutMs),
      });
    }
    if (this.phase !== 'running') {
      // Stryker disable next-line StringLiteral: equivalent: the name only appears in the overflow error and the Dropped detail
      this.stash(this.stashes.internal, 'internal', message);
      return SAME;
    }
    if (this.handle(message)) return this.stop();
    return this.drain();
  }

  private onRecovered(outcome: PipeOutcome<GetObjectResult<S>>): Behavior<C> {
    // Stryker disable next-line ConditionalExpression: equivalent: an incarnation reads once, and a failed recovery (the timeout) ends it, so no second answer reaches it
    if (this.phase !== 'recovering') return SAME;
    // Stryker disable next-line OptionalChaining: equivalent: start() sets the timer before the behavior can receive any message
    this.recoveryTimer?.cancel();
    if (!outcome.ok) {
      this.signal(new RecoveryFailed(outcome.error));
      throw new DurableStateRecoveryError(this.settings.persistenceId.id, outcome.error);
    }
    const { value, revision } = outcome.value;
    this.state = value === undefined ? this.settings.emptyState : value;
    this.revision = revision;
    this.phase = 'running';
    this.signal(new RecoveryCompleted(this.state, revision));
    return this.drain();
  }

  private onWritten(outcome: PipeOutcome<void>): Behavior<C> {
    const write = this.inFlight;
    // Stryker disable next-line ConditionalExpression: equivalent: only the write in flight is answered, and a failed write ends the incarnation
    if (write === undefined) return SAME;
    if (!outcome.ok) {
      // Nothing of the command runs; whether the store kept the write is unknown (DS-08).
      throw new DurableStatePersistError(this.settings.persistenceId.id, write.operation, write.revision, outcome.error);
    }
    this.inFlight = undefined;
    this.state = write.state;
    this.revision = write.revision;
    this.phase = 'running';
    if (this.runSideEffects(write.effect)) return this.stop();
    return this.drain();
  }

  /** Handles stashed commands (replayed user stash first) until one starts a write or stops. */
  private drain(): Behavior<C> {
    const stashes = this.stashes;
    while (this.phase === 'running' && stashes.hasNext) {
      if (this.handle(stashes.next())) return this.stop();
    }
    return SAME;
  }

  /** Runs the command handler and applies its effect; true when the actor must stop. */
  private handle(command: C): boolean {
    const effect = this.settings.commandHandler(this.state, command, this);
    const primary = effect.primary;
    switch (primary.kind) {
      case 'persist':
        this.beginWrite(effect, 'upsert', primary.state as S);
        return false;
      case 'delete':
        // Stryker disable next-line StringLiteral: equivalent: every operation but 'upsert' deletes; otherwise the name is error text
        this.beginWrite(effect, 'delete', this.settings.emptyState);
        return false;
      // Stryker disable next-line ConditionalExpression,StringLiteral: unspecified: the unhandled effect differs from none only by the UnhandledMessage it publishes; DS-05 only says it writes nothing
      case 'unhandled':
        // Stryker disable next-line ObjectLiteral: unspecified: no rule says an unhandled durable command is published (DS-05 only says it writes nothing)
        this.actorContext.system.eventStream.publish({
          // Stryker disable next-line StringLiteral: unspecified: no rule says an unhandled durable command is published (DS-05 only says it writes nothing)
          type: 'UnhandledMessage',
          message: command,
          recipient: this.actorContext.self.path,
        });
        break;
      case 'stash':
        // Stryker disable next-line StringLiteral: equivalent: the name only appears in the overflow error and the Dropped detail
        this.stash(this.stashes.user, 'user', command);
        break;
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: an empty case ends where an unmatched kind ends
      case 'none':
        break;
    }
    return this.runSideEffects(effect);
  }

  private beginWrite(effect: Effect<S>, operation: 'upsert' | 'delete', state: S): void {
    const revision = this.revision + 1;
    const id = this.settings.persistenceId.id;
    this.inFlight = { effect, operation, state, revision };
    // Stryker disable next-line StringLiteral: equivalent: the phase is only compared with 'running' and 'recovering'
    this.phase = 'persisting';
    let write: Promise<void>;
    try {
      // No closure here: this is the hot path of every persist.
      write = operation === 'upsert' ? this.store.upsertObject(id, revision, state, this.settings.tag) : this.store.deleteObject(id, revision);
    }
    // Stryker disable next-line BlockStatement: unspecified: a store whose write throws instead of rejecting, which its contract (DurableStateStore) rules out; DS-08 judges writes the store fails by rejecting
    catch (error) {
      write = Promise.reject(error);
    }
    this.actorContext.pipeToSelf(write, this.toWritten);
  }

  /** Runs the chained side effects in order (DS-06); true when one of them was a stop. */
  private runSideEffects(effect: Effect<S>): boolean {
    let stop = false;
    for (const sideEffect of effect.sideEffects) {
      if (sideEffect.kind === 'reply') sideEffect.replyTo.tell(sideEffect.reply(this.state));
      else if (sideEffect.kind === 'run') sideEffect.callback(this.state);
      else if (sideEffect.kind === 'stop') stop = true;
      // After a stop the remaining callbacks still run (DS-16); an unstashAll does too, but
      // nothing is replayed: the caller stops instead of draining, and PostStop empties the stashes.
      else this.stashes.startUnstashAll();
    }
    return stop;
  }

  private stash(buffer: StashState<C>['internal'], which: 'internal' | 'user', command: C): void {
    if (buffer.push(command)) return;
    if (this.settings.stashOverflow === 'fail') {
      throw new DurableStateStashOverflowError(this.settings.persistenceId.id, which, buffer.capacity);
    }
    this.actorContext.system.eventStream.publish({
      type: 'Dropped',
      message: command,
      recipient: this.actorContext.self.path,
      reason: 'stash-overflow',
      detail: `${which} stash of ${this.settings.persistenceId.id} is full (capacity ${buffer.capacity})`,
    });
  }

  private stop(): Behavior<C> {
    // Stryker disable next-line StringLiteral: equivalent: the phase is only compared with 'running' and 'recovering'
    this.phase = 'stopped';
    return Behaviors.stopped();
  }

  private onSignal(signal: Signal): Behavior<C> | undefined {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,OptionalChaining: unspecified: only an incarnation stopped or restarted while recovering still has its timer; without the cancel its internal timeout message ends in dead letters or is ignored by the next incarnation, which no rule covers
    if (signal === PostStop || signal === PreRestart) this.recoveryTimer?.cancel();
    if (signal === PostStop) {
      // The actor is gone for good: what is still stashed will never be handled (LIF-08).
      const { eventStream } = this.actorContext.system;
      const recipient = this.actorContext.self.path;
      for (const message of this.stashes.drain()) eventStream.publish({ type: 'DeadLetter', message, recipient });
    }
    return this.signal(signal) ? SAME : undefined;
  }

  /** Hands `signal` to the user's signal handler with the last written state; false if unhandled. */
  private signal(signal: DurableStateSignal<S>): boolean {
    const handler = this.settings.signalHandler;
    if (handler === undefined) return false;
    return handler(this.state, signal, this) !== false;
  }
}
