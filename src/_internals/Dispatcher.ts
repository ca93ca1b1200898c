import type { RunQueueOrder } from '../ActorSystem.js';
import { Queue } from './Queue.js';

/** Something the dispatcher can run: an actor cell with mail or a pending continuation. */
export interface Runnable {
  /** Set by the dispatcher while the runnable sits in the run queue. */
  scheduled: boolean;
  /** Processes up to `throughput` items; returns true when more work is immediately available. */
  run(throughput: number): boolean;
}

/** Longest stretch of actor work on the microtask queue before yielding a macrotask turn. */
const DRAIN_BUDGET_MS = 10;
/** How many runs between two looks at the clock. */
const RUNS_BETWEEN_CLOCK_CHECKS = 64;

/**
 * Runs actors on the microtask queue: a run queue of actors with mail (FIFO unless told otherwise), each running
 * up to `throughput` items per turn, and a `setImmediate` yield after {@link DRAIN_BUDGET_MS}
 * so endless ping-pong cannot starve timers and I/O. No allocation per message.
 */
export class Dispatcher {
  private readonly queue = new Queue<Runnable>(64);
  private drainPending = false;
  private pendingAsyncSteps = 0;
  private idleWaiters: Array<() => void> = [];

  /** For `'alternating'`: whether the next turn goes to the latest scheduled actor. */
  private newestNext = false;

  constructor(
    private readonly throughput: number,
    private readonly order: RunQueueOrder = 'fifo',
  ) {}

  schedule(runnable: Runnable): void {
    if (runnable.scheduled) return;
    // Stryker disable next-line BooleanLiteral: unspecified: a runnable queued twice only gets extra turns (its own order is kept); how turns are shared between actors is fairness, which no rule covers
    runnable.scheduled = true;
    this.queue.push(runnable);
    if (!this.drainPending) {
      // Stryker disable next-line BooleanLiteral: equivalent: an extra drain microtask finds the queue empty or carries on with it; isIdle also needs an empty queue
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
    return !this.drainPending && this.pendingAsyncSteps === 0 && this.queue.size === 0;
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
    try {
      this.drainQueue();
    } catch (error) {
      // A runtime bug escaped an actor's turn: the other actors keep running (and terminate()
      // can still finish) before it surfaces. drainPending is still set, so nothing else queues a drain.
      queueMicrotask(this.drain);
      throw error;
    }
  };

  private drainQueue(): void {
    const queue = this.queue;
    const started = performance.now();
    let runs = 0;
    while (queue.size > 0) {
      const runnable = this.next(queue);
      runnable.scheduled = false;
      if (runnable.run(this.throughput)) this.schedule(runnable);
      // Stryker disable next-line all: unspecified: only decides when actor work yields a macrotask to timers and I/O (the suite's clock is virtual); no rule covers scheduling fairness
      if (++runs % RUNS_BETWEEN_CLOCK_CHECKS === 0 && queue.size > 0 && performance.now() - started > DRAIN_BUDGET_MS) {
        setImmediate(this.drain);
        return;
      }
    }
    this.drainPending = false;
    this.notifyIfIdle();
  }

  /** The runnable whose turn it is: the oldest in the queue, the newest, or each by turns. */
  private next(queue: Queue<Runnable>): Runnable {
    if (this.order === 'fifo') return queue.shift() as Runnable;
    if (this.order === 'lifo') return queue.pop() as Runnable;
    this.newestNext = !this.newestNext;
    return (this.newestNext ? queue.pop() : queue.shift()) as Runnable;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
