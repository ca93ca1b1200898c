import type { BackoffStrategy } from '../../SupervisorStrategy.js';
import type { DurableStateContext } from '../DurableStateContext.js';
import type { DurableStateSignal } from '../DurableStateSignal.js';
import type { Effect } from '../Effect.js';
import type { PersistenceId } from '../PersistenceId.js';

/** What to do with a command that finds its stash full (DS-15). */
export type StashOverflowStrategy = 'drop' | 'fail';

/** Everything a durable-state behavior was configured with; immutable, copied by each `with…`. */
export interface DurableStateSettings<C, S> {
  readonly persistenceId: PersistenceId;
  readonly emptyState: S;
  readonly commandHandler: (state: S, command: C, context: DurableStateContext<C>) => Effect<S>;
  readonly signalHandler: ((state: S, signal: DurableStateSignal<S>, context: DurableStateContext<C>) => void | false) | undefined;
  readonly tag: string;
  readonly persistFailure: BackoffStrategy | undefined;
  readonly stashCapacity: number;
  readonly stashOverflow: StashOverflowStrategy;
  readonly recoveryTimeoutMs: number;
}

/** Default capacity of each stash, as in Pekko's `stash-capacity`. */
export const DEFAULT_STASH_CAPACITY = 4096;
/** Default recovery timeout, as in Pekko's `recovery-timeout`. */
export const DEFAULT_RECOVERY_TIMEOUT_MS = 30_000;
