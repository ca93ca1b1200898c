import type { ActorRef } from '../ActorRef.js';

/**
 * What a command does to the stored state. Exactly one per command (DS-05).
 * `stop`, `reply` and `unstashAll` are not primaries: they are `none` plus a side effect.
 *
 * @internal
 */
export type PrimaryEffect =
  | { readonly kind: 'persist'; readonly state: unknown }
  | { readonly kind: 'delete' }
  | { readonly kind: 'none' }
  | { readonly kind: 'unhandled' }
  | { readonly kind: 'stash' };

/**
 * Something to do after the primary effect succeeded, in registration order (DS-06).
 * Callbacks are stored with their state parameter erased; the runner only ever passes the
 * state of the behavior the effect was built for.
 *
 * @internal
 */
export type SideEffect =
  | { readonly kind: 'run'; readonly callback: (state: unknown) => void }
  /** `replyTo.tell(reply(state))`, kept as data so the hot path allocates no closure. */
  | { readonly kind: 'reply'; readonly replyTo: ActorRef<unknown>; readonly reply: (state: unknown) => unknown }
  | { readonly kind: 'stop' }
  | { readonly kind: 'unstashAll' };

// Stryker disable next-line ObjectLiteral,StringLiteral: equivalent: the runner does nothing for a primary effect it does not recognise, exactly as for 'none'
const NONE: PrimaryEffect = { kind: 'none' };
const DELETE: PrimaryEffect = { kind: 'delete' };
// Stryker disable next-line ObjectLiteral,StringLiteral: unspecified: an unrecognised primary is handled as none, which differs only by the UnhandledMessage no rule requires (DS-05: it writes nothing)
const UNHANDLED: PrimaryEffect = { kind: 'unhandled' };
const STASH: PrimaryEffect = { kind: 'stash' };
const STOP: SideEffect = { kind: 'stop' };
// Stryker disable next-line ObjectLiteral,StringLiteral: equivalent: the runner treats every side effect other than reply, run and stop as unstashAll
const UNSTASH_ALL: SideEffect = { kind: 'unstashAll' };
const NO_SIDE_EFFECTS: ReadonlyArray<SideEffect> = [];

function erase<S, R>(callback: (state: S) => R): (state: unknown) => R {
  return callback as (state: unknown) => R;
}

/** A new array: `sideEffects` then `sideEffect` (the common single-element case without spreading). */
function appended(sideEffects: ReadonlyArray<SideEffect>, sideEffect: SideEffect): ReadonlyArray<SideEffect> {
  // Stryker disable next-line ConditionalExpression: equivalent: a fast path; both branches build the same array
  return sideEffects.length === 0 ? [sideEffect] : [...sideEffects, sideEffect];
}

/**
 * The directive a durable-state command handler returns: a primary effect (persist, delete,
 * none, unhandled, stash) followed by side effects that run, in the order they were chained,
 * only once the primary effect succeeded (immediately for effects that write nothing).
 *
 * Effects are immutable values: every `then…` returns a new effect, so one effect may be
 * returned for several commands.
 *
 * `S` is the state type; an effect that does not mention the state (`Effect.none()`) is an
 * `Effect<never>`, usable wherever an `Effect<S>` is expected.
 *
 * @public
 */
export class Effect<S> {
  /** Makes `Effect` covariant in `S`. Never set at runtime. */
  declare protected readonly stateWitness?: S;

  /** @internal Use the static factories. */
  constructor(
    /** @internal */
    readonly primary: PrimaryEffect,
    /** @internal */
    readonly sideEffects: ReadonlyArray<SideEffect>,
  ) {}

  /** Store `state` as the new state: a write at the current revision + 1 (DS-05). */
  static persist<S>(state: S): Effect<S> {
    return new Effect<S>({ kind: 'persist', state }, NO_SIDE_EFFECTS);
  }

  /** Delete the stored state: the state becomes `emptyState` and the revision advances by one (DS-13). */
  static delete<S = never>(): Effect<S> {
    return new Effect<S>(DELETE, NO_SIDE_EFFECTS);
  }

