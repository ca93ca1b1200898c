import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/Actor.js';
import type { ActorContext } from '../../src/ActorContext.js';
import { ActorSystem } from '../../src/ActorSystem.js';
import { Behaviors } from '../../src/Behaviors.js';
import type { Extension } from '../../src/Extension.js';
import { ChildFailed, PostStop, Terminated } from '../../src/Signal.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import { ActorInitializationError, DuplicateExtensionError, HookTimeoutError, UnknownExtensionError } from '../../src/errors.js';
import { Boom, testKit } from './fixtures.js';

/** A key-value "database" extension. */
class Store implements Extension {
  readonly id = 'store';
  readonly data = new Map<string, number>();
}

/** A deferred promise the test resolves by hand. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Command = 'inc' | 'get' | 'fail' | 'flush';

/** A persistent counter in the GoAkt style: load in preStart, flush in postStop (or on 'flush'). */
class CounterActor implements Actor<Command> {
  private count = 0;
  constructor(
    private readonly log: (entry: string) => void,
    private readonly startGate?: Promise<void>,
  ) {}
  async preStart(context: ActorContext<Command>): Promise<void> {
    if (this.startGate) await this.startGate;
    this.count = context.extension<Store>('store').data.get(context.self.name) ?? 0;
    this.log(`preStart:${this.count}`);
  }
  receive(context: ActorContext<Command>, message: Command): void {
    if (message === 'inc') this.count++;
    if (message === 'get') this.log(`count:${this.count}`);
    if (message === 'flush') context.extension<Store>('store').data.set(context.self.name, this.count);
    if (message === 'fail') throw new Boom();
  }
  async postStop(context: ActorContext<Command>): Promise<void> {
    await Promise.resolve();
    context.extension<Store>('store').data.set(context.self.name, this.count);
    this.log(`postStop:${this.count}`);
  }
}

