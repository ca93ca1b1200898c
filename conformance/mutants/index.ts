/**
 * The shipped mutants: deliberately broken runtimes and stores, each with the rules that must
 * catch it (the suite testing itself, as the Reactive Streams TCK does).
 *
 * @packageDocumentation
 */
import { rulesByRole } from '../../spec/index.js';
import { backoffWithoutDelay } from './backoff-without-delay.js';
import { earlyWriteAck } from './early-write-ack.js';
import { exactErrorMatching } from './exact-error-matching.js';
import type { Mutant } from './Mutant.js';
import { noDeathPact } from './no-death-pact.js';
import { passivationCancelsWrite } from './passivation-cancels-write.js';
import { postStopNotAwaited } from './post-stop-not-awaited.js';
import { postStopOnRestart } from './post-stop-on-restart.js';
import { preStartNotAwaited } from './pre-start-not-awaited.js';
import { restartKeepsChildren } from './restart-keeps-children.js';
import { restartLimitIgnored } from './restart-limit-ignored.js';
import { resumeRestarts } from './resume-restarts.js';
import { signalsSeePendingState } from './signals-see-pending-state.js';
import { storeNoRevisionCheck } from './store-no-revision-check.js';
import { storeResumeSkipsOne } from './store-resume-skips-one.js';
import { supervisorsStack } from './supervisors-stack.js';
import { timersDroppedDuringWrite } from './timers-dropped-during-write.js';
import { timersSurviveRestart } from './timers-survive-restart.js';
import { unstashAllReversed } from './unstash-all-reversed.js';

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
  supervisorsStack,
  earlyWriteAck,
  passivationCancelsWrite,
  signalsSeePendingState,
  timersDroppedDuringWrite,
  storeNoRevisionCheck,
  storeResumeSkipsOne,
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
