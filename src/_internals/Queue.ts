/**
 * A growable ring buffer: O(1) push/shift without per-element allocation, which keeps
 * `tell` allocation-free (the benchmark target is a million messages in well under 100 ms).
 */
export class Queue<T> {
  private items: Array<T | undefined>;
  private head = 0;
  private count = 0;

  /** `initialCapacity` is rounded up to a power of two so indexes wrap with a mask. */
  constructor(initialCapacity = 16) {
    let capacity = 2;
    while (capacity < initialCapacity) capacity *= 2;
    this.items = new Array<T | undefined>(capacity);
  }

  /** Number of queued items. */
  get size(): number {
    return this.count;
  }

  /** Appends `item`. */
  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    const items = this.items;
    items[(this.head + this.count) & (items.length - 1)] = item;
    this.count++;
  }

  /** Removes and returns the oldest item; `undefined` when empty. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const items = this.items;
    const item = items[this.head];
    items[this.head] = undefined;
    this.head = (this.head + 1) & (items.length - 1);
    this.count--;
    return item;
  }

  /** Removes and returns the newest item; `undefined` when empty. */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const items = this.items;
    const at = (this.head + this.count - 1) & (items.length - 1);
    const item = items[at];
    items[at] = undefined;
    this.count--;
    return item;
  }

  /** The oldest item without removing it. */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  /** Puts `items` in front of the queue, keeping their order. */
  prependAll(items: ReadonlyArray<T>): void {
    if (items.length === 0) return;
    const rest = this.drain();
    for (const item of items) this.push(item);
    for (const item of rest) this.push(item);
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const out: T[] = [];
    while (this.count > 0) out.push(this.shift() as T);
    return out;
  }

  /** Visits the items oldest first, removing nothing. */
  forEach(fn: (item: T) => void): void {
    for (let i = 0; i < this.count; i++) fn(this.items[(this.head + i) & (this.items.length - 1)] as T);
  }

  /** Removes every item. */
  clear(): void {
    this.items = new Array<T | undefined>(16);
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const old = this.items;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.items = next;
    this.head = 0;
  }
}
