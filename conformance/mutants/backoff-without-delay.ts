// Broken: restart-with-backoff restarts at once, like a plain restart, instead of waiting.
// Caught by: SUP-11 (backoff delays grow exponentially and reset): setup comes before the delay.
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** Backoff that does not back off. @public */
export const backoffWithoutDelay: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: backoff-without-delay',
  breaks: 'backoff restarts immediately',
  caughtBy: ['SUP-11'],
  mutation: { strategy: (s) => (s.kind === 'backoff' ? { kind: 'restart' } : s) },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(backoffWithoutDelay);
