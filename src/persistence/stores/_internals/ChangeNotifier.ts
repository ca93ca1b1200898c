/**
 * Wakes live queries when a store commits a change. Listeners are one-shot: each waiting
 * query registers, is called once, and registers again after it has read what is new.
 */
export class ChangeNotifier {
  private listeners = new Set<() => void>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  /** Calls `listener` once, on the next commit or on close; returns a function that cancels it. */
  onNextChange(listener: () => void): () => void {
    if (this.closed) {
      listener();
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    // The write path calls this on every commit; with nobody listening it must cost nothing.
    if (this.listeners.size === 0) return;
    const waiting = this.listeners;
    this.listeners = new Set();
    for (const listener of waiting) listener();
  }

  /** Wakes every listener for the last time; later registrations are called at once. */
  close(): void {
    this.closed = true;
    this.notify();
  }
}
