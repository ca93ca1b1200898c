import { describeValue, errorMessage } from './_internals/describeValue.js';

/**
 * Base class of every error raised by the runtime. `code` is stable across versions and
 * is what callers (and the conformance kit) should match on.
 *
 * @public
 */
export abstract class ActorRuntimeError extends Error {
  /** Stable machine-readable identifier of the error kind. */
  abstract readonly code: string;

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Every subclass is named after itself, so stack traces and logs say which error it is.
    this.name = new.target.name;
  }
}

/**
 * Raised inside a watcher that did not handle a `Terminated` signal (WATCH-06); it is
 * supervised like any other failure.
 *
 * @public
 */
export class DeathPactError extends ActorRuntimeError {
  readonly code = 'DEATH_PACT';
  constructor(readonly watchedPath: string) {
    super(`death pact: watched actor ${watchedPath} terminated and Terminated was not handled`);
  }
}

/** Thrown by {@link StashBuffer.stash} when the buffer is full (STASH-01). @public */
export class StashOverflowError extends ActorRuntimeError {
  readonly code = 'STASH_OVERFLOW';
  constructor(readonly capacity: number) {
    super(`stash buffer is full (capacity ${capacity})`);
  }
}

/** The promise of {@link ask} rejects with this when no reply came in time. @public */
export class AskTimeoutError extends ActorRuntimeError {
  readonly code = 'ASK_TIMEOUT';
  constructor(
    readonly targetPath: string,
    readonly timeoutMs: number,
  ) {
    super(`ask to ${targetPath} timed out after ${timeoutMs} ms`);
  }
}

/**
 * An actor failed while starting (its `setup` or `preStart` threw or rejected) and the
 * strategy did not retry it (SUP-08, HOOK-02). The original error is `cause`.
 *
 * @public
 */
export class ActorInitializationError extends ActorRuntimeError {
  readonly code = 'ACTOR_INITIALIZATION';
  constructor(
    readonly actorPath: string,
    cause: unknown,
  ) {
    super(`actor ${actorPath} failed to start: ${errorMessage(cause)}`, { cause });
  }
}

/** An async hook did not settle in time (`fromActor` `preStartTimeoutMs`, HOOK-02). @public */
export class HookTimeoutError extends ActorRuntimeError {
  readonly code = 'HOOK_TIMEOUT';
  constructor(
    readonly actorPath: string,
    readonly hook: string,
    readonly timeoutMs: number,
  ) {
    super(`${hook} of ${actorPath} did not complete within ${timeoutMs} ms`);
  }
}

/** A child name was empty, contained `/`, or started with the reserved `$`. @public */
export class InvalidActorNameError extends ActorRuntimeError {
  readonly code = 'INVALID_ACTOR_NAME';
  constructor(readonly actorName: string) {
    super(`invalid actor name ${JSON.stringify(actorName)}: must be non-empty, without '/', not starting with '$'`);
  }
}

/** A sibling with the same name is still alive. @public */
export class DuplicateActorNameError extends ActorRuntimeError {
  readonly code = 'DUPLICATE_ACTOR_NAME';
  constructor(
    readonly actorName: string,
    readonly parentPath: string,
  ) {
    super(`actor name ${JSON.stringify(actorName)} is not unique under ${parentPath}`);
  }
}

/**
 * `watch` after `watchWith`, or `watchWith` with a different message, without `unwatch`
 * in between (WATCH-05).
 *
 * @public
 */
export class WatchConflictError extends ActorRuntimeError {
  readonly code = 'WATCH_CONFLICT';
  constructor(readonly watchedPath: string) {
    super(`${watchedPath} is already watched with a different notification; unwatch it first`);
  }
}

/** `context.stop(ref)` was called with a ref that is not a child of the caller (LIF-09). @public */
export class NotAChildError extends ActorRuntimeError {
  readonly code = 'NOT_A_CHILD';
  constructor(
    readonly refPath: string,
    readonly parentPath: string,
  ) {
    super(`${refPath} is not a child of ${parentPath}; only children can be stopped`);
  }
}

/** Two extensions with the same id were registered at system creation (HOOK-08). @public */
export class DuplicateExtensionError extends ActorRuntimeError {
  readonly code = 'DUPLICATE_EXTENSION';
  constructor(readonly extensionId: string) {
    super(`extension id ${JSON.stringify(extensionId)} registered twice`);
  }
}

/** `context.extension(id)` found no extension with that id. @public */
export class UnknownExtensionError extends ActorRuntimeError {
  readonly code = 'UNKNOWN_EXTENSION';
  constructor(readonly extensionId: string) {
    super(`no extension registered with id ${JSON.stringify(extensionId)}`);
  }
}

/** A behavior factory returned something that may not start an actor (e.g. `same`). @public */
export class InvalidBehaviorError extends ActorRuntimeError {
  readonly code = 'INVALID_BEHAVIOR';
  constructor(message: string) {
    super(message);
  }
}

/**
 * Something other than an Error was thrown (a string, `null`, a symbol, any object, a Proxy):
 * the runtime supervises, logs and reports this instead, with the value untouched as `cause`
 * and as {@link ThrownValueError.thrown}. The message only renders primitives, since rendering an
 * object runs its code (`toString`, Proxy traps), which may throw.
 *
 * @public
 */
export class ThrownValueError extends ActorRuntimeError {
  readonly code = 'THROWN_VALUE';
  constructor(
    description: string,
    readonly thrown: unknown,
  ) {
    super(description, { cause: thrown });
  }
}

/** {@link ask} was given a `timeoutMs` that is not a finite number > 0 (nothing is sent). @public */
export class InvalidAskTimeoutError extends ActorRuntimeError {
  readonly code = 'INVALID_ASK_TIMEOUT';
  constructor(readonly timeoutMs: unknown) {
    super(`ask timeoutMs must be a finite number > 0, got ${describeValue(timeoutMs)}`);
  }
}

/**
 * The promise of {@link ask} rejects with this, at once instead of after its timeout, as in Akka:
 * `'target-terminated'` when the target had already terminated when asked (the request still
 * goes to dead letters), `'system-terminated'` when the target's actor system terminated while
 * the ask waited for a reply.
 *
 * @public
 */
export class AskTerminatedError extends ActorRuntimeError {
  readonly code = 'ASK_TERMINATED';
  constructor(
    readonly targetPath: string,
    readonly reason: 'target-terminated' | 'system-terminated',
  ) {
    super(
      reason === 'target-terminated'
        ? `ask to ${targetPath} failed: the recipient had already terminated`
        : `ask to ${targetPath} failed: its actor system terminated before a reply came`,
    );
  }
}

/** An `ActorSystemOptions` value the runtime cannot work with (e.g. `throughput: 0`). @public */
export class InvalidSystemOptionError extends ActorRuntimeError {
  readonly code = 'INVALID_SYSTEM_OPTION';
  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`actor system option ${option} is ${String(value)}, expected ${expected}`);
  }
}
