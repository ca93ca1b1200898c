/** Red-team: what travels through a restart besides messages (timers, stashes, piped results, signals). */
import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import type { Behavior } from '../../../src/Behavior.js';
import { Behaviors } from '../../../src/Behaviors.js';
import { ChildFailed, PostStop, PreRestart, Terminated } from '../../../src/Signal.js';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { DeathPactError } from '../../../src/errors.js';
import { Boom, recordEvents, testKit } from '../fixtures.js';
import { describeSignal } from './_target.js';

describe('red team: signals, timers and stashes across restarts', () => {
  it('SUP-10 a piped result or adapted message dropped by a full restart buffer is published as the user sees it', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    let adapter: ActorRef<number> | undefined;
    const other = kit.spawn(Behaviors.ignore<string>(), 'other');
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>((context) => {
          context.watch(other);
          adapter ??= context.messageAdapter<number>((n) => `adapted:${n}`);
          return Behaviors.receiveMessage<string>((m) => {
            if (m === 'fail') throw new Boom();
            if (m === 'pipe') context.pipeToSelf(Promise.resolve(7), (outcome) => (outcome.ok ? `piped:${outcome.value}` : 'error'));
            log.ref.tell(m);
            return Behaviors.same();
          });
        }),
      ).onFailure(SupervisorStrategy.restartWithBackoff(100, 100, 0).withStashCapacity(0)),
    );
    actor.tell('pipe');
    actor.tell('fail');
    await log.expectMessage('pipe');
    adapter?.tell(5);
    kit.stop(other);
    await kit.settled();
    const dropped = events.flatMap((e) => (e.type === 'Dropped' ? [e.message] : []));
    expect(dropped).toEqual([{ ok: true, value: 7 }, 5, new Terminated(other)]);
  });

  it('LIF-07 a restart of an inner part cancels timers of the enclosing setup too, and a tick queued before the failure is discarded', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.withTimers<string>((timers) => {
        timers.startTimerWithFixedDelay('tick', 'tick', 10);
        return Behaviors.supervise(
          Behaviors.receiveMessage<string>((m) => {
            if (m === 'fail') throw new Boom();
            log.ref.tell(m);
            return Behaviors.same();
          }),
        ).onFailure(SupervisorStrategy.restart());
      }),
    );
    await kit.settled();
    kit.manualTime.timePasses(10);
    await log.expectMessage('tick');
    actor.tell('fail');
    kit.manualTime.timePasses(10); // the tick is queued behind 'fail'
    await kit.settled();
    kit.manualTime.timePasses(100);
    await log.expectNoMessage();
    expect(kit.manualTime.clock.pendingTimers).toBe(0);
  });

  it('SUP-14 a Terminated handler that throws is supervised: resume keeps the state, restart signals PreRestart', async () => {
    for (const kind of ['resume', 'restart'] as const) {
      const kit = testKit();
      const log = kit.createTestProbe<string>();
      const other = kit.spawn(Behaviors.ignore<string>(), 'other');
      const actor = kit.spawn(
        Behaviors.setup<string>((context) => {
          context.watch(other);
          const counting = (n: number): Behavior<string> =>
            Behaviors.receiveMessage<string>((m) => {
              if (m === 'inc') return counting(n + 1);
              log.ref.tell(`count:${n}`);
              return Behaviors.same();
            }).receiveSignal((_c, signal) => {
              if (signal instanceof Terminated) throw new Boom('in signal handler');
              log.ref.tell(signal.signalName);
              return Behaviors.same();
            });
          return Behaviors.supervise(counting(0)).onFailure(kind === 'resume' ? SupervisorStrategy.resume() : SupervisorStrategy.restart());
        }),
      );
      actor.tell('inc');
      await kit.settled();
      kit.stop(other);
      await kit.settled();
      actor.tell('get');
      if (kind === 'restart') await log.expectMessage('PreRestart');
      await log.expectMessage(kind === 'resume' ? 'count:1' : 'count:0');
      await log.expectNoMessage();
      await kit.shutdown();
    }
  });

  it('SUP-15 a setup that returns stopped during a restart stops the actor under restart, withLimit and backoff', async () => {
    const strategies = [
      SupervisorStrategy.restart(),
      SupervisorStrategy.restart().withLimit(1, 100),
      SupervisorStrategy.restartWithBackoff(1, 100, 1),
    ];
    for (const strategy of strategies) {
      const kit = testKit();
      const log = kit.createTestProbe<string>();
      let setups = 0;
      const actor = kit.spawn(
        Behaviors.supervise(
          Behaviors.setup<string>(() => {
            setups++;
            if (setups > 1) return Behaviors.stopped(() => log.ref.tell('stopped callback'));
            return Behaviors.receiveMessage<string>(() => {
              throw new Boom();
            });
          }),
        ).onFailure(strategy),
      );
      actor.tell('boom');
      await kit.settled();
      kit.manualTime.timePasses(300);
      await log.expectMessage('stopped callback');
      await log.expectTerminated(actor);
      expect(setups).toBe(2);
      await kit.shutdown();
    }
  });

  it('STASH-05 while a restart waits for a child, a stash of the enclosing setup keeps its content and a stash of the restarted part is discarded', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.withStash<string>(10, (outer) =>
        Behaviors.supervise(
          Behaviors.withStash<string>(10, (inner) =>
            Behaviors.setup<string>((context) => {
              context.spawn(Behaviors.ignore<string>(), 'kid');
              log.ref.tell(`setup outer:${outer.size} inner:${inner.size}`);
              return Behaviors.receiveMessage<string>((m) => {
                if (m === 'fail') throw new Boom();
                if (m.startsWith('o')) outer.stash(m);
                else if (m.startsWith('i')) inner.stash(m);
                else if (m === 'release') return outer.unstashAll(Behaviors.same());
                else log.ref.tell(m);
                return Behaviors.same();
              });
            }),
          ),
        ).onFailure(SupervisorStrategy.restart()),
      ),
    );
    await log.expectMessage('setup outer:0 inner:0');
    for (const m of ['o1', 'i1', 'o2', 'fail', 'x']) actor.tell(m);
    await log.expectMessage('setup outer:2 inner:0');
    await log.expectMessage('x');
    await log.expectNoMessage();
  });

  it('WATCH-07 three levels: the top sees ChildFailed(middle, DeathPactError), the middle the original cause, the top restarts and keeps serving', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let worker: ActorRef<string> | undefined;
    const middle = Behaviors.setup<string>((context) => {
      worker = context.spawn(
        Behaviors.receiveMessage<string>(() => {
          throw new Boom();
        }),
        'worker',
      );
      context.watch(worker);
      return Behaviors.receiveSignal<string>((_c, signal) => {
        if (signal instanceof Terminated) log.ref.tell(`middle saw ${describeSignal(signal)}`);
        return Behaviors.unhandled(); // not handled: DeathPact
      });
    });
    let incarnations = 0;
    const top = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>((context) => {
          incarnations++;
          context.watch(context.spawn(middle, 'middle'));
          return Behaviors.receive<string>((_c, m) => {
            log.ref.tell(`top ${incarnations} serves ${m}`);
            return Behaviors.same();
          }).receiveSignal((_c, signal) => {
            if (signal instanceof ChildFailed) log.ref.tell(`top saw ${describeSignal(signal)}`);
            else if (signal === PreRestart || signal === PostStop) log.ref.tell(`top ${signal.signalName}`);
            return signal instanceof Terminated ? Behaviors.unhandled() : Behaviors.same();
          });
        }),
      ).onFailure(DeathPactError, SupervisorStrategy.restart()),
      'top',
    );
    await kit.settled();
    worker?.tell('go');
    expect(await log.receiveMessages(3)).toEqual([
      'middle saw ChildFailed(worker, Boom)',
      `top saw ChildFailed(middle, ${DeathPactError.name})`,
      'top PreRestart',
    ]);
    top.tell('ping');
    await log.expectMessage('top 2 serves ping');
    await log.expectNoMessage();
  });
});
