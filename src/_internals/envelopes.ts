import type { PipeOutcome } from '../ActorContext.js';

/**
 * Internal mailbox items that are not user messages. One common base class so the hot
 * path distinguishes them from user messages with a single `instanceof`.
 */
export abstract class Envelope {}

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

/** A piped promise settled; the mapping runs inside the actor, under supervision (SUP-14). */
export class PipedResult<V> extends Envelope {
  constructor(
    readonly outcome: PipeOutcome<V>,
    readonly toMessage: (outcome: PipeOutcome<V>) => unknown,
  ) {
    super();
  }
}

/** The minimal view of a watched actor needed by a death notice. */
export interface WatchTarget {
  readonly path: string;
}
