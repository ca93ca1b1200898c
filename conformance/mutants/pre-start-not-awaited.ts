// Broken: an object actor's asynchronous start hook is not awaited, so its mailbox opens while
// the state is still loading.
// Caught by: HOOK-01 (messages sent during a slow start are handled before the load).
import type { RuntimeMutant } from './Mutant.js';
import { runnable } from './_internals/runnable.js';

/** A start hook the runtime does not wait for. @public */
export const preStartNotAwaited: RuntimeMutant = {
  kind: 'runtime',
  name: 'mutant: pre-start-not-awaited',
  breaks: 'messages are handled before an asynchronous start hook completed',
  caughtBy: ['HOOK-01'],
  mutation: { detachedHook: 'preStart' },
};

/** The reference runtime with this bug, for `npx conformance --adapter <this file>`. @public */
export const adapter = runnable(preStartNotAwaited);
