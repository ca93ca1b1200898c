/** Something the dispatcher can run: an actor cell with mail or a pending continuation. */
export interface Runnable {
  /** Set by the dispatcher while the runnable sits in the run queue. */
  scheduled: boolean;
  /** Processes up to `throughput` items; returns true when more work is immediately available. */
  run(throughput: number): boolean;
}

/** Items processed in one microtask drain before yielding a macrotask turn to timers and I/O. */
const ITEMS_PER_DRAIN = 50_000;

/**
 * Runs actors on the microtask queue: a FIFO run queue of actors with mail, each running
 * up to `throughput` items per turn, and a `setImmediate` yield every {@link ITEMS_PER_DRAIN}
 * items so endless ping-pong cannot starve timers and I/O. No allocation per message.
 */
export class Dispatcher {
  private readonly queue: Runnable[] = [];
  private queueHead = 0;
  private drainPending = false;
  private pendingAsyncSteps = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly throughput: number) {}

  schedule(runnable: Runnable): void {
    if (runnable.scheduled) return;
    runnable.scheduled = true;
    this.queue.push(runnable);
    if (!this.drainPending) {
      this.drainPending = true;
      queueMicrotask(this.drain);
    }
  }

  /** An async step (a promise-returning hook) started; {@link Dispatcher.whenIdle} waits for it. */
  asyncStepStarted(): void {
    this.pendingAsyncSteps++;
  }

  asyncStepEnded(): void {
    this.pendingAsyncSteps--;
    this.notifyIfIdle();
  }

  get isIdle(): boolean {
    return !this.drainPending && this.pendingAsyncSteps === 0 && this.queue.length === this.queueHead;
  }

  /**
   * Resolves once the dispatcher stayed idle across a macrotask turn, so promises settled
   * in the meantime (e.g. piped results) got their chance to enqueue mail.
   */
  whenIdle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const check = (): void => {
        if (!this.isIdle) {
          this.idleWaiters.push(check);
          return;
        }
        setImmediate(() => {
          if (this.isIdle) resolve();
          else this.idleWaiters.push(check);
        });
      };
      check();
    });
  }

  private readonly drain = (): void => {
    let processed = 0;
    const queue = this.queue;
    while (this.queueHead < queue.length) {
      const runnable = queue[this.queueHead++] as Runnable;
      runnable.scheduled = false;
      if (runnable.run(this.throughput)) this.schedule(runnable);
      processed += this.throughput;
      if (this.queueHead > 1024 && this.queueHead * 2 > queue.length) {
        queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      if (processed >= ITEMS_PER_DRAIN && this.queueHead < queue.length) {
        setImmediate(this.drain);
        return;
      }
    }
    queue.length = 0;
    this.queueHead = 0;
    this.drainPending = false;
    this.notifyIfIdle();
  };

  private notifyIfIdle(): void {
    if (!this.isIdle || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
