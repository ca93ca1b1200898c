import type { ActorContext } from '../ActorContext.js';
import type { PersistenceId } from './PersistenceId.js';

/**
 * What a durable-state command handler, signal handler and side-effect callback can see of
 * the entity besides its state. Passed as the last argument of the command and signal
 * handlers; the same object is valid for the whole incarnation, so a `thenRun` callback may
 * close over it.
 *
 * @public
 */
export interface DurableStateContext<C> {
  /** The entity's id in the store. */
  readonly persistenceId: PersistenceId;
  /**
   * The revision of the latest successful write (or the recovered revision): inside the
   * command handler the revision *before* the command's write, inside a side-effect callback
   * the revision that write produced (DS-07).
   */
  readonly lastRevision: number;
  /** The actor's context: self, children, timers, logging. */
  readonly actorContext: ActorContext<C>;
}
