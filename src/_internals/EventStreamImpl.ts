import type { EventStream, RuntimeEvent } from '../EventStream.js';

/** Synchronous listener list; a throwing listener never affects the publisher or the others. */
export class EventStreamImpl implements EventStream {
  private listeners: Array<(event: RuntimeEvent) => void> = [];

  subscribe(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  publish(event: RuntimeEvent): void {
    // Copy-on-write list: (un)subscribing from inside a listener does not disturb this loop.
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the runtime that publishes.
      }
    }
  }

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }
}
