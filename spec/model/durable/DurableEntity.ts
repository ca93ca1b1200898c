/**
 * A durable-state test entity as data: a counter whose state is a number (empty state 0),
 * stored under `persistenceId` with `tag`. The adapter realises it as a durable-state
 * behavior whose command handler interprets {@link EntityCommand}s.
 *
 * @public
 */
export interface DurableEntityBlueprint {
  /** Top-level actor name (its logical path). */
  readonly name: string;
  readonly persistenceId: string;
  readonly tag: string;
  /** Capacity of each of its stashes; commands beyond it are dropped (DS-15). Default: large enough never to matter. */
  readonly stashCapacity?: number;
  /** What an overflowing stash does (DS-15): drop the command (default) or fail the entity, even under a backoff. */
  readonly stashOverflow?: 'drop' | 'fail';
  /** Restart with this backoff (random factor 0) after a failed write, instead of stopping (DS-09). */
  readonly persistFailureBackoff?: { readonly minMs: number; readonly maxMs: number };
  /**
   * Supervise the entity with a plain restart (`supervision.restart`): a command handler that
   * throws restarts it, which recovers again, instead of stopping it (DS-12). Write failures
   * still stop it (DS-08).
   */
  readonly restartOnFailure?: boolean;
  /**
   * Fail a recovery whose read has not answered after this many virtual ms (`withRecoveryTimeout`,
   * `durable-state.recovery-timeout`), instead of the default 30 s (DS-03). Shorter than a slow read (`SLOW_READ_MS`).
   */
  readonly recoveryTimeoutMs?: number;
}

/** One side effect chained after a write, in registration order (DS-06). @public */
export type EffectStep = 'run' | 'reply' | 'unstashAll' | 'stop';

/** A command an entity sends itself or schedules with a timer (`later`, DS-20). @public */
export type DeferredCommand =
  | { readonly kind: 'add'; readonly id: number; readonly by: number; readonly then: readonly EffectStep[] }
  | { readonly kind: 'read'; readonly id: number };

/**
 * What the entity's command handler does with a command:
 * - `add`: persist `state + by`, then the `then` chain;
 * - `remove`: delete the state, then the chain (DS-13);
 * - `read`: write nothing, run one callback that reports the state (DS-04);
 * - `ask`: write nothing and reply with the state at once (`Effect.reply`, DS-05, DS-17);
 * - `unsupported`: write nothing, the command is unhandled (`Effect.unhandled`, DS-05);
 * - `park`: stash the command (DS-14); `release`: unstash every stashed command;
 * - `crash`: throw from the command handler (DS-12);
 * - `watch`: watch the entity named `target` (`watch`). Its termination notice is reported as
 *   callback step 0 of this command, with the state the signal handler sees (DS-18); with
 *   `deathPact` the handler leaves the notice unhandled instead (`watch.death-pact`). A second
 *   watch of the same target changes nothing;
 * - `later`: write nothing; send `command` to itself at once (`delayMs` 0) or start a
 *   single timer that delivers it after `delayMs` (`timers`) (DS-20).
 *
 * Two requests about the entity travel the same way but never reach the command handler and
 * are never reported as handled:
 * - `passivate`: a passivation request in mailbox order, as sharding sends it (its stop
 *   message, or the runtime's own passivation signal) (DS-19);
 * - `halt`: the entity's parent stops it at once, around its mailbox (an abrupt stop,
 *   `lifecycle.stop-child`, DS-19). The suite sends it alone, after the system settled.
 *
 * @public
 */
export type EntityCommand =
  | DeferredCommand
  | { readonly kind: 'remove'; readonly id: number; readonly then: readonly EffectStep[] }
  | { readonly kind: 'park'; readonly id: number }
  | { readonly kind: 'release'; readonly id: number }
  | { readonly kind: 'crash'; readonly id: number }
  | { readonly kind: 'ask'; readonly id: number }
  | { readonly kind: 'unsupported'; readonly id: number }
  | { readonly kind: 'watch'; readonly id: number; readonly target: string; readonly deathPact: boolean }
  | { readonly kind: 'later'; readonly id: number; readonly delayMs: number; readonly command: DeferredCommand }
  | { readonly kind: 'passivate'; readonly id: number }
  | { readonly kind: 'halt'; readonly id: number };

/** Events a durable entity and the suite's store report. @public */
export type DurableEvent =
  /** Recovery finished with this state and revision (`RecoveryCompleted`, DS-01, DS-02). */
  | { readonly kind: 'recovered'; readonly path: string; readonly state: number; readonly revision: number }
  /** Recovery could not read the store (`RecoveryFailed`, DS-03). */
  | { readonly kind: 'recoveryFailed'; readonly path: string }
  /** The command handler saw this command with this state and revision (DS-07: the pre-write revision). */
  | { readonly kind: 'handled'; readonly path: string; readonly id: number; readonly state: number; readonly revision: number }
  /**
   * The `step`-th `thenRun` callback of command `id` ran with this state (DS-06, DS-07); for a
   * `watch` command, step 0 is the handled termination notice of its target (DS-18).
   */
  | { readonly kind: 'callback'; readonly path: string; readonly id: number; readonly step: number; readonly state: number }
  /** The reply of command `id` arrived with this state (DS-17). */
  | { readonly kind: 'reply'; readonly path: string; readonly id: number; readonly state: number }
  /** A full stash dropped command `id` and the runtime reported it (DS-15). */
  | { readonly kind: 'stashDropped'; readonly path: string; readonly id: number }
  /**
   * The suite's store received a write at `revision`; `ok` tells whether it succeeded (DS-05,
   * DS-08). `path` is `store/<persistenceId>`: the store orders the writes of one id.
   */
  | { readonly kind: 'write'; readonly path: string; readonly op: 'upsert' | 'delete'; readonly revision: number; readonly ok: boolean };

/** A one-line rendering of a durable event. @public */
export function describeDurableEvent(event: DurableEvent): string {
  switch (event.kind) {
    case 'recovered':
      return `${event.path}: recovered ${event.state} at r${event.revision}`;
    case 'recoveryFailed':
      return `${event.path}: recovery failed`;
    case 'handled':
      return `${event.path}: handled ${event.id} on ${event.state} at r${event.revision}`;
    case 'callback':
      return `${event.path}: callback ${event.id}.${event.step} sees ${event.state}`;
    case 'reply':
      return `${event.path}: reply ${event.id} = ${event.state}`;
    case 'stashDropped':
      return `${event.path}: stash dropped ${event.id}`;
    case 'write':
      return `${event.path}: ${event.op} r${event.revision} ${event.ok ? 'ok' : 'FAILED'}`;
  }
}

/** A readable rendering of a command. @public */
export function describeEntityCommand(command: EntityCommand): string {
  switch (command.kind) {
    case 'add':
      return `add#${command.id} ${command.by}${command.then.length > 0 ? ` then ${command.then.join(',')}` : ''}`;
    case 'remove':
      return `remove#${command.id}${command.then.length > 0 ? ` then ${command.then.join(',')}` : ''}`;
    case 'watch':
      return `watch#${command.id} ${command.target}${command.deathPact ? ' (unhandled)' : ''}`;
    case 'later':
      return `later#${command.id} ${command.delayMs === 0 ? 'self' : `${command.delayMs} ms`}: ${describeEntityCommand(command.command)}`;
    default:
      return `${command.kind}#${command.id}`;
  }
}
