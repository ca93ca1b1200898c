// Broken: an unlimited restart retries a setup that fails on the first start.
// Caught by: SUP-08 (only limited strategies retry a failing first setup). The
// unlimited restart is given a limit no run reaches, so it differs only there.
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** An unlimited restart retries a setup that fails on the first start. @public */
export const unlimitedRestartRetriesStart: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: unlimited-restart-retries-start',
  breaks: 'an unlimited restart retries a setup that fails on the first start',
  caughtBy: ['SUP-08'],
  mutation: { strategy: (s) => (s.kind === 'restart' && s.limit === undefined ? { ...s, limit: { max: 1000, withinMs: 1_000_000 } } : s) },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(unlimitedRestartRetriesStart);
