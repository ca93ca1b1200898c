/**
 * The shipped mutants: deliberately broken runtimes and stores, each with the rules that must
 * catch it (the suite testing itself, as the Reactive Streams TCK does).
 *
 * @packageDocumentation
 */
import { rulesByRole } from '../../spec/index.js';
import type { Mutant } from './Mutant.js';
import { backoffMaxRestartsIgnored } from './backoff-max-restarts-ignored.js';
import { backoffWithoutDelay } from './backoff-without-delay.js';
import { backoffZeroRestartsUnlimited } from './backoff-zero-restarts-unlimited.js';
import { childFailureCauseLost } from './child-failure-cause-lost.js';
import { deadLettersLost } from './dead-letters-lost.js';
import { deadTargetsUnwatchable } from './dead-targets-unwatchable.js';
import { earlyWriteAck } from './early-write-ack.js';
import { exactErrorMatching } from './exact-error-matching.js';
import { keepChildrenIgnored } from './keep-children-ignored.js';
import { mailboxNotFifo } from './mailbox-not-fifo.js';
import { noDeathPact } from './no-death-pact.js';
import { noPostStopOnFailure } from './no-post-stop-on-failure.js';
import { outermostSupervisorFirst } from './outermost-supervisor-first.js';
import { passivationCancelsWrite } from './passivation-cancels-write.js';
import { postStopBeforeChildren } from './post-stop-before-children.js';
import { postStopNotAwaited } from './post-stop-not-awaited.js';
import { postStopOnRestart } from './post-stop-on-restart.js';
import { preStartNotAwaited } from './pre-start-not-awaited.js';
import { restartBufferZero } from './restart-buffer-zero.js';
import { restartDropsWatches } from './restart-drops-watches.js';
import { restartKeepsChildren } from './restart-keeps-children.js';
import { restartKeepsState } from './restart-keeps-state.js';
import { restartLimitIgnored } from './restart-limit-ignored.js';
import { restartReportsChildren } from './restart-reports-children.js';
import { resumeRestarts } from './resume-restarts.js';
import { signalHandlerErrorsSwallowed } from './signal-handler-errors-swallowed.js';
import { signalsSeePendingState } from './signals-see-pending-state.js';
import { stashUnbounded } from './stash-unbounded.js';
import { stoppingAbsentChildStopsSelf } from './stopping-absent-child-stops-self.js';
import { storeNoRevisionCheck } from './store-no-revision-check.js';
import { storeRejectedWriteStored } from './store-rejected-write-stored.js';
import { storeResumeSkipsOne } from './store-resume-skips-one.js';
import { storeSoftDeleteForgets } from './store-soft-delete-forgets.js';
import { storeStaleReads } from './store-stale-reads.js';
import { storeUnknownAtRevisionOne } from './store-unknown-at-revision-one.js';
import { storeUnknownDeleteFails } from './store-unknown-delete-fails.js';
import { supervisedStopIgnored } from './supervised-stop-ignored.js';
import { supervisorsStack } from './supervisors-stack.js';
import { terminatedTwice } from './terminated-twice.js';
import { timersDroppedDuringWrite } from './timers-dropped-during-write.js';
import { timersSurviveRestart } from './timers-survive-restart.js';
import { unlimitedRestartRetriesStart } from './unlimited-restart-retries-start.js';
import { unstashAllReversed } from './unstash-all-reversed.js';
import { unstashCountIgnored } from './unstash-count-ignored.js';
import { restartWindowNeverCloses } from './restart-window-never-closes.js';
import { backoffNeverResets } from './backoff-never-resets.js';
import { unsupervisedRestarts } from './unsupervised-restarts.js';
import { unwatchIgnored } from './unwatch-ignored.js';
import { watchWithSignals } from './watch-with-signals.js';

export type { Mutant, RuntimeMutant, StoreMutant } from './Mutant.js';
export type { RuntimeMutation } from './RuntimeMutation.js';

/** Every shipped mutant. @public */
export const mutants: readonly Mutant[] = [
  postStopOnRestart,
  timersSurviveRestart,
  resumeRestarts,
  restartKeepsChildren,
  restartLimitIgnored,
  backoffWithoutDelay,
  exactErrorMatching,
  noDeathPact,
  unstashAllReversed,
  unstashCountIgnored,
  restartWindowNeverCloses,
  backoffNeverResets,
  supervisorsStack,
  restartKeepsState,
  postStopBeforeChildren,
  restartReportsChildren,
  deadLettersLost,
  mailboxNotFifo,
  unsupervisedRestarts,
  outermostSupervisorFirst,
  unlimitedRestartRetriesStart,
  keepChildrenIgnored,
  backoffMaxRestartsIgnored,
  backoffZeroRestartsUnlimited,
  restartBufferZero,
  signalHandlerErrorsSwallowed,
  supervisedStopIgnored,
  noPostStopOnFailure,
  terminatedTwice,
  childFailureCauseLost,
  unwatchIgnored,
  watchWithSignals,
  stashUnbounded,
  stoppingAbsentChildStopsSelf,
  deadTargetsUnwatchable,
  restartDropsWatches,
  earlyWriteAck,
  passivationCancelsWrite,
  signalsSeePendingState,
  timersDroppedDuringWrite,
  storeNoRevisionCheck,
  storeResumeSkipsOne,
  storeUnknownAtRevisionOne,
  storeStaleReads,
  storeSoftDeleteForgets,
  storeUnknownDeleteFails,
  storeRejectedWriteStored,
  preStartNotAwaited,
  postStopNotAwaited,
];

/**
 * The rules checked through an adapter (runtime and store roles) that no mutant in `among` is
 * expected to fail: rules the suite has never been shown to catch a bug with.
 *
 * @public
 */
export function weakRules(among: readonly Mutant[] = mutants): readonly string[] {
  const targeted = new Set(among.flatMap((m) => m.caughtBy));
  return [...rulesByRole('runtime'), ...rulesByRole('store')].map((r) => r.id).filter((id) => !targeted.has(id));
}
