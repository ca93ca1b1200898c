import { describe, expect, it } from 'vitest';
import { ActorSystem, type ActorSystemOptions } from '../../src/ActorSystem.js';
import { Behaviors } from '../../src/Behaviors.js';
import { ManualClock } from '../../src/Clock.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import type { ActorRef } from '../../src/ActorRef.js';
import { InvalidSystemOptionError } from '../../src/errors.js';
import { PostStop, Terminated } from '../../src/Signal.js';

/**
 * A parent with three watched children that is told to stop each of them and then sent two
 * messages: the order in which it reports the notices and the messages shows the scheduling.
 */
async function stopThreeChildren(options: ActorSystemOptions): Promise<string[]> {
  const log: string[] = [];
  const system = ActorSystem.create(
    Behaviors.setup<string>((context) => {
      const children = new Map<string, ActorRef<string>>();
      for (const name of ['c1', 'c2', 'c3']) {
        const child = context.spawn(Behaviors.empty<string>(), name);
        children.set(name, child);
        context.watch(child);
      }
      return Behaviors.receive<string>((ctx, message) => {
        if (message.startsWith('stop ')) ctx.stop(children.get(message.slice(5))!);
        else log.push(message);
        return Behaviors.same();
      }).receiveSignal((_ctx, signal) => {
        if (signal instanceof Terminated) log.push(`Terminated ${signal.ref.name}`);
        return Behaviors.same();
      });
    }),
    'scheduling',
    { throughput: 2, ...options },
  );
  await system.settled();
  for (const message of ['stop c1', 'stop c2', 'stop c3', 'm1', 'm2']) system.tell(message);
  await system.settled();
  await system.terminate();
  return log;
}

/** The order in which a parent's children get PostStop when it stops. */
async function childStops(options: ActorSystemOptions): Promise<string[]> {
  const log: string[] = [];
  const child = (name: string) =>
    Behaviors.receiveSignal<string>((_c, signal) => {
      if (signal === PostStop) log.push(name);
      return Behaviors.same();
    });
  const system = ActorSystem.create(
    Behaviors.setup<string>((context) => {
      for (const name of ['a', 'b', 'c']) context.spawn(child(name), name);
      return Behaviors.receiveMessage<string>(() => Behaviors.stopped());
    }),
    'stops',
    options,
  );
  await system.settled();
  system.tell('stop');
  await system.whenTerminated;
  return log;
}

describe('scheduling options (freedoms the rules leave, ADAPTERS.md "Freedoms")', () => {
  it('by default a notice waits behind the messages already in the mailbox', async () => {
    expect(await stopThreeChildren({})).toEqual(['m1', 'm2', 'Terminated c1', 'Terminated c2', 'Terminated c3']);
  });

  it('systemMessagePriority: a notice is handled before the next message', async () => {
    const log = await stopThreeChildren({ systemMessagePriority: true });
    expect(log.indexOf('Terminated c1')).toBeLessThan(log.indexOf('m1'));
    expect(log.filter((e) => e.startsWith('Terminated'))).toHaveLength(3);
    expect(log.filter((e) => e.startsWith('m'))).toEqual(['m1', 'm2']);
  });

  it("runQueue 'lifo': the actor scheduled last runs first, so the last child stopped terminates first", async () => {
    const log = await stopThreeChildren({ runQueue: 'lifo' });
    expect(log.filter((e) => e.startsWith('Terminated'))).toEqual(['Terminated c3', 'Terminated c2', 'Terminated c1']);
  });

  it("runQueue 'alternating' and any throughput keep each actor's own order", async () => {
    for (const options of [{ runQueue: 'alternating' as const }, { throughput: 1 }, { throughput: 300 }]) {
      const log = await stopThreeChildren(options);
      expect(log.filter((e) => e.startsWith('m'))).toEqual(['m1', 'm2']);
      expect(log.filter((e) => e.startsWith('Terminated')).sort()).toEqual(['Terminated c1', 'Terminated c2', 'Terminated c3']);
    }
  });

  it("childStopOrder 'reverse': the newest child is asked to stop first", async () => {
    expect(await childStops({})).toEqual(['a', 'b', 'c']);
    expect(await childStops({ childStopOrder: 'reverse' })).toEqual(['c', 'b', 'a']);
  });

  it('systemMessagePriority: a notice waiting when a backoff restart begins is buffered and handled after it, even by an actor never sent a message', async () => {
    const clock = new ManualClock();
    const seen: string[] = [];
    let failed = false;
    const watcher = Behaviors.setup<string>((ctx) => {
      for (const name of ['c1', 'c2']) ctx.watch(ctx.spawn(Behaviors.setup<string>(() => Behaviors.stopped()), name));
      return Behaviors.receiveSignal<string>((_c, signal) => {
        if (!(signal instanceof Terminated)) return Behaviors.same();
        seen.push(signal.ref.name);
        if (!failed) {
          failed = true;
          throw new Error('first notice fails');
        }
        return Behaviors.same();
      });
    });
    const system = ActorSystem.create(
      Behaviors.setup<string>((ctx) => {
        ctx.spawn(Behaviors.supervise(watcher).onFailure(SupervisorStrategy.restartWithBackoff(10, 10, 0).withStopChildren(false)), 'w');
        return Behaviors.empty<string>();
      }),
      'buffered-notice',
      { clock, systemMessagePriority: true },
    );
    await system.settled();
    expect(seen).toHaveLength(1);
    clock.advance(10);
    await system.settled();
    // The buffered notice of the other child first, then those of the children the restarted setup spawned.
    expect(seen).toHaveLength(4);
    expect([...seen.slice(0, 2)].sort()).toEqual(['c1', 'c2']);
    await system.terminate();
  });

  it('rejects an option it cannot work with, naming it', () => {
    const guardian = Behaviors.empty<never>();
    const bad: [ActorSystemOptions, string][] = [
      [{ throughput: 0 }, 'throughput'],
      [{ throughput: 1.5 }, 'throughput'],
      [{ runQueue: 'random' as never }, 'runQueue'],
      [{ childStopOrder: 'alphabetical' as never }, 'childStopOrder'],
      [{ systemMessagePriority: 'yes' as never }, 'systemMessagePriority'],
    ];
    for (const [options, option] of bad) {
      const attempt = () => ActorSystem.create(guardian, 'bad', options);
      expect(attempt).toThrow(InvalidSystemOptionError);
      expect(attempt).toThrow(new RegExp(`option ${option} is`));
    }
  });
});
