// Broken: timers are scheduled straight on the clock and belong to no incarnation, so a restart
// (or a stop) leaves them running and the next incarnation receives the old timer messages.
// Caught by: LIF-07 (timers are cancelled on restart and stop); the shrunk counterexample is usually
// the stop case (a timer message dead-lettered after PostStop).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Timers that survive a restart. @public */
export const timersSurviveRestart: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: timers-survive-restart',
  breaks: 'a restart does not cancel the timers',
  caughtBy: ['LIF-07'],
  mutation: { timersSurviveRestart: true },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(timersSurviveRestart);
