import type { Behavior } from '../Behavior.js';
import type { StashBuffer } from '../StashBuffer.js';
import { StashOverflowError } from '../errors.js';
import { UnstashBehavior } from './behaviors.js';
import { Queue } from './Queue.js';

/** The runtime's {@link StashBuffer}: a bounded ring buffer owned by one actor. */
export class StashBufferImpl<T> implements StashBuffer<T> {
  private readonly items = new Queue<T>(4);

  constructor(
    readonly capacity: number,
    /** The supervisor node whose (re)start created this buffer, for pruning on restart. */
    readonly owner: object | undefined,
  ) {}

  // Stryker disable next-line BlockStatement: unspecified: no rule covers asking a stash buffer its size
  get size(): number {
    return this.items.size;
  }

  get isEmpty(): boolean {
    return this.items.size === 0;
  }

  get isFull(): boolean {
    return this.items.size >= this.capacity;
  }

  stash(message: T): void {
    if (this.isFull) throw new StashOverflowError(this.capacity);
    this.items.push(message);
  }

  unstashAll(behavior: Behavior<T>): Behavior<T> {
    return new UnstashBehavior(this, behavior, this.items.size, undefined);
  }

  unstash(behavior: Behavior<T>, count: number, wrap?: (message: T) => T): Behavior<T> {
    return new UnstashBehavior(this, behavior, Math.max(0, Math.min(count, this.items.size)), wrap);
  }

  head(): T {
    if (this.items.size === 0) throw new RangeError('StashBuffer.head: the buffer is empty');
    return this.items.peek() as T;
  }

  forEach(fn: (message: T) => void): void {
    this.items.forEach(fn);
  }

  // Stryker disable all: unspecified: no rule covers searching a stash buffer
  exists(predicate: (message: T) => boolean): boolean {
    let found = false;
    this.items.forEach((m) => {
      if (!found && predicate(m)) found = true;
    });
    return found;
  }
  // Stryker restore all

  clear(): void {
    this.items.clear();
  }

  /** Takes the oldest message out (used while unstashing). */
  take(): T {
    return this.items.shift() as T;
  }

  /** Removes and returns everything (used to dead-letter the rest at stop). */
  drain(): T[] {
    return this.items.drain();
  }
}
