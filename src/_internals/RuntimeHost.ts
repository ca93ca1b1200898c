import type { ActorSystem } from '../ActorSystem.js';
import type { Clock } from '../Clock.js';
import type { EventStreamImpl } from './EventStreamImpl.js';
import type { Dispatcher } from './Dispatcher.js';
import type { Extension } from '../Extension.js';

/** What every actor cell needs from its system. */
export interface RuntimeHost {
  readonly dispatcher: Dispatcher;
  /** Termination notices go ahead of queued user messages (`ActorSystemOptions.systemMessagePriority`). */
  readonly systemMessagePriority: boolean;
  /** Children are asked to stop newest first (`ActorSystemOptions.childStopOrder`). */
  readonly reverseChildStops: boolean;
  readonly clock: Clock;
  readonly eventStream: EventStreamImpl;
  readonly system: ActorSystem<unknown>;
  random(): number;
  extension<E extends Extension>(id: string): E;
  deadLetter(message: unknown, recipient: string): void;
  /** The root actor terminated: the system is done. */
  guardianTerminated(): void;
  /** Registers how to fail a pending ask when the system terminates; returns its deregistration. */
  trackAsk(abort: () => void): () => void;
}
