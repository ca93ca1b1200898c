// Broken: an object actor's asynchronous stop hook is not awaited, so watchers hear of the stop
// while the hook is still flushing.
// Caught by: HOOK-09 (the termination notice arrives before the stop hook's write).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A stop hook the runtime does not wait for. @public */
export const postStopNotAwaited: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: post-stop-not-awaited',
  breaks: 'watchers are notified before an asynchronous stop hook completed',
  caughtBy: ['HOOK-09'],
  mutation: { detachedHook: 'postStop' },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(postStopNotAwaited);
