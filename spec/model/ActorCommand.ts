import type { ActorBlueprint, SupervisionLayer } from './ActorBlueprint.js';

/** Record `received` with the incarnation's message count, then count it (a count reveals resume vs restart). @public */
export interface PingCommand {
  readonly kind: 'ping';
  readonly id: number;
}
/** Throw a fresh instance of the named error (of the test hierarchy). @public */
export interface FailCommand {
  readonly kind: 'fail';
  readonly id: number;
  readonly error: string;
}
/** Stop voluntarily (return the runtime's `stopped`). @public */
export interface StopCommand {
  readonly kind: 'stop';
  readonly id: number;
}
/** Spawn a child now; unlike blueprint children it is not re-created by later setups. @public */
export interface SpawnCommand {
  readonly kind: 'spawn';
  readonly child: ActorBlueprint;
}
/** Stop the named child; a no-op when it is not alive (LIF-09). @public */
export interface StopChildCommand {
  readonly kind: 'stopChild';
  readonly name: string;
}
/** `watch(target)`: a `Terminated` signal when the target stops. @public */
export interface WatchCommand {
  readonly kind: 'watch';
  readonly target: string;
}
/** `watchWith(target, msg)`: a message instead of a signal (WATCH-05). @public */
export interface WatchWithCommand {
  readonly kind: 'watchWith';
  readonly target: string;
}
/** `unwatch(target)` (WATCH-04). @public */
export interface UnwatchCommand {
  readonly kind: 'unwatch';
  readonly target: string;
}
/** Leave the message unhandled (return the runtime's `unhandled`); nothing changes (STASH-04). @public */
export interface UnhandledCommand {
  readonly kind: 'unhandled';
  readonly id: number;
}
/**
 * Empty the actor's stash buffer (the runtime's `clear`). Replayed from the stash, it ends the
 * replay: the messages after it are skipped, not handled (STASH-03). @public
 */
export interface ClearStashCommand {
  readonly kind: 'clearStash';
}
/** A command that may sit in a stash buffer. @public */
export type StashableCommand = PingCommand | FailCommand | StopCommand | UnhandledCommand | ClearStashCommand;
/** Put `command` into the actor's stash buffer instead of handling it. @public */
export interface StashCommand {
  readonly kind: 'stash';
  readonly command: StashableCommand;
}
/** Replay every stashed command, in order, before anything still in the mailbox (STASH-02). @public */
export interface UnstashAllCommand {
  readonly kind: 'unstashAll';
}
/** Replay at most `n` stashed commands (STASH-02). @public */
export interface UnstashCommand {
  readonly kind: 'unstash';
  readonly n: number;
}
/** A single timer under `key` that sends `ping{id}` to self after `delayMs` (replaces one with the same key). @public */
export interface StartTimerCommand {
  readonly kind: 'startTimer';
  readonly key: string;
  readonly delayMs: number;
  readonly id: number;
}
/** Cancel the timer under `key`, if any. @public */
export interface CancelTimerCommand {
  readonly kind: 'cancelTimer';
  readonly key: string;
}

/**
 * Return the current behavior (state kept) wrapped in one more supervisor, innermost (SUP-06):
 * it replaces every active supervisor for the same error type (the same `on`) and stacks inside
 * the others. Its strategy never restarts (stop, resume, or restart limited to 0, which passes
 * every failure outwards): a restart would reinstall the handler itself, whose state the rules
 * do not describe. A restart by one of the actor's own supervisors reinstalls what it wrapped,
 * so the layers inside it come back and the added ones are gone.
 *
 * @public
 */
export interface SuperviseCommand {
  readonly kind: 'supervise';
  readonly layer: SupervisionLayer;
}

/**
 * Replace the behavior with the runtime's `empty` (every later message and signal unhandled: a
 * watched actor's stop raises DeathPact) or `ignore` (every later message and signal dropped)
 * behavior (LIF-11). The actor handles no command after it; its parent can still stop it, and a
 * restart reinstalls the initial behavior.
 *
 * @public
 */
export interface BecomeCommand {
  readonly kind: 'become';
  readonly marker: 'empty' | 'ignore';
}

/**
 * The closed set of messages the adapter's single generic behavior interprets. Each kind is
 * tied to a capability; generators leave out kinds the adapter did not declare.
 *
 * @public
 */
export type ActorCommand =
  | PingCommand
  | FailCommand
  | StopCommand
  | UnhandledCommand
  | SpawnCommand
  | StopChildCommand
  | WatchCommand
  | WatchWithCommand
  | UnwatchCommand
  | StashCommand
  | UnstashAllCommand
  | UnstashCommand
  | ClearStashCommand
  | StartTimerCommand
  | CancelTimerCommand
  | SuperviseCommand
  | BecomeCommand;

/** The `kind` of an {@link ActorCommand}. @public */
export type ActorCommandKind = ActorCommand['kind'];
