import type { ActorRef } from './ActorRef.js';
import { SystemClock, type Clock } from './Clock.js';
import { AskTerminatedError, AskTimeoutError, InvalidAskTimeoutError } from './errors.js';
import { ActorCell } from './_internals/ActorCell.js';
import type { RuntimeHost } from './_internals/RuntimeHost.js';
import { ActorSystemImpl } from './_internals/system.js';
import { isInstanceOf } from './_internals/thrownValues.js';

/** Options of {@link ask}. @public */
export interface AskOptions {
  /**
   * Time on the target system's clock before the promise rejects with {@link AskTimeoutError}:
   * a finite number of ms > 0 (default 3000); anything else rejects with {@link InvalidAskTimeoutError}.
   */
  readonly timeoutMs?: number;
}

const DEFAULT_ASK_TIMEOUT_MS = 3000;
let askCounter = 0;

/** A one-shot ref that settles the promise of an {@link ask}. */
class ReplyRef<Res> implements ActorRef<Res> {
  readonly name: string;
  readonly path: string;
  settled = false;
  constructor(
    private readonly onReply: (reply: Res) => void,
    private readonly onLateReply: (reply: Res, path: string) => void,
  ) {
    this.name = `$ask${askCounter++}`;
    this.path = `/temp/${this.name}`;
  }
  tell(reply: Res): void {
    if (this.settled) {
      this.onLateReply(reply, this.path);
      return;
    }
    this.settled = true;
    this.onReply(reply);
  }
}

/**
 * Request-response with an actor: builds the request with a one-shot reply ref, sends it
 * and resolves with the first reply. Rejects with {@link AskTimeoutError} after `timeoutMs`
 * on the target's system clock (so under a manual clock only when time is advanced);
 * later replies go to dead letters.
 *
 * A pending ask keeps a Node.js process alive until it settles: on the wall clock its timer
 * is not `unref()`ed, so an unanswered ask in a plain `async main()` rejects (and its `catch`
 * and `finally` run) instead of the process exiting silently. As in Akka, an ask to an actor
 * (or system) that had already terminated fails at once (its request goes to dead letters), and
 * one in flight when its system terminates fails then, both with {@link AskTerminatedError}.
 *
 * @public
 */
export function ask<Req, Res>(target: ActorRef<Req>, make: (replyTo: ActorRef<Res>) => Req, options: AskOptions = {}): Promise<Res> {
  // Only an absent timeout takes the default: `null` is as wrong as `NaN`.
  const timeoutMs: unknown = options.timeoutMs === undefined ? DEFAULT_ASK_TIMEOUT_MS : options.timeoutMs;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) return Promise.reject(new InvalidAskTimeoutError(timeoutMs));
  const host = isInstanceOf(target, ActorCell) ? target.host : isInstanceOf(target, ActorSystemImpl) ? target : undefined;
  if (isInstanceOf(target, ActorCell) ? target.isTerminated : host?.system.isTerminated) return askTerminated(target, make, host);
  const clock: Clock = host?.clock ?? new SystemClock();
  return new Promise<Res>((resolve, reject) => {
    const fail = (error: unknown): void => {
      if (replyTo.settled) return;
      replyTo.settled = true;
      timer.cancel();
      untrack?.();
      reject(error);
    };
    const replyTo: ReplyRef<Res> = new ReplyRef<Res>(
      (reply) => {
        timer.cancel();
        untrack?.();
        resolve(reply);
      },
      (reply, path) => host?.deadLetter(reply, path),
    );
    const timer = clock.setTimer(timeoutMs, () => fail(new AskTimeoutError(target.path, timeoutMs)), { keepsProcessAlive: true });
    const untrack = host?.trackAsk(() => fail(new AskTerminatedError(target.path, 'system-terminated')));
    try {
      target.tell(make(replyTo));
    } catch (error) {
      fail(error);
    }
  });
}

/** Akka's answer to an ask of a terminated recipient: the request goes to dead letters, the ask fails now. */
function askTerminated<Req, Res>(target: ActorRef<Req>, make: (replyTo: ActorRef<Res>) => Req, host: RuntimeHost | undefined): Promise<Res> {
  const replyTo = new ReplyRef<Res>(
    () => {},
    (reply, path) => host?.deadLetter(reply, path),
  );
  replyTo.settled = true; // every reply is late: the ask is already decided
  try {
    target.tell(make(replyTo));
  } catch (error) {
    return Promise.reject(error);
  }
  return Promise.reject(new AskTerminatedError(target.path, 'target-terminated'));
}
