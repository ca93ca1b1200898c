import type { ActorRef } from '../ActorRef.js';
import type { ActorSystem } from '../ActorSystem.js';
import type { Behavior } from '../Behavior.js';
import { Behaviors } from '../Behaviors.js';
import { ManualClock, SystemClock, type Clock } from '../Clock.js';
import type { Extension } from '../Extension.js';
import { ActorSystemImpl } from '../_internals/system.js';
import { TestProbe } from './TestProbe.js';

/** Options of {@link ActorTestKit.create}. @public */
export interface ActorTestKitOptions {
  /** Use a {@link ManualClock} that only moves through `manualTime.timePasses`. */
  readonly manualTime?: boolean;
  /** System name (default `test`). */
  readonly name?: string;
  readonly extensions?: ReadonlyArray<Extension>;
  /** Uniform source in [0, 1) for backoff jitter. */
  readonly random?: () => number;
}

/** Control of the testkit's manual clock. @public */
export interface ManualTime {
  readonly clock: ManualClock;
  /** Moves the clock forward, firing every timer that falls due (synchronously). */
  timePasses(ms: number): void;
}

/**
 * An actor system for tests: spawn actors under the guardian, create probes, control time
 * and wait until the system is quiet.
 *
 * @public
 */
export class ActorTestKit {
  /** The system under test (its guardian ignores everything). */
  readonly system: ActorSystem<never>;
  /** The system's clock: a {@link ManualClock} with `manualTime`, else the wall clock. */
  readonly clock: Clock;
  private readonly impl: ActorSystemImpl<never>;
  private readonly manual: ManualClock | undefined;

  private constructor(options: ActorTestKitOptions) {
    this.manual = options.manualTime ? new ManualClock() : undefined;
    this.clock = this.manual ?? new SystemClock();
    this.impl = new ActorSystemImpl<never>(Behaviors.ignore(), options.name ?? 'test', {
      clock: this.clock,
      ...(options.extensions ? { extensions: options.extensions } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    this.system = this.impl;
  }

  /** A new testkit with its own system. */
  static create(options: ActorTestKitOptions = {}): ActorTestKit {
    return new ActorTestKit(options);
  }

  /** The manual clock; throws unless created with `manualTime: true`. */
  get manualTime(): ManualTime {
    const clock = this.manual;
    if (!clock) throw new Error('ActorTestKit: create it with { manualTime: true } to control time');
    return { clock, timePasses: (ms) => clock.advance(ms) };
  }

  /** Spawns a top-level actor (a child of the guardian). */
  spawn<T>(behavior: Behavior<T>, name?: string): ActorRef<T> {
    return this.impl.spawnTopLevel(behavior, name);
  }

  /** Stops an actor spawned by {@link ActorTestKit.spawn}. */
  stop(ref: ActorRef<never>): void {
    this.impl.guardian.stopChild(ref);
  }

  /** A new probe actor (a child of the guardian). */
  createTestProbe<T>(name?: string): TestProbe<T> {
    return new TestProbe<T>(this.impl as ActorSystemImpl<unknown>, name);
  }

  /** Resolves once no actor has mail or a pending async step (timers excluded). */
  settled(): Promise<void> {
    return this.impl.settled();
  }

  /** Terminates the system. */
  shutdown(): Promise<void> {
    return this.impl.terminate();
  }
}
