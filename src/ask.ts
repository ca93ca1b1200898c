import type { ActorRef } from './ActorRef.js';
import { SystemClock } from './Clock.js';
import { AskTimeoutError } from './errors.js';
import { ActorCell } from './_internals/ActorCell.js';
import { ActorSystemImpl } from './_internals/system.js';

/** Options of {@link ask}. @public */
export interface AskOptions {
  /** Time on the target system's clock before the promise rejects with {@link AskTimeoutError} (default 3000). */
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
 * @public
 */
export function ask<Req, Res>(target: ActorRef<Req>, make: (replyTo: ActorRef<Res>) => Req, options: AskOptions = {}): Promise<Res> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ASK_TIMEOUT_MS;
  const host = target instanceof ActorCell ? target.host : target instanceof ActorSystemImpl ? target : undefined;
  const clock = host?.clock ?? new SystemClock();
  return new Promise<Res>((resolve, reject) => {
    const replyTo: ReplyRef<Res> = new ReplyRef<Res>(
      (reply) => {
        timer.cancel();
        resolve(reply);
      },
      (reply, path) => host?.deadLetter(reply, path),
    );
    const timer = clock.setTimer(timeoutMs, () => {
      if (replyTo.settled) return;
      replyTo.settled = true;
      reject(new AskTimeoutError(target.path, timeoutMs));
    });
    try {
      target.tell(make(replyTo));
    } catch (error) {
      replyTo.settled = true;
      timer.cancel();
      reject(error);
    }
  });
}
