import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../src/ActorRef.js';
import { ActorSystem } from '../../src/ActorSystem.js';
import { Behaviors } from '../../src/Behaviors.js';
import { ManualClock } from '../../src/Clock.js';
import { ask } from '../../src/ask.js';
import { AskTimeoutError } from '../../src/errors.js';
import type { RuntimeEvent } from '../../src/EventStream.js';
import { PostStop } from '../../src/Signal.js';
import * as root from '../../src/index.js';
import { testKit } from './fixtures.js';

type Request = { readonly question: string; readonly replyTo: ActorRef<string> };

const echo = Behaviors.receiveMessage<Request>((request) => {
  if (request.question !== 'silence') request.replyTo.tell(`answer to ${request.question}`);
  return Behaviors.same();
});

describe('ActorSystem', () => {
  it('LIF-01 the system is a ref to its guardian and terminates with it', async () => {
    const clock = new ManualClock();
    const events: RuntimeEvent[] = [];
    const stops: string[] = [];
    const system = ActorSystem.create(
      Behaviors.setup<Request>((context) => {
        context.spawn(
          Behaviors.receiveSignal<string>((_c, signal) => {
            if (signal === PostStop) stops.push('child');
            return Behaviors.same();
          }),
          'child',
        );
        return echo;
      }),
      'sys',
      { clock },
    );
    system.eventStream.subscribe((event) => events.push(event));
    expect(system.name).toBe('sys');
    expect(system.clock).toBe(clock);
    await expect(ask<Request, string>(system, (replyTo) => ({ question: 'q', replyTo }))).resolves.toBe('answer to q');
    system.deadLetters.tell('lost');
    expect(events).toContainEqual({ type: 'DeadLetter', message: 'lost', recipient: '/deadLetters' });
    await system.terminate();
    expect(system.isTerminated).toBe(true);
    expect(stops).toEqual(['child']);
    await system.whenTerminated;
  });

  it('LIF-08 ask resolves with the first reply and rejects with AskTimeoutError on the system clock', async () => {
    const kit = testKit();
    const target = kit.spawn(echo, 'echo');
    await expect(ask<Request, string>(target, (replyTo) => ({ question: 'x', replyTo }))).resolves.toBe('answer to x');
    const pending = ask<Request, string>(target, (replyTo) => ({ question: 'silence', replyTo }), { timeoutMs: 500 });
    await kit.settled();
    kit.manualTime.timePasses(500);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AskTimeoutError);
    expect((error as AskTimeoutError).code).toBe('ASK_TIMEOUT');
  });

  it('LIF-08 a throwing listener does not disturb the publisher; unsubscribe stops delivery', async () => {
    const kit = testKit();
    const seen: string[] = [];
    kit.system.eventStream.subscribe(() => {
      throw new Error('bad listener');
    });
    const unsubscribe = kit.system.eventStream.subscribe((event) => seen.push(event.type));
    kit.system.deadLetters.tell(1);
    unsubscribe();
    kit.system.deadLetters.tell(2);
    expect(seen).toEqual(['DeadLetter']);
  });

  it('LIF-02 context.log publishes Log events with the actor path', async () => {
    const kit = testKit();
    const events: RuntimeEvent[] = [];
    kit.system.eventStream.subscribe((event) => events.push(event));
    kit.spawn(
      Behaviors.setup<string>((context) => {
        context.log.info('hello', { n: 1 });
        context.log.warn('careful');
        return Behaviors.ignore();
      }),
      'logger',
    );
    await kit.settled();
    expect(events).toEqual([
      { type: 'Log', level: 'info', source: '/user/logger', message: 'hello', data: { n: 1 } },
      { type: 'Log', level: 'warn', source: '/user/logger', message: 'careful' },
    ]);
  });

  it('LIF-07 scheduleOnce sends on the clock and can be cancelled; pipeToSelf delivers outcomes', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    kit.spawn(
      Behaviors.setup<string>((context) => {
        context.scheduleOnce(100, log.ref, 'scheduled');
        const cancelled = context.scheduleOnce(100, log.ref, 'cancelled');
        log.ref.tell(`cancel:${cancelled.cancel()}:${cancelled.cancel()}`);
        context.pipeToSelf(Promise.resolve(7), (o) => (o.ok ? `ok:${String(o.value)}` : 'failed'));
        context.pipeToSelf(Promise.reject(new Error('nope')), (o) => (o.ok ? 'ok' : `error:${(o.error as Error).message}`));
        return Behaviors.receiveMessage((message) => {
          log.ref.tell(message);
          return Behaviors.same();
        });
      }),
    );
    await log.expectMessage('cancel:true:false');
    expect((await log.receiveMessages(2)).sort()).toEqual(['error:nope', 'ok:7']);
    kit.manualTime.timePasses(100);
    await log.expectMessage('scheduled');
    await log.expectNoMessage();
  });

  it('LIF-07 keyed timers: single, fixed delay, fixed rate, replacement and cancel', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.withTimers<string>((timers) => {
        timers.startSingleTimer('single', 'single', 10);
        timers.startSingleTimer('single', 'replacement', 20);
        timers.startTimerWithFixedDelay('delay', 'delay', 30);
        timers.startTimerAtFixedRate('rate', 'rate', 25, 5);
        return Behaviors.receiveMessage((message) => {
          if (message === 'cancel') timers.cancelAll();
          else log.ref.tell(message);
          return Behaviors.same();
        });
      }),
    );
    await kit.settled(); // the actor starts (and arms its timers) asynchronously
    kit.manualTime.timePasses(5);
    await log.expectMessage('rate');
    kit.manualTime.timePasses(15);
    await log.expectMessage('replacement');
    kit.manualTime.timePasses(10);
    expect((await log.receiveMessages(2)).sort()).toEqual(['delay', 'rate']);
    actor.tell('cancel');
    await kit.settled();
    kit.manualTime.timePasses(100);
    await log.expectNoMessage();
    expect(kit.manualTime.clock.pendingTimers).toBe(0);
  });

  it('LIF-01 the package root exports the runtime and the persistence API', () => {
    for (const name of ['ActorSystem', 'Behaviors', 'SupervisorStrategy', 'ask', 'PostStop', 'PreRestart', 'Terminated', 'ChildFailed', 'DeathPactError', 'ManualClock'] as const) {
      expect(root[name]).toBeDefined();
    }
  });

  it('LIF-02 endless ping-pong does not starve timers and I/O (the dispatcher yields)', async () => {
    type Ball = { readonly to: ActorRef<Ball> };
    const system = ActorSystem.create(
      Behaviors.setup<Ball>((context) => {
        const player = Behaviors.receive<Ball>((ctx, ball) => {
          ball.to.tell({ to: ctx.self });
          return Behaviors.same();
        });
        const a = context.spawn(player, 'a');
        const b = context.spawn(player, 'b');
        a.tell({ to: b });
        return Behaviors.ignore();
      }),
      'ping-pong',
    );
    await new Promise((resolve) => setTimeout(resolve, 0)); // only resolves if the drain yields
    await system.terminate();
    expect(system.isTerminated).toBe(true);
  });

  it('SUP-01 a failing guardian terminates the system; dead letters unwrap piped results', async () => {
    const events: RuntimeEvent[] = [];
    const system = ActorSystem.create(
      Behaviors.receive<string>((context, message) => {
        if (message === 'pipe-late') {
          context.pipeToSelf(new Promise<number>((resolve) => setImmediate(() => resolve(42))), () => 'piped');
          return Behaviors.same();
        }
        throw new Error('guardian down');
      }),
      'fragile',
    );
    system.eventStream.subscribe((event) => events.push(event));
    system.tell('pipe-late');
    system.tell('die');
    await system.whenTerminated;
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toContainEqual({ type: 'DeadLetter', message: { ok: true, value: 42 }, recipient: '/user' });
  });
});
