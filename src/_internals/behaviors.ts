/**
 * The concrete behavior kinds. Public code only sees the opaque {@link Behavior}; the
 * interpreter (`_internals/interpreter.ts`) switches on `kind`.
 */
import type { Actor } from '../Actor.js';
import type { ActorContext } from '../ActorContext.js';
import { Behavior } from '../Behavior.js';
import type { Signal } from '../Signal.js';
import type { StashBuffer } from '../StashBuffer.js';
import type { SupervisorStrategy } from '../SupervisorStrategy.js';
import type { TimerScheduler } from '../TimerScheduler.js';

/** A constructor of errors, used to select which failures a supervisor handles. @public */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** Message handler of {@link ReceiveBehavior}. @public */
export type MessageHandler<T> = (context: ActorContext<T>, message: T) => Behavior<T>;
/** Signal handler of {@link ReceiveBehavior}; `undefined` means unhandled. @public */
export type SignalHandler<T> = (context: ActorContext<T>, signal: Signal) => Behavior<T> | undefined;

/** Marker behaviors: `same`, `unhandled`, `empty`, `ignore`. */
export class MarkerBehavior<T> extends Behavior<T> {
  constructor(readonly kind: 'same' | 'unhandled' | 'empty' | 'ignore') {
    super();
  }
}

/** `Behaviors.same()`: keep the current behavior. */
// Stryker disable next-line StringLiteral: equivalent: only 'empty' and 'ignore' are compared; 'same' and 'unhandled' are told apart by identity, and the kind only appears in error text
export const SAME = new MarkerBehavior<unknown>('same');
/** `Behaviors.unhandled()`: keep the behavior, report the message as unhandled. */
// Stryker disable next-line StringLiteral: equivalent: only 'empty' and 'ignore' are compared; 'same' and 'unhandled' are told apart by identity, and the kind only appears in error text
export const UNHANDLED = new MarkerBehavior<unknown>('unhandled');
/** `Behaviors.empty()`: every message unhandled, `Terminated` a DeathPact. */
export const EMPTY = new MarkerBehavior<unknown>('empty');
/** `Behaviors.ignore()`: swallow every message and signal; also the placeholder during a restart. */
export const IGNORE = new MarkerBehavior<unknown>('ignore');

/** `Behaviors.stopped(callback?)`. */
export class StoppedBehavior<T> extends Behavior<T> {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'stopped';
  constructor(readonly postStop: (() => void) | undefined) {
    super();
  }
}

/** `Behaviors.stopped()` without a callback. */
export const STOPPED = new StoppedBehavior<unknown>(undefined);

/** `Behaviors.setup(factory)`: run `factory` when the behavior is started. */
export class SetupBehavior<T> extends Behavior<T> {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'setup';
  constructor(readonly factory: (context: ActorContext<T>) => Behavior<T>) {
    super();
  }
}

/**
 * `Behaviors.receive` / `receiveMessage`: handles messages, and signals once
 * {@link ReceiveBehavior.receiveSignal} added a handler.
 *
 * @public
 */
export class ReceiveBehavior<T> extends Behavior<T> {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'receive';
  constructor(
    readonly onMessage: MessageHandler<T>,
    readonly onSignal: SignalHandler<T> | undefined,
    /** The context-free handler of `receiveMessage`, called directly on the hot path. */
    readonly messageOnly?: (message: T) => Behavior<T>,
  ) {
    super();
  }

  /** A copy of this behavior that hands signals to `handler` (return `undefined` when unhandled). */
  receiveSignal(handler: SignalHandler<T>): Behavior<T> {
    return new ReceiveBehavior(this.onMessage, handler, this.messageOnly);
  }
}

/**
 * `Behaviors.supervise(b).onFailure(...)`: `inner` wrapped by a supervisor for `errorClass`
 * (undefined = every Error). Chaining `.onFailure` again wraps this one, so the first
 * declared is the innermost (SUP-05).
 *
 * @public
 */
