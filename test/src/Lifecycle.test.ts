import { describe, expect, it } from 'vitest';
import { Behaviors } from '../../src/Behaviors.js';
import { NotAChildError } from '../../src/errors.js';
import { ChildFailed, PostStop, PreRestart, Terminated } from '../../src/Signal.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import type { ActorRef } from '../../src/ActorRef.js';
import { announcingCounter, Boom, counter, recordEvents, testKit } from './fixtures.js';

describe('lifecycle (LIF)', () => {
  it('LIF-01 setup runs eagerly at spawn and once per incarnation', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(Behaviors.supervise(announcingCounter(log.ref)).onFailure(SupervisorStrategy.restart()));
    await log.expectMessage('started');
    await log.expectNoMessage();
    actor.tell('fail');
    await log.expectMessage('PreRestart');
    await log.expectMessage('started');
    await log.expectNoMessage();
  });

  it('LIF-02 messages from one sender are processed one at a time in order', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<number>();
    let inFlight = 0;
    const actor = kit.spawn(
      Behaviors.receiveMessage<number>((n) => {
        inFlight++;
        expect(inFlight).toBe(1);
        log.ref.tell(n);
        inFlight--;
        return Behaviors.same();
      }),
    );
    const sent = Array.from({ length: 500 }, (_, i) => i);
    for (const n of sent) actor.tell(n);
    expect(await log.receiveMessages(sent.length)).toEqual(sent);
  });

  it('LIF-03 stopped: PostStop goes to the last behavior, then the stopped callback runs', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.receiveMessage<string>(() => Behaviors.stopped(() => log.ref.tell('callback'))).receiveSignal((_c, signal) => {
        if (signal === PostStop) log.ref.tell('signal');
        return Behaviors.same();
      }),
    );
    actor.tell('stop');
    await log.expectMessage('signal');
    await log.expectMessage('callback');
    await log.expectTerminated(actor);
    await log.expectNoMessage();
  });

  it('LIF-04 children stop (PostStop each) before the parent PostStop', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const onStop = (label: string) =>
      Behaviors.receiveSignal<string>((_c, signal) => {
        if (signal === PostStop) log.ref.tell(label);
        return Behaviors.same();
      });
    const parent = kit.spawn(
      Behaviors.setup<string>((context) => {
        const child = context.spawn(onStop('child-done'), 'child');
        context.spawn(Behaviors.setup(() => onStop('child-done')), 'child2');
        expect(context.children.map((c) => c.name)).toEqual(['child', 'child2']);
        expect(context.child('child')).toBe(child);
        return onStop('parent-done');
      }),
      'parent',
    );
    await kit.settled();
    kit.stop(parent);
    expect(await log.receiveMessages(3)).toEqual(['child-done', 'child-done', 'parent-done']);
  });

  it('LIF-05 restart delivers PreRestart and never PostStop', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(Behaviors.supervise(counter(log.ref)).onFailure(SupervisorStrategy.restart()));
    actor.tell('fail');
    actor.tell('get');
    await log.expectMessage('PreRestart');
    await log.expectMessage('count:0');
    await log.expectNoMessage();
  });

  it('LIF-06 failure without supervision, or with the restart limit exhausted, delivers PostStop then Terminated', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const plain = kit.spawn(counter(log.ref));
    plain.tell('fail');
    await log.expectMessage('PostStop');
    await log.expectTerminated(plain);

    const limited = kit.spawn(Behaviors.supervise(counter(log.ref)).onFailure(SupervisorStrategy.restart().withLimit(1, 10_000)));
    limited.tell('fail');
    limited.tell('fail');
    await log.expectMessage('PreRestart');
    await log.expectMessage('PostStop');
    await log.expectTerminated(limited);
  });

  it('LIF-07 timers are cancelled on restart and on stop', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const behavior = Behaviors.withTimers<string>((timers) =>
      Behaviors.receiveMessage((message) => {
        if (message === 'arm') timers.startSingleTimer('key', 'tick', 100);
        else if (message === 'tick') log.ref.tell('tick');
        else if (message === 'fail') throw new Boom();
        else if (message === 'stop') return Behaviors.stopped();
        else if (message === 'armed?') log.ref.tell(String(timers.isTimerActive('key')));
        return Behaviors.same();
      }),
    );
    const restarted = kit.spawn(Behaviors.supervise(behavior).onFailure(SupervisorStrategy.restart()));
    restarted.tell('arm');
    restarted.tell('fail');
    restarted.tell('armed?');
    await log.expectMessage('false');
    kit.manualTime.timePasses(1000);
    await log.expectNoMessage();

    const stopped = kit.spawn(behavior);
    stopped.tell('arm');
    stopped.tell('stop');
    await log.expectTerminated(stopped);
    expect(kit.manualTime.clock.pendingTimers).toBe(0);
  });

  it('LIF-08 messages left in the mailbox at stop and sent afterwards become dead letters', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(counter(log.ref), 'victim');
    actor.tell('stop');
    actor.tell('left-over');
    await log.expectTerminated(actor);
    actor.tell('after');
    await kit.settled();
    const deadLetters = events.filter((e) => e.type === 'DeadLetter').map((e) => (e.type === 'DeadLetter' ? [e.message, e.recipient] : []));
    expect(deadLetters).toEqual([
      ['left-over', '/user/victim'],
      ['after', '/user/victim'],
    ]);
  });

  it('LIF-09 context.stop accepts only own children and is idempotent for a stopped child', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const stranger = kit.spawn(Behaviors.ignore<string>(), 'stranger');
    const parent = kit.spawn(
      Behaviors.setup<string>((context) => {
        const child = context.spawn(Behaviors.ignore<string>(), 'child');
        return Behaviors.receiveMessage((message) => {
          if (message === 'stop-stranger') {
            try {
              context.stop(stranger);
            } catch (error) {
              log.ref.tell(error instanceof NotAChildError ? error.code : 'other');
            }
          } else if (message === 'stop-child') {
            context.stop(child);
            context.stop(child);
            log.ref.tell('stopped twice');
          } else if (message === 'ping') {
            log.ref.tell('alive');
          }
          return Behaviors.same();
        });
      }),
    );
    parent.tell('stop-stranger');
    await log.expectMessage('NOT_A_CHILD');
    parent.tell('stop-child');
    await log.expectMessage('stopped twice');
    await kit.settled();
    parent.tell('stop-child');
    await log.expectMessage('stopped twice');
    parent.tell('ping');
    await log.expectMessage('alive');
  });

  it('LIF-10 an error in PreRestart or PostStop is logged and does not prevent restart or stop', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const throwingSignals = Behaviors.receiveMessage<string>((message) => {
      if (message === 'fail') throw new Boom();
      if (message === 'stop') return Behaviors.stopped();
      log.ref.tell(`got:${message}`);
      return Behaviors.same();
    }).receiveSignal((_c, signal) => {
      if (signal === PreRestart || signal === PostStop) throw new Error(`broken ${signal.signalName}`);
      return Behaviors.same();
    });
    const actor = kit.spawn(Behaviors.supervise(throwingSignals).onFailure(SupervisorStrategy.restart()));
    actor.tell('fail');
    actor.tell('hello');
    await log.expectMessage('got:hello');
    actor.tell('stop');
    await log.expectTerminated(actor);
    const logged = events.flatMap((e) => (e.type === 'Log' && e.level === 'error' ? [e.message] : []));
    expect(logged).toContain('error in PreRestart handler');
    expect(logged).toContain('error in PostStop handler');
  });

  it('LIF-11 after empty nothing is handled and a watched stop is a DeathPact; after ignore everything is dropped', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const refs = kit.createTestProbe<ActorRef<string>>();
    const unhandled = () => events.flatMap((e) => (e.type === 'UnhandledMessage' ? [e.message] : []));
    for (const marker of ['empty', 'ignore'] as const) {
      // parent watches middle, middle watches leaf; middle turns into `marker` on its first message.
      const parent = kit.spawn(
        Behaviors.setup<string>((context) => {
          const middle = context.spawn(
            Behaviors.setup<string>((ctx) => {
              const leaf = ctx.spawn(Behaviors.receiveMessage<string>(() => Behaviors.stopped()), 'leaf');
              ctx.watch(leaf);
              refs.ref.tell(ctx.self);
              refs.ref.tell(leaf);
              return Behaviors.receiveMessage<string>(() => (marker === 'empty' ? Behaviors.empty() : Behaviors.ignore()));
            }),
            'middle',
          );
          context.watch(middle);
          return Behaviors.receiveMessage<string>(() => {
            context.stop(middle);
            return Behaviors.same();
          }).receiveSignal((_c, signal) => {
            if (signal instanceof ChildFailed) log.ref.tell(`${marker}: ${signal.cause.name}`);
            else if (signal instanceof Terminated) log.ref.tell(`${marker}: stopped`);
            return Behaviors.same();
          });
        }),
        `${marker}-parent`,
      );
      const middle = await refs.receiveMessage();
      const leaf = await refs.receiveMessage();
      middle.tell('become');
      middle.tell(`${marker}: after`);
      await kit.settled();
      expect(unhandled().includes(`${marker}: after`)).toBe(marker === 'empty');
      leaf.tell('stop');
      await kit.settled();
      if (marker === 'empty') {
        await log.expectMessage('empty: DeathPactError');
      } else {
        await log.expectNoMessage();
        parent.tell('stop middle');
        await log.expectMessage('ignore: stopped');
      }
    }
  });

  it('LIF-01 names: invalid and duplicate names are rejected, anonymous names come from a counter', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const codes: string[] = [];
        for (const name of ['', 'a/b', '$x']) {
          try {
            context.spawn(Behaviors.ignore(), name);
          } catch (error) {
            codes.push((error as { code: string }).code);
          }
        }
        context.spawn(Behaviors.ignore(), 'twin');
        try {
          context.spawn(Behaviors.ignore(), 'twin');
        } catch (error) {
          codes.push((error as { code: string }).code);
        }
        const anonymous: Array<ActorRef<never>> = [context.spawnAnonymous(Behaviors.ignore()), context.spawnAnonymous(Behaviors.ignore())];
        log.ref.tell([...codes, ...anonymous.map((r) => r.path)].join(' '));
        return Behaviors.ignore();
      }),
      'names',
    );
    await log.expectMessage('INVALID_ACTOR_NAME INVALID_ACTOR_NAME INVALID_ACTOR_NAME DUPLICATE_ACTOR_NAME /user/names/$0 /user/names/$1');
  });
});
