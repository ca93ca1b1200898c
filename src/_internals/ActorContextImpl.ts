import type { ActorContext, Cancellable, PipeOutcome } from '../ActorContext.js';
import type { ActorRef } from '../ActorRef.js';
import type { ActorSystem } from '../ActorSystem.js';
import type { Behavior } from '../Behavior.js';
import type { Extension } from '../Extension.js';
import type { Logger, LogLevel } from '../Logger.js';
import type { ActorCell } from './ActorCell.js';
import { AdaptedMessage, PipedResult } from './envelopes.js';

/** The {@link ActorContext} of one cell; created on first use. */
export class ActorContextImpl implements ActorContext<unknown> {
  private logger: Logger | undefined;

  constructor(private readonly cell: ActorCell) {}

  get self(): ActorRef<unknown> {
    return this.cell;
  }

  get system(): ActorSystem<unknown> {
    return this.cell.host.system;
  }

  get log(): Logger {
    return (this.logger ??= createLogger(this.cell));
  }

  spawn<U>(behavior: Behavior<U>, name: string): ActorRef<U> {
    return this.cell.spawnChild(behavior as Behavior<unknown>, name) as ActorRef<U>;
  }

  spawnAnonymous<U>(behavior: Behavior<U>): ActorRef<U> {
    return this.cell.spawnChild(behavior as Behavior<unknown>, undefined) as ActorRef<U>;
  }

  stop(child: ActorRef<never>): void {
    this.cell.stopChild(child);
  }

  watch(target: ActorRef<never>): void {
    this.cell.watch(target);
  }

  watchWith(target: ActorRef<never>, message: unknown): void {
    this.cell.watch(target, { message });
  }

  unwatch(target: ActorRef<never>): void {
    this.cell.unwatch(target);
  }

  get children(): ReadonlyArray<ActorRef<never>> {
    return this.cell.children;
  }

  child(name: string): ActorRef<never> | undefined {
    return this.cell.child(name);
  }

  pipeToSelf<V>(promise: PromiseLike<V>, toMessage: (outcome: PipeOutcome<V>) => unknown): void {
    const self = this.cell;
    promise.then(
      (value) => self.tell(new PipedResult<V>({ ok: true, value }, toMessage)),
      (error: unknown) => self.tell(new PipedResult<V>({ ok: false, error }, toMessage)),
    );
  }

  messageAdapter<U>(adapt: (message: U) => unknown): ActorRef<U> {
    return new AdapterRef<U>(this.cell, adapt);
  }

  scheduleOnce<U>(delayMs: number, target: ActorRef<U>, message: U): Cancellable {
    // Stryker disable next-line BooleanLiteral: unspecified: a timer that cancel() leaves running; its only user, the durable recovery timeout, ignores or dead-letters the late message, which no rule covers
    let pending = true;
    // A cancelled clock timer never fires (the Clock contract), so the callback needs no guard.
    const handle = this.cell.host.clock.setTimer(delayMs, () => {
      // Stryker disable next-line BooleanLiteral: unspecified: only what cancel() answers after the message was sent; no rule covers scheduleOnce (LIF-07 is about the timer scheduler) and the runtime ignores the answer
      pending = false;
      target.tell(message);
    });
    return {
      // Stryker disable next-line BlockStatement: unspecified: the only user is the durable recovery timeout, whose message, when not cancelled, is ignored by its incarnation or ends in dead letters, which no rule covers (see DurableStateRunner.onSignal)
      cancel: () => {
        // Stryker disable next-line BooleanLiteral,ConditionalExpression: unspecified: what cancel() answers, or a recovery timeout message left to be ignored or dead-lettered; no rule covers scheduleOnce and the runtime ignores the answer
        if (!pending) return false;
        // Stryker disable next-line BooleanLiteral: unspecified: what a second cancel() answers; no rule covers scheduleOnce and the runtime ignores the answer
        pending = false;
        handle.cancel();
        // Stryker disable next-line BooleanLiteral: unspecified: what cancel() answers; no rule covers scheduleOnce and the runtime ignores the answer
        return true;
      },
    };
  }

  extension<E extends Extension>(id: string): E {
    return this.cell.host.extension<E>(id);
  }
}

function createLogger(cell: ActorCell): Logger {
  const emit =
    (level: LogLevel) =>
    (message: string, data?: unknown): void =>
      cell.host.eventStream.publish({ type: 'Log', level, source: cell.path, message, ...(data === undefined ? {} : { data }) });
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A ref that wraps what it is told so the owning actor maps it under supervision. */
class AdapterRef<U> implements ActorRef<U> {
  // Stryker disable next-line StringLiteral: unspecified: how a message adapter's ref is named; no rule names adapter refs
  readonly name = '$adapter';
  constructor(
    private readonly owner: ActorCell,
    private readonly adapt: (message: U) => unknown,
  ) {}
  // Stryker disable next-line BlockStatement: unspecified: how a message adapter's ref renders as a path; no rule names adapter refs
  get path(): string {
    // Stryker disable next-line StringLiteral: unspecified: how a message adapter's ref renders as a path; no rule names adapter refs
    return `${this.owner.path}/${this.name}`;
  }
  tell(message: U): void {
    this.owner.tell(new AdaptedMessage(message, this.adapt as (message: unknown) => unknown));
  }
}
