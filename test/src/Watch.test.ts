import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../src/ActorRef.js';
import type { Behavior } from '../../src/Behavior.js';
import { Behaviors } from '../../src/Behaviors.js';
import { ChildFailed, PostStop, Terminated, type Signal } from '../../src/Signal.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import { DeathPactError, WatchConflictError } from '../../src/errors.js';
import { Boom, counter, recordEvents, testKit } from './fixtures.js';

/** Describes a signal for the log: `Terminated(name)` or `ChildFailed(name, message)`. */
function describeSignal(signal: Signal): string {
  if (signal instanceof ChildFailed) return `ChildFailed(${signal.ref.name}, ${signal.cause.message})`;
  if (signal instanceof Terminated) return `Terminated(${signal.ref.name})`;
  return signal.signalName;
}

/** Forwards every signal to the log, handling it. */
function signalLogger(log: ActorRef<string>, onMessage: (message: string) => void = () => {}): Behavior<string> {
  return Behaviors.receiveMessage<string>((message) => {
    onMessage(message);
    return Behaviors.same();
  }).receiveSignal((_c, signal) => {
    log.tell(describeSignal(signal));
    return Behaviors.same();
  });
}

describe('watch (WATCH)', () => {
  it('WATCH-01 one Terminated per watcher after a stop; repeated watch is idempotent', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const target = kit.spawn(counter(log.ref), 'target');
    kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watch(target);
        context.watch(target);
        return signalLogger(log.ref);
      }),
    );
    await kit.settled();
    target.tell('stop');
    await log.expectMessage('PostStop');
    await log.expectMessage('Terminated(target)');
    await log.expectNoMessage();
  });

  it('WATCH-02 a watching parent gets ChildFailed with the cause; other watchers and graceful stops get Terminated', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const other = kit.createTestProbe<string>();
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const failing = context.spawn(counter(other.ref), 'failing');
        const graceful = context.spawn(counter(other.ref), 'graceful');
        context.watch(failing);
        context.watch(graceful);
        failing.tell('fail');
        graceful.tell('stop');
        return signalLogger(log.ref);
      }),
    );
    expect((await log.receiveMessages(2)).sort()).toEqual(['ChildFailed(failing, boom)', 'Terminated(graceful)']);
  });

  it('WATCH-03 watching an already terminated actor still yields Terminated', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const dead = kit.spawn(Behaviors.stopped<string>(), 'dead');
    await log.expectTerminated(dead);
    kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watch(dead);
        return signalLogger(log.ref);
      }),
    );
    await log.expectMessage('Terminated(dead)');
  });

  it('WATCH-04 after unwatch no notification arrives, even one already queued', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const target = kit.spawn(counter(log.ref), 'target');
    const watcher = kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watch(target);
        return signalLogger(log.ref, (message) => {
          if (message === 'unwatch') context.unwatch(target);
          log.ref.tell(message);
        });
      }),
    );
    await kit.settled();
    target.tell('stop'); // runs first: its death notice is queued behind 'unwatch'
    watcher.tell('unwatch');
    await log.expectMessage('PostStop');
    await log.expectMessage('unwatch');
    await log.expectNoMessage();
  });

  it('WATCH-05 watchWith delivers the custom message; conflicting re-registration fails unless unwatched first', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const target = kit.spawn(Behaviors.ignore<string>(), 'target');
    const watcher = kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watchWith(target, 'target-gone');
        context.watchWith(target, 'target-gone'); // same message: idempotent
        return Behaviors.receiveMessage<string>((message) => {
          if (message === 'conflict') {
            for (const attempt of [() => context.watch(target), () => context.watchWith(target, 'other')]) {
              try {
                attempt();
              } catch (error) {
                log.ref.tell(error instanceof WatchConflictError ? error.code : 'unexpected');
              }
            }
          } else if (message === 'redefine') {
            context.unwatch(target);
            context.watchWith(target, 'redefined');
          } else {
            log.ref.tell(message);
          }
          return Behaviors.same();
        });
      }),
    );
    watcher.tell('conflict');
    await log.expectMessage('WATCH_CONFLICT');
    await log.expectMessage('WATCH_CONFLICT');
    watcher.tell('redefine');
    await kit.settled();
    kit.stop(target);
    await log.expectMessage('redefined');
    await log.expectNoMessage();
  });

  it('WATCH-05 watch after watchWith without unwatch fails the watcher', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const target = kit.spawn(Behaviors.ignore<string>());
    const watcher = kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watchWith(target, 'gone');
        return Behaviors.receiveMessage<string>(() => {
          context.watch(target);
          return Behaviors.same();
        });
      }),
    );
    watcher.tell('watch');
    await log.expectTerminated(watcher);
  });

  it('WATCH-06 an unhandled Terminated raises DeathPactError; an unhandled watchWith message does not', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const parent = kit.createTestProbe<string>();
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const child = context.spawn(Behaviors.empty<string>(), 'watcher');
        context.watch(child);
        return Behaviors.receiveSignal((_c, signal) => {
          if (signal instanceof ChildFailed) parent.ref.tell(`${signal.cause.name}:${(signal.cause as DeathPactError).code}`);
          return Behaviors.same();
        });
      }),
    );
    const target = kit.spawn(Behaviors.ignore<string>());
    const deathPact = kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watch(target);
        return Behaviors.receiveMessage<string>(() => Behaviors.same()).receiveSignal((_c, signal) => {
          if (signal === PostStop) log.ref.tell('watcher PostStop');
          return undefined;
        });
      }),
    );
    const tolerant = kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watchWith(target, 'gone');
        return Behaviors.receiveMessage<string>(() => Behaviors.unhandled());
      }),
    );
    await kit.settled();
    kit.stop(target);
    await log.expectMessage('watcher PostStop');
    await log.expectTerminated(deathPact);
    await kit.settled();
    expect(events.some((e) => e.type === 'UnhandledMessage' && e.message === 'gone')).toBe(true);
    tolerant.tell('still alive?');
    await kit.settled();
    expect(events.some((e) => e.type === 'UnhandledMessage' && e.message === 'still alive?')).toBe(true);
    // a watcher whose child stops gracefully but does not handle Terminated: DeathPact reaches its parent
    const grand = kit.spawn(
      Behaviors.setup<string>((context) => {
        const middle = context.spawn(
          Behaviors.setup<string>((ctx) => {
            ctx.watch(ctx.spawn(Behaviors.stopped<string>(), 'leaf'));
            return Behaviors.receiveMessage<string>(() => Behaviors.same());
          }),
          'middle',
        );
        context.watch(middle);
        return Behaviors.receiveSignal((_c, signal) => {
          if (signal instanceof ChildFailed) parent.ref.tell(`${signal.cause.name}:${(signal.cause as DeathPactError).code}`);
          return Behaviors.same();
        });
      }),
    );
    await parent.expectMessage('DeathPactError:DEATH_PACT');
    kit.stop(grand);
  });

  it('WATCH-07 failure bubbles up through DeathPact and the Boss restarts (seed Boss/MiddleManagement/Worker)', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    type Command = { kind: 'fail'; text: string } | { kind: 'hello'; text: string; replyTo: ActorRef<string> };
    const worker = Behaviors.receiveMessage<Command>((message) => {
      if (message.kind === 'fail') throw new Error(message.text);
      message.replyTo.tell(message.text);
      return Behaviors.same();
    });
    const middleManagement = Behaviors.setup<Command>((context) => {
      log.ref.tell('Middle management starting up');
      const child = context.spawn(worker, 'child');
      context.watch(child);
      return Behaviors.receiveMessage<Command>((message) => {
        child.tell(message);
        return Behaviors.same();
      });
    });
    const boss = Behaviors.supervise(
      Behaviors.setup<Command>((context) => {
        log.ref.tell('Boss starting up');
        const middle = context.spawn(middleManagement, 'middle-management');
        context.watch(middle);
        return Behaviors.receiveMessage<Command>((message) => {
          middle.tell(message);
          return Behaviors.same();
        });
      }),
    ).onFailure(DeathPactError, SupervisorStrategy.restart());
    const bossRef = kit.spawn(boss, 'boss');
    await log.expectMessage('Boss starting up');
    await log.expectMessage('Middle management starting up');
    bossRef.tell({ kind: 'hello', text: 'hi', replyTo: log.ref });
    await log.expectMessage('hi');
    bossRef.tell({ kind: 'fail', text: 'worker crash' });
    await log.expectMessage('Boss starting up');
    await log.expectMessage('Middle management starting up');
    bossRef.tell({ kind: 'hello', text: 'hi again', replyTo: log.ref });
    await log.expectMessage('hi again');
  });

  it('WATCH-07 only the immediate parent sees the original cause; the next level sees DeathPactError', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const middle = context.spawn(
          Behaviors.setup<string>((ctx) => {
            const worker = ctx.spawn(counter(ctx.system.deadLetters as ActorRef<string>), 'worker');
            ctx.watch(worker);
            worker.tell('fail');
            return Behaviors.receiveMessage<string>(() => Behaviors.same()).receiveSignal((_c, signal) => {
              if (signal instanceof ChildFailed) log.ref.tell(`middle sees ${signal.cause.name}`);
              return undefined; // unhandled: DeathPact
            });
          }),
          'middle',
        );
        context.watch(middle);
        return Behaviors.receiveSignal((_c, signal) => {
          if (signal instanceof ChildFailed) log.ref.tell(`top sees ${signal.cause.name}`);
          return Behaviors.same();
        });
      }),
    );
    await log.expectMessage('middle sees Boom');
    await log.expectMessage('top sees DeathPactError');
  });

  it('WATCH-08 a parent that does not watch learns nothing of a child failure', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const parent = kit.spawn(
      Behaviors.setup<string>((context) => {
        const child = context.spawn(counter(context.system.deadLetters as ActorRef<string>), 'child');
        child.tell('fail');
        return signalLogger(log.ref, (message) => log.ref.tell(`children:${context.children.length}`));
      }),
    );
    await kit.settled();
    parent.tell('count');
    await log.expectMessage('children:0');
    await log.expectNoMessage();
  });

  it('WATCH-09 watches on non-children survive a restart and a Terminated during the restart is buffered', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const other = kit.spawn(Behaviors.ignore<string>(), 'other');
    const actor = kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watch(other);
        return Behaviors.supervise(
          Behaviors.setup<string>(() => {
            log.ref.tell('incarnation');
            return signalLogger(log.ref, (message) => {
              if (message === 'fail') throw new Boom();
            });
          }),
        ).onFailure(SupervisorStrategy.restartWithBackoff(100, 100, 0));
      }),
    );
    await log.expectMessage('incarnation');
    actor.tell('fail');
    await log.expectMessage('PreRestart');
    kit.stop(other);
    await log.expectNoMessage();
    kit.manualTime.timePasses(100);
    await log.expectMessage('incarnation');
    await log.expectMessage('Terminated(other)');
  });

  it('WATCH-10 children stopped by a restart: their notices are consumed and watchWith on them revoked', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let incarnation = 0;
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>((context) => {
          incarnation++;
          const child = context.spawn(Behaviors.ignore<string>(), 'child');
          context.watchWith(child, `child of ${incarnation} gone`);
          return Behaviors.receiveMessage<string>((message) => {
            if (message === 'fail') throw new Boom();
            log.ref.tell(message);
            return Behaviors.same();
          });
        }),
      ).onFailure(SupervisorStrategy.restart()),
    );
    actor.tell('fail');
    actor.tell('after restart');
    await log.expectMessage('after restart');
    await log.expectNoMessage();
    expect(incarnation).toBe(2);
  });
});
