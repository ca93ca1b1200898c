import type { ActorRef } from './ActorRef.js';

/** Options of {@link ask}. @public */
export interface AskOptions {
  /** Time on the target system's clock before the promise rejects with {@link AskTimeoutError} (default 3000). */
  readonly timeoutMs?: number;
}
