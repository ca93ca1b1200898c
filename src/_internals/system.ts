import type { ActorRef } from '../ActorRef.js';
import type { ActorSystem, ActorSystemOptions } from '../ActorSystem.js';
import type { Behavior } from '../Behavior.js';
import { SystemClock, type Clock } from '../Clock.js';
import type { Extension } from '../Extension.js';
import { DuplicateExtensionError, InvalidSystemOptionError, UnknownExtensionError } from '../errors.js';
import { ActorCell } from './ActorCell.js';
import { Dispatcher } from './Dispatcher.js';
import { EventStreamImpl } from './EventStreamImpl.js';
import type { RuntimeHost } from './RuntimeHost.js';

const DEFAULT_THROUGHPUT = 300;

/** Publishes whatever it is told as a dead letter. */
class DeadLettersRef implements ActorRef<unknown> {
  readonly name = 'deadLetters';
  readonly path = '/deadLetters';
  constructor(private readonly eventStream: EventStreamImpl) {}
  tell(message: unknown): void {
    this.eventStream.publish({ type: 'DeadLetter', message, recipient: this.path });
  }
}

/** The runtime's {@link ActorSystem}: the guardian cell plus the shared services. */
export class ActorSystemImpl<T> implements ActorSystem<T>, RuntimeHost {
  readonly dispatcher: Dispatcher;
  readonly systemMessagePriority: boolean;
  readonly reverseChildStops: boolean;
  readonly clock: Clock;
  readonly eventStream = new EventStreamImpl();
  readonly deadLetters: ActorRef<unknown>;
  readonly whenTerminated: Promise<void>;
  readonly guardian: ActorCell;
  private readonly extensions = new Map<string, Extension>();
  private readonly randomSource: () => number;
  private terminated = false;
  /** How to fail each ask still waiting for a reply from this system (see {@link trackAsk}). */
  private pendingAsks = new Set<() => void>();
  private resolveTerminated: () => void = () => {};

  constructor(
    guardian: Behavior<T>,
    readonly name: string,
    options: ActorSystemOptions,
  ) {
    this.clock = options.clock ?? new SystemClock();
    this.randomSource = options.random ?? Math.random;
    const { throughput = DEFAULT_THROUGHPUT, runQueue = 'fifo', childStopOrder = 'creation', systemMessagePriority = false } = options;
    if (!(Number.isInteger(throughput) && throughput >= 1)) throw new InvalidSystemOptionError('throughput', throughput, 'a whole number of at least 1');
    if (!['fifo', 'lifo', 'alternating'].includes(runQueue)) throw new InvalidSystemOptionError('runQueue', runQueue, "'fifo', 'lifo' or 'alternating'");
    if (childStopOrder !== 'creation' && childStopOrder !== 'reverse') throw new InvalidSystemOptionError('childStopOrder', childStopOrder, "'creation' or 'reverse'");
    if (typeof systemMessagePriority !== 'boolean') throw new InvalidSystemOptionError('systemMessagePriority', systemMessagePriority, 'true or false');
    this.dispatcher = new Dispatcher(throughput, runQueue);
    this.systemMessagePriority = systemMessagePriority;
    this.reverseChildStops = childStopOrder === 'reverse';
    this.deadLetters = new DeadLettersRef(this.eventStream);
    for (const extension of options.extensions ?? []) {
      if (this.extensions.has(extension.id)) throw new DuplicateExtensionError(extension.id);
      this.extensions.set(extension.id, extension);
    }
    this.whenTerminated = new Promise<void>((resolve) => {
      this.resolveTerminated = resolve;
    });
    this.guardian = new ActorCell(this, undefined, 'user', guardian as Behavior<unknown>);
    this.dispatcher.schedule(this.guardian);
  }

  get system(): ActorSystem<unknown> {
    return this as ActorSystem<unknown>;
  }

  get path(): string {
    return this.guardian.path;
  }

  get isTerminated(): boolean {
    return this.terminated;
  }

  tell(message: T): void {
    this.guardian.tell(message);
  }

  terminate(): Promise<void> {
    this.guardian.requestStop();
    return this.whenTerminated;
  }

  extension<E extends Extension>(id: string): E {
    const extension = this.extensions.get(id);
    if (!extension) throw new UnknownExtensionError(id);
    return extension as E;
  }

  settled(): Promise<void> {
    return this.dispatcher.whenIdle();
  }

  random(): number {
    return this.randomSource();
  }

  deadLetter(message: unknown, recipient: string): void {
    this.eventStream.publish({ type: 'DeadLetter', message, recipient });
  }

  guardianTerminated(): void {
    this.terminated = true;
    // Asks still waiting fail now, before whenTerminated resolves (no reply can come any more).
    const asks = this.pendingAsks;
    this.pendingAsks = new Set();
    for (const abort of asks) abort();
    this.resolveTerminated();
  }

  trackAsk(abort: () => void): () => void {
    const asks = this.pendingAsks;
    asks.add(abort);
    return () => asks.delete(abort);
  }

  /** Spawns a child of the guardian from outside any actor (used by the testkit). */
  spawnTopLevel<U>(behavior: Behavior<U>, name: string | undefined): ActorRef<U> {
    return this.guardian.spawnChild(behavior as Behavior<unknown>, name) as ActorRef<U>;
  }
}

/** Backs {@link ActorSystem.create}. */
export function createActorSystem<T>(guardian: Behavior<T>, name: string, options: ActorSystemOptions): ActorSystem<T> {
  return new ActorSystemImpl(guardian, name, options);
}
