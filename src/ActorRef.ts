/**
 * A handle to an actor: the only way to talk to it. Refs are cheap, stable for the
 * actor's whole life (restarts included) and safe to keep after the actor stopped:
 * messages to a stopped actor go to dead letters.
 *
 * `ActorRef<never>` is the type of "any ref" (for watch/stop): every `ActorRef<T>` is
 * assignable to it.
 *
 * @public
 */
export interface ActorRef<T> {
  /** Enqueues `message` for the actor; never blocks, never throws for a stopped actor. */
  tell(message: T): void;
  /** Last path element: the name given at spawn (or the generated `$n` name). */
  readonly name: string;
  /** Slash-separated path from the system root, e.g. `/user/parent/child`. */
  readonly path: string;
}
