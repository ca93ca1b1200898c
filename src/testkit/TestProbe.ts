import { isDeepStrictEqual, inspect } from 'node:util';
import type { ActorRef } from '../ActorRef.js';
import { Behaviors } from '../Behaviors.js';
import { Terminated } from '../Signal.js';
import type { ActorSystemImpl } from '../_internals/system.js';
import { isInstanceOf } from '../_internals/thrownValues.js';

/** Default real-time bound of the probe's waits: a broken runtime fails fast instead of hanging. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3000;

/** A probe assertion failed. @public */
export class ProbeAssertionError extends Error {
  readonly code = 'PROBE_ASSERTION';
  constructor(message: string) {
    super(message);
    this.name = 'ProbeAssertionError';
  }
}

/** Tells the probe actor to watch a ref; an internal protocol message. */
class WatchRequest {
  constructor(readonly target: ActorRef<never>) {}
}

interface Waiter<E> {
  resolve(item: E): void;
}

/** A FIFO of items with at most one pending reader. */
class Inbox<E> {
  private readonly items: E[] = [];
  private waiter: Waiter<E> | undefined;

  push(item: E): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.resolve(item);
    } else {
      this.items.push(item);
    }
  }

  get size(): number {
    return this.items.length;
  }

  take(timeoutMs: number, what: string): Promise<E> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift() as E);
    return new Promise<E>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new ProbeAssertionError(`timeout (${timeoutMs} ms real time) while waiting for ${what}`));
      }, timeoutMs);
      this.waiter = {
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
    });
  }
}

/**
 * A test actor that records what it receives, with awaitable expectations. Waits are
 * bounded by real time (default 3 s) so that a broken runtime fails the test instead of
 * hanging it; they never assert durations.
 *
 * @public
 */
export class TestProbe<T> {
  /** Send messages for the probe here. */
  readonly ref: ActorRef<T>;
  private readonly messages = new Inbox<T>();
  private readonly terminations = new Inbox<ActorRef<never>>();

  /** @internal use `ActorTestKit.createTestProbe`. */
  constructor(
    private readonly system: ActorSystemImpl<unknown>,
    name?: string,
  ) {
    const behavior = Behaviors.receive<unknown>((context, message) => {
      // Guarded: a probe records any message, a Proxy whose getPrototypeOf trap throws included.
      if (isInstanceOf(message, WatchRequest)) context.watch(message.target);
      else this.messages.push(message as T);
      return Behaviors.same();
    }).receiveSignal((_context, signal) => {
      if (signal instanceof Terminated) this.terminations.push(signal.ref);
      return Behaviors.same();
    });
    this.ref = system.spawnTopLevel(behavior, name) as ActorRef<T>;
  }

  /** Waits for the next message and returns it. */
  receiveMessage(timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): Promise<T> {
    return this.messages.take(timeoutMs, 'a message');
  }

  /** Waits for the next message and checks it deep-equals `expected`. */
  async expectMessage<E extends T>(expected: E, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): Promise<E> {
    const received = await this.messages.take(timeoutMs, `message ${inspect(expected)}`);
    if (!isDeepStrictEqual(received, expected)) {
      throw new ProbeAssertionError(`expected message ${inspect(expected)} but received ${inspect(received)}`);
    }
    return received as E;
  }

  /** Waits for `count` messages and returns them in order. */
  async receiveMessages(count: number, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < count; i++) out.push(await this.messages.take(timeoutMs, `message ${i + 1} of ${count}`));
    return out;
  }

  /**
   * Checks that no message arrived: first waits until the system is settled (no mail, no
   * pending async step), so no sleeping is needed under manual time. With `ms > 0` it then
   * also waits that long in real time (for timers on a real clock) and settles again.
   */
  async expectNoMessage(ms = 0): Promise<void> {
    await this.system.settled();
    if (ms > 0) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await this.system.settled();
    }
    if (this.messages.size > 0) {
      const unexpected = await this.messages.take(0, 'a message');
      throw new ProbeAssertionError(`expected no message but received ${inspect(unexpected)}`);
    }
  }

  /** Watches `target` and waits until it terminated. */
  async expectTerminated(target: ActorRef<never>, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): Promise<void> {
    this.ref.tell(new WatchRequest(target) as T);
    const terminated = await this.terminations.take(timeoutMs, `termination of ${target.path}`);
    if (terminated !== target) throw new ProbeAssertionError(`expected termination of ${target.path} but ${terminated.path} terminated`);
  }

  /** Stops the probe actor. */
  stop(): void {
    this.system.guardian.stopChild(this.ref as ActorRef<never>);
  }
}