describe('object actors and hooks (HOOK)', () => {
  it('HOOK-01 an async preStart completes before the first message', async () => {
    const store = new Store();
    const kit = testKit({ extensions: [store] });
    const log = kit.createTestProbe<string>();
    const gate = deferred();
    const actor = kit.spawn(Behaviors.fromActor(() => new CounterActor((e) => log.ref.tell(e), gate.promise)), 'c');
    actor.tell('inc');
    actor.tell('get');
    // If 'inc' ran before preStart, preStart would reset the count and 'get' would report 0.
    gate.resolve();
    await log.expectMessage('preStart:0');
    await log.expectMessage('count:1');
  });

  it('HOOK-02 a rejecting preStart means no start: no message is processed and the supervisor decides', async () => {
    const kit = testKit({ extensions: [new Store()] });
    const log = kit.createTestProbe<string>();
    let attempts = 0;
    const failingStart = Behaviors.fromActor<string>(() => ({
      async preStart(): Promise<void> {
        attempts++;
        throw new Boom('cannot start');
      },
      receive(_context, message): void {
        log.ref.tell(`processed ${message}`);
      },
    }));
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const child = context.spawn(Behaviors.supervise(failingStart).onFailure(SupervisorStrategy.restart().withLimit(2, 1000)), 'child');
        child.tell('hello');
        context.watch(child);
        return Behaviors.receiveSignal((_c, signal) => {
          if (signal instanceof ChildFailed && signal.cause instanceof ActorInitializationError) log.ref.tell(`child failed: ${(signal.cause.cause as Error).message}`);
          return Behaviors.same();
        });
      }),
    );
    await log.expectMessage('child failed: cannot start');
    await log.expectNoMessage();
    expect(attempts).toBe(3);
  });

  it('HOOK-03 state flushed in postStop on a graceful stop is what the next preStart loads', async () => {
    const store = new Store();
    const kit = testKit({ extensions: [store] });
    const log = kit.createTestProbe<string>();
    const first = kit.spawn(Behaviors.fromActor(() => new CounterActor((e) => log.ref.tell(e))), 'persistent');
    await log.expectMessage('preStart:0');
    first.tell('inc');
    first.tell('inc');
    await kit.settled(); // a stop request overtakes queued mail, like a system message
    kit.stop(first);
    await log.expectMessage('postStop:2');
    await log.expectTerminated(first);
    kit.spawn(Behaviors.fromActor(() => new CounterActor((e) => log.ref.tell(e))), 'persistent');
    await log.expectMessage('preStart:2');
  });

  it('HOOK-04 a crash-restart runs no postStop: only what was flushed while processing survives', async () => {
    const store = new Store();
    const kit = testKit({ extensions: [store] });
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(Behaviors.supervise(Behaviors.fromActor(() => new CounterActor((e) => log.ref.tell(e)))).onFailure(SupervisorStrategy.restart()), 'crashy');
    await log.expectMessage('preStart:0');
    for (const m of ['inc', 'flush', 'inc', 'inc', 'fail', 'get'] as const) actor.tell(m);
    await log.expectMessage('preStart:1');
    await log.expectMessage('count:1');
    await log.expectNoMessage();
  });

  it('HOOK-05 after a restart the state is what the init hook re-derives (the factory runs per incarnation)', async () => {
    const kit = testKit({ extensions: [new Store()] });
    const log = kit.createTestProbe<string>();
    let instances = 0;
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.fromActor<Command>(() => {
          instances++;
          return new CounterActor((e) => log.ref.tell(e));
        }),
      ).onFailure(SupervisorStrategy.restart()),
    );
    await log.expectMessage('preStart:0');
    for (const m of ['inc', 'inc', 'fail', 'get'] as const) actor.tell(m);
    await log.expectMessage('preStart:0');
    await log.expectMessage('count:0');
    expect(instances).toBe(2);
  });

  it('HOOK-08 extensions are unique by id and the same instance is visible from every hook', async () => {
    const store = new Store();
    expect(() => ActorSystem.create(Behaviors.ignore(), 'dup', { extensions: [store, new Store()] })).toThrow(DuplicateExtensionError);
    const kit = testKit({ extensions: [store] });
    const seen: Store[] = [];
    const actor = kit.spawn(
      Behaviors.fromActor<string>(() => ({
        preStart: (context) => void seen.push(context.extension<Store>('store')),
        receive: (context) => void seen.push(context.extension<Store>('store')),
        postStop: (context) => void seen.push(context.extension<Store>('store')),
      })),
    );
    actor.tell('x');
    await kit.settled();
    kit.stop(actor);
    await kit.settled();
    expect(seen).toHaveLength(3);
    for (const s of seen) expect(s).toBe(store);
    expect(kit.system.extension('store')).toBe(store);
    expect(() => kit.system.extension('nope')).toThrow(UnknownExtensionError);
  });

  it('HOOK-09 watchers hear Terminated only after an async postStop completed; own watches are released', async () => {
    const kit = testKit({ extensions: [new Store()] });
    const log = kit.createTestProbe<string>();
    const gate = deferred();
    const other = kit.spawn(Behaviors.ignore<string>(), 'other');
    const slow = kit.spawn(
      Behaviors.fromActor<string>(() => ({
        preStart: (context) => context.watch(other),
        receive: () => undefined,
        postStop: async () => {
          await gate.promise;
          log.ref.tell('postStop done');
        },
      })),
      'slow',
    );
    kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watch(slow);
        return Behaviors.receiveSignal((_c, signal) => {
          if (signal instanceof Terminated) log.ref.tell(`Terminated(${signal.ref.name})`);
          return Behaviors.same();
        });
      }),
    );
    await kit.settled();
    kit.stop(slow);
    await Promise.resolve();
    gate.resolve();
    await log.expectMessage('postStop done');
    await log.expectMessage('Terminated(slow)');
    kit.stop(other); // slow no longer watches other: no DeathPact, no dead letter noise
    await log.expectNoMessage();
  });

  it('HOOK-02 a preStart that throws synchronously is a start failure too, and an async receive failure is supervised', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const sync = kit.spawn(
      Behaviors.fromActor<string>(() => ({
        preStart: () => {
          throw new Boom('sync');
        },
        receive: () => undefined,
      })),
    );
    await log.expectTerminated(sync);
    let incarnations = 0;
    const asyncFail = kit.spawn(
      Behaviors.supervise(
        Behaviors.fromActor<string>(() => {
          incarnations++;
          return {
            receive: async (_context, message) => {
              if (message === 'fail') throw new Boom('async');
              log.ref.tell(`${incarnations}:${message}`);
            },
          };
        }),
      ).onFailure(SupervisorStrategy.restart()),
    );
    asyncFail.tell('fail');
    asyncFail.tell('after');
    await log.expectMessage('2:after');
  });

  it('HOOK-01 while an async receive is pending the actor processes nothing else', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const gate = deferred();
    const actor = kit.spawn(
      Behaviors.fromActor<string>(() => ({
        receive: async (_context, message) => {
          log.ref.tell(`start ${message}`);
          if (message === 'first') await gate.promise;
          log.ref.tell(`end ${message}`);
        },
      })),
    );
    actor.tell('first');
    actor.tell('second');
    await log.expectMessage('start first');
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve();
    expect(await log.receiveMessages(3)).toEqual(['end first', 'start second', 'end second']);
  });

  it('HOOK-09 an async postStop of a child completes before the parent PostStop', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const parent = kit.spawn(
      Behaviors.setup<string>((context) => {
        context.spawn(
          Behaviors.fromActor<string>(() => ({
            receive: () => undefined,
            postStop: async () => {
              await new Promise((resolve) => setImmediate(resolve));
              log.ref.tell('child postStop');
            },
          })),
          'child',
        );
        return Behaviors.receiveSignal<string>((_c, signal) => {
          if (signal === PostStop) log.ref.tell('parent PostStop');
          return Behaviors.same();
        });
      }),
    );
    await kit.settled();
    kit.stop(parent);
    expect(await log.receiveMessages(2)).toEqual(['child postStop', 'parent PostStop']);
  });

  it('HOOK-02 a preStart exceeding preStartTimeoutMs is a start failure; a late completion is ignored', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const never = deferred();
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const child = context.spawn(
          Behaviors.fromActor<string>(
            () => ({
              preStart: () => never.promise,
              receive: (_context, message) => log.ref.tell(`processed ${message}`),
            }),
            { preStartTimeoutMs: 500 },
          ),
          'slow-start',
        );
        child.tell('hello');
        context.watch(child);
        return Behaviors.receiveSignal((_c, signal) => {
          if (signal instanceof ChildFailed && signal.cause.cause instanceof HookTimeoutError) log.ref.tell(`${signal.cause.cause.code} ${signal.cause.cause.hook}`);
          return Behaviors.same();
        });
      }),
    );
    // settled() would wait for the pending preStart: yield one macrotask turn for the start instead.
    await new Promise((resolve) => setImmediate(resolve));
    kit.manualTime.timePasses(499);
    await new Promise((resolve) => setImmediate(resolve));
    expect(kit.manualTime.clock.pendingTimers).toBe(1);
    kit.manualTime.timePasses(1);
    await log.expectMessage('HOOK_TIMEOUT preStart');
    never.resolve();
    await log.expectNoMessage();
  });
  it('HOOK-06 hook-style actors take the stop, resume and restart directives, and escalate through DeathPact', async () => {
    const kit = testKit({ extensions: [new Store()] });
    const log = kit.createTestProbe<string>();
    const counterUnder = (strategy: SupervisorStrategy, name: string) =>
      kit.spawn(Behaviors.supervise(Behaviors.fromActor(() => new CounterActor((e) => log.ref.tell(`${name} ${e}`)))).onFailure(strategy), name);

    const resumed = counterUnder(SupervisorStrategy.resume(), 'resumed');
    await log.expectMessage('resumed preStart:0');
    for (const m of ['inc', 'fail', 'inc', 'get'] as const) resumed.tell(m);
    await log.expectMessage('resumed count:2');

    const restarted = counterUnder(SupervisorStrategy.restart(), 'restarted');
    await log.expectMessage('restarted preStart:0');
    for (const m of ['inc', 'fail', 'get'] as const) restarted.tell(m);
    await log.expectMessage('restarted preStart:0');
    await log.expectMessage('restarted count:0');

    // Stop is the default: a failure without a directive stops the actor, and postStop runs.
    const stoppedByDefault = kit.spawn(Behaviors.fromActor(() => new CounterActor((e) => log.ref.tell(`default ${e}`))), 'default');
    await log.expectMessage('default preStart:0');
    stoppedByDefault.tell('fail');
    await log.expectMessage('default postStop:0');
    await log.expectTerminated(stoppedByDefault);

    // Escalate: a watching parent that does not handle the child's failure fails itself.
    const parent = kit.spawn(
      Behaviors.setup<string>((context) => {
        const child = context.spawn(Behaviors.fromActor(() => new CounterActor((e) => log.ref.tell(`child ${e}`))), 'child');
        context.watch(child);
        return Behaviors.receiveMessage<string>((message) => {
          child.tell(message as Command);
          return Behaviors.same();
        });
      }),
      'escalating-parent',
    );
    await log.expectMessage('child preStart:0');
    parent.tell('fail');
    await log.expectMessage('child postStop:0');
    await log.expectTerminated(parent);
  });

  it('HOOK-07 (reference choice) a restart stops the children instead of rebuilding the subtree', async () => {
    const kit = testKit({ extensions: [new Store()] });
    const log = kit.createTestProbe<string>();
    let incarnation = 0;
    const parent = kit.spawn(
      Behaviors.supervise(
        Behaviors.fromActor<string>(() => {
          const mine = ++incarnation;
          return {
            preStart: (context) => {
              context.spawn(Behaviors.fromActor(() => new CounterActor((e) => log.ref.tell(`child of ${mine} ${e}`))), 'child');
            },
            receive: (_context, message) => {
              if (message === 'fail') throw new Boom();
            },
          };
        }),
      ).onFailure(SupervisorStrategy.restart()),
      'parent',
    );
    await log.expectMessage('child of 1 preStart:0');
    parent.tell('fail');
    // The old child is stopped (its postStop runs); the new incarnation's preStart spawns a fresh one.
    expect(await log.receiveMessages(2)).toEqual(['child of 1 postStop:0', 'child of 2 preStart:0']);
  });
});
