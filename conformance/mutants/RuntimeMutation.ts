/**
 * The deliberate bugs the reference runtime's adapter can be built with, in runtime-neutral terms
 * (the adapter maps each one onto its runtime's API). A mutant is the reference runtime with one
 * of these switched on.
 *
 * @packageDocumentation
 */
import type { SupervisorStrategy } from '../../spec/model/index.js';
import type { SuiteStore } from '../contract/SuiteStore.js';

/**
 * One semantic bug to build into the reference runtime. Leave every member out for the correct
 * runtime.
 *
 * @public
 */
export interface RuntimeMutation {
  /** Rewrites each supervision strategy before it is handed to the runtime (e.g. resume becomes restart). */
  readonly strategy?: (strategy: SupervisorStrategy) => SupervisorStrategy;
  /** Error-scoped supervisors match only the exact class, not its subclasses. */
  readonly exactErrorMatching?: boolean;
  /** The behavior also receives `PostStop` just before `PreRestart` when it is restarted. */
  readonly postStopOnRestart?: boolean;
  /** The signal handler counts an unhandled `Terminated` as handled, so no death pact is raised. */
  readonly terminatedAlwaysHandled?: boolean;
  /** Timers are scheduled straight on the clock and owned by no incarnation, so a restart or stop does not cancel them. */
  readonly timersSurviveRestart?: boolean;
  /** Messages to a stopped actor vanish instead of being published as dead letters. */
  readonly deadLettersLost?: boolean;
  /** The mailbox swaps two messages sent back to back to the same actor. */
  readonly mailboxNotFifo?: boolean;
  /** An actor without a supervisor is restarted on failure, as classic actors are. */
  readonly unsupervisedRestarts?: boolean;
  /** Nested supervisors are consulted outermost first. */
  readonly outermostSupervisorFirst?: boolean;
  /** Restart and backoff supervisors buffer at most this many messages while restarting. */
  readonly restartBufferCapacity?: number;
  /** An error thrown while handling Terminated or ChildFailed is swallowed instead of supervised. */
  readonly signalHandlerErrorsSwallowed?: boolean;
  /** Returning `stopped` is ignored when a supervisor that does not stop is around the behavior. */
  readonly supervisedStopIgnored?: boolean;
  /** No PostStop when a failure stops the actor. */
  readonly noPostStopOnFailure?: boolean;
  /** Every Terminated signal is delivered twice. */
  readonly terminatedTwice?: boolean;
  /** A ChildFailed signal arrives as a plain Terminated: the cause is lost. */
  readonly childFailureCauseLost?: boolean;
  /** `unwatch` does nothing. */
  readonly unwatchIgnored?: boolean;
  /** `watchWith` registers a plain watch, so a Terminated signal comes instead of the message. */
  readonly watchWithSignals?: boolean;
  /** Stash buffers hold a hundred times their capacity. */
  readonly stashUnbounded?: boolean;
  /** Stopping a child that is not there stops the actor itself. */
  readonly stoppingAbsentChildStopsSelf?: boolean;
  /** Watching an actor that has already stopped registers nothing. */
  readonly deadTargetsUnwatchable?: boolean;
  /** A restart drops the watches the actor held on actors other than its children. */
  readonly restartDropsWatches?: boolean;
  /** A restarted behavior keeps the state (the message count) of the one it replaces. */
  readonly restartKeepsState?: boolean;
  /** A voluntary stop signals PostStop before the children have stopped. */
  readonly postStopBeforeChildren?: boolean;
  /** A restart reports Terminated for the watched children it stops, instead of consuming those notices. */
  readonly restartReportsChildren?: boolean;
  /** A supervisor a handler adds stacks inside an active one for the same error type instead of replacing it. */
  readonly addedSupervisorsStack?: boolean;
  /** `unstashAll` replays the stash newest first. */
  readonly unstashAllReversed?: boolean;
  /** `unstash(n)` replays the whole stash, not only its `n` oldest messages. */
  readonly unstashCountIgnored?: boolean;
  /** A durable entity's passivation stops it at once, cancelling the write in flight and the commands held before it. */
  readonly passivationStopsAtOnce?: boolean;
  /** A durable entity's signal handler sees the state being written instead of the last written one. */
  readonly signalsSeePendingState?: boolean;
  /** A durable entity's timer messages are lost when they arrive while a write is in flight, instead of held. */
  readonly timerMessagesDroppedDuringWrite?: boolean;
  /** Wraps the store the durable-state extension writes through. */
  readonly durableStore?: (store: SuiteStore) => SuiteStore;
  /** The runtime does not wait for this asynchronous hook of an object actor: its work goes on detached while the actor moves on. */
  readonly detachedHook?: 'preStart' | 'postStop';
}