  /** Write nothing (e.g. a read-only command). */
  static none<S = never>(): Effect<S> {
    return new Effect<S>(NONE, NO_SIDE_EFFECTS);
  }

  /** The command is not supported in the current state: it is reported on the event stream. */
  static unhandled<S = never>(): Effect<S> {
    return new Effect<S>(UNHANDLED, NO_SIDE_EFFECTS);
  }

  /** Stop the actor; same as `Effect.none().thenStop()`. */
  static stop<S = never>(): Effect<S> {
    return new Effect<S>(NONE, [STOP]);
  }

  /** Set the current command aside until a later `unstashAll` (DS-14). */
  static stash<S = never>(): Effect<S> {
    return new Effect<S>(STASH, NO_SIDE_EFFECTS);
  }

  /** Replay the stashed commands; same as `Effect.none().thenUnstashAll()`. */
  static unstashAll<S = never>(): Effect<S> {
    return new Effect<S>(NONE, [UNSTASH_ALL]);
  }

  /** Write nothing and send `message` to `replyTo`. */
  static reply<R, S = never>(replyTo: ActorRef<R>, message: R): ReplyEffect<S> {
    return new ReplyEffect<S>(NONE, [{ kind: 'reply', replyTo: replyTo as ActorRef<unknown>, reply: () => message }]);
  }

  /** Write nothing and deliberately send no reply (with enforced replies: "no reply on purpose"). */
  static noReply<S = never>(): ReplyEffect<S> {
    return new ReplyEffect<S>(NONE, NO_SIDE_EFFECTS);
  }

  /** Runs `callback` with the state after the write (`emptyState` after a delete). */
  thenRun(callback: (state: S) => void): Effect<S> {
    return this.followedBy({ kind: 'run', callback: erase(callback) });
  }

  /** Stops the actor once the side effects ran (DS-16). */
  thenStop(): Effect<S> {
    return this.followedBy(STOP);
  }

  /** Replays the stashed commands once the write succeeded (DS-14). */
  thenUnstashAll(): Effect<S> {
    return this.followedBy(UNSTASH_ALL);
  }

  /** Sends `reply(state)` to `replyTo` once the write succeeded (DS-17). */
  thenReply<R>(replyTo: ActorRef<R>, reply: (state: S) => R): ReplyEffect<S> {
    const sideEffect: SideEffect = { kind: 'reply', replyTo: replyTo as ActorRef<unknown>, reply: erase(reply) };
    return new ReplyEffect<S>(this.primary, appended(this.sideEffects, sideEffect));
  }

  /** Marks the effect as deliberately sending no reply. */
  thenNoReply(): ReplyEffect<S> {
    return new ReplyEffect<S>(this.primary, this.sideEffects);
  }

  /** A copy of this effect (of the same class) with `sideEffect` appended. */
  protected followedBy(sideEffect: SideEffect): Effect<S> {
    return new Effect<S>(this.primary, appended(this.sideEffects, sideEffect));
  }
}

/**
 * An {@link Effect} that has decided about the reply (`reply`, `noReply`, `thenReply`,
 * `thenNoReply`). `DurableStateBehavior.withEnforcedReplies` only accepts these, so a
 * command handler cannot forget to reply.
 *
 * @public
 */
export class ReplyEffect<S> extends Effect<S> {
  /** Nominal marker: a plain `Effect` is not a `ReplyEffect`. */
  // Stryker disable next-line BooleanLiteral: equivalent: a nominal type marker, never read at run time
  private readonly replyDecided = true;

  /** Chaining keeps the reply decision: the result is still a `ReplyEffect`. */
  override thenRun(callback: (state: S) => void): ReplyEffect<S> {
    return super.thenRun(callback) as ReplyEffect<S>;
  }

  override thenStop(): ReplyEffect<S> {
    return super.thenStop() as ReplyEffect<S>;
  }

  override thenUnstashAll(): ReplyEffect<S> {
    return super.thenUnstashAll() as ReplyEffect<S>;
  }

  protected override followedBy(sideEffect: SideEffect): ReplyEffect<S> {
    return new ReplyEffect<S>(this.primary, appended(this.sideEffects, sideEffect));
  }
}