export class SupervisedBehavior<T> extends Behavior<T> {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'supervise';
  constructor(
    readonly inner: Behavior<T>,
    readonly errorClass: ErrorClass | undefined,
    readonly strategy: SupervisorStrategy,
  ) {
    super();
  }

  /** Adds an outer supervisor for every Error. */
  onFailure(strategy: SupervisorStrategy): SupervisedBehavior<T>;
  /** Adds an outer supervisor for errors that are `instanceof errorClass`. */
  onFailure(errorClass: ErrorClass, strategy: SupervisorStrategy): SupervisedBehavior<T>;
  onFailure(a: ErrorClass | SupervisorStrategy, b?: SupervisorStrategy): SupervisedBehavior<T> {
    return superviseWith(this, a, b);
  }
}

/** The intermediate value of `Behaviors.supervise(b)`. @public */
export class Supervise<T> {
  constructor(private readonly behavior: Behavior<T>) {}

  /** Supervises every Error with `strategy`. */
  onFailure(strategy: SupervisorStrategy): SupervisedBehavior<T>;
  /** Supervises errors that are `instanceof errorClass` with `strategy`; others go to the enclosing supervisor. */
  onFailure(errorClass: ErrorClass, strategy: SupervisorStrategy): SupervisedBehavior<T>;
  onFailure(a: ErrorClass | SupervisorStrategy, b?: SupervisorStrategy): SupervisedBehavior<T> {
    return superviseWith(this.behavior, a, b);
  }
}

function superviseWith<T>(
  inner: Behavior<T>,
  a: ErrorClass | SupervisorStrategy,
  b: SupervisorStrategy | undefined,
): SupervisedBehavior<T> {
  if (typeof a === 'function') {
    if (!b) throw new TypeError('onFailure(errorClass, strategy): strategy missing');
    return new SupervisedBehavior(inner, a, b);
  }
  return new SupervisedBehavior(inner, undefined, a);
}

/** `Behaviors.withStash(capacity, factory)`: a setup that also creates a fresh stash buffer. */
export class WithStashBehavior<T> extends Behavior<T> {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'withStash';
  constructor(
    readonly capacity: number,
    readonly factory: (stash: StashBuffer<T>) => Behavior<T>,
  ) {
    super();
  }
}

/** `Behaviors.withTimers(factory)`: a setup that exposes the actor's timer scheduler. */
export class WithTimersBehavior<T> extends Behavior<T> {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'withTimers';
  constructor(readonly factory: (timers: TimerScheduler<T>) => Behavior<T>) {
    super();
  }
}

/** Options of `Behaviors.fromActor`. @public */
export interface FromActorOptions {
  /**
   * Time on the system clock an async `preStart` may take; past it the start failed with
   * {@link HookTimeoutError} (GoAkt's init timeout, HOOK-02). Default: no limit.
   */
  readonly preStartTimeoutMs?: number;
}

/** `Behaviors.fromActor(factory)`: a GoAkt-style object actor. */
export class FromActorBehavior<T> extends Behavior<T> {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'fromActor';
  constructor(
    readonly factory: () => Actor<T>,
    readonly options: FromActorOptions,
  ) {
    super();
  }
}

/** Where {@link UnstashBehavior} takes its messages from (a stash buffer). */
export interface UnstashSource<T> {
  readonly size: number;
  take(): T;
}

/**
 * Returned by `stash.unstashAll(b)` / `unstash(b, n)`: switch to `behavior`, then process
 * `count` stashed messages before anything from the mailbox (STASH-02).
 */
export class UnstashBehavior<T> extends Behavior<T> {
  // Stryker disable next-line StringLiteral: equivalent: a label for debugging; the interpreter dispatches on the class (instanceof) or the instance, never on this string
  readonly kind = 'unstash';
  constructor(
    readonly source: UnstashSource<T>,
    readonly behavior: Behavior<T>,
    readonly count: number,
    readonly wrap: ((message: T) => T) | undefined,
  ) {
    super();
  }
}
