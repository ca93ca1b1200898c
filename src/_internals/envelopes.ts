import type { PipeOutcome } from '../ActorContext.js';

/**
 * Internal mailbox items that are not user messages. One common base class so the hot
 * path distinguishes them from user messages with a single brand check.
 */
export abstract class Envelope {
  readonly #envelope = true;

  /**
   * Whether a mailbox item is one of ours. A user message may be a Proxy whose `getPrototypeOf`
   * trap throws or claims our prototype, so `instanceof` (fast for the plain messages that make
   * up the traffic) runs guarded, and a yes is confirmed by the private brand, which no Proxy
   * has and whose check runs no trap (it alone is several times slower on plain objects).
   */
  static is(item: unknown): item is Envelope {
    if (typeof item !== 'object' || item === null) return false;
    let claims: boolean;
    try {
      claims = item instanceof Envelope;
    } catch {
      return false;
    }
    return claims && #envelope in item;
  }
}

/** A watched actor terminated; turned into `Terminated`/`ChildFailed` or the watchWith message. */
export class DeathNotice extends Envelope {
  constructor(readonly target: WatchTarget) {
    super();
  }
}

/** A keyed timer fired; dropped if the timer was cancelled or replaced since. */
export class TimerFired extends Envelope {
  constructor(
    readonly key: unknown,
    readonly generation: number,
    readonly message: unknown,
  ) {
    super();
  }
}

/**
 * A value that becomes a message only inside the actor: the mapping runs at the leaf of the
 * behavior chain, under every supervisor (SUP-14).
 */
export abstract class MappedMessage extends Envelope {
  /** Computes the message the behavior receives. */
  abstract map(): unknown;
  /** What a dead letter shows when the actor is gone. */
  abstract readonly original: unknown;
}

/** A piped promise settled (`pipeToSelf`). */
export class PipedResult<V> extends MappedMessage {
  constructor(
    readonly outcome: PipeOutcome<V>,
    readonly toMessage: (outcome: PipeOutcome<V>) => unknown,
  ) {
    super();
  }
  map(): unknown {
    return this.toMessage(this.outcome);
  }
  get original(): unknown {
    return this.outcome;
  }
}

/** A message sent to a message adapter (`context.messageAdapter`). */
export class AdaptedMessage<U> extends MappedMessage {
  constructor(
    readonly original: U,
    readonly adapt: (message: U) => unknown,
  ) {
    super();
  }
  map(): unknown {
    return this.adapt(this.original);
  }
}

/** The minimal view of a watched actor needed by a death notice. */
export interface WatchTarget {
  readonly path: string;
}
