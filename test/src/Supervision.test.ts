import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../src/ActorRef.js';
import type { Behavior } from '../../src/Behavior.js';
import { Behaviors } from '../../src/Behaviors.js';
import { ChildFailed, PostStop, PreRestart, Terminated } from '../../src/Signal.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import { ActorInitializationError } from '../../src/errors.js';
import { announcingCounter, Boom, counter, recordEvents, testKit } from './fixtures.js';

class Exc1 extends Error {}
class Exc2 extends Exc1 {}
class Other extends Error {}

/** Throws the error named by the message; reports anything else. */
function thrower(log: ActorRef<string>): Behavior<string> {
  return Behaviors.receiveMessage<string>((message) => {
    if (message === 'exc1') throw new Exc1();
    if (message === 'exc2') throw new Exc2();
    if (message === 'other') throw new Other();
    log.tell(`ok:${message}`);
    return Behaviors.same();
  }).receiveSignal((_c, signal) => {
    if (signal === PreRestart || signal === PostStop) log.tell(signal.signalName);
    return Behaviors.same();
  });
}

describe('supervision (SUP)', () => {
  it('SUP-01 without supervision a failure stops the actor', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(counter(log.ref));
    actor.tell('fail');
    actor.tell('get');
    await log.expectMessage('PostStop');
    await log.expectTerminated(actor);
    await log.expectNoMessage();
  });

  it('SUP-02 resume drops the failing message and keeps behavior and state', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(Behaviors.supervise(counter(log.ref)).onFailure(SupervisorStrategy.resume()));
    for (const m of ['inc', 'fail', 'inc', 'get']) actor.tell(m);
    await log.expectMessage('count:2');
    await log.expectNoMessage();
  });

  it('SUP-03 restart re-installs the supervised behavior (seed Counter) and does not redeliver the failing message', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let failures = 0;
    const seedCounter = (count: number): Behavior<string> =>
      Behaviors.receiveMessage((message) => {
        if (message === 'inc') return seedCounter(count + 1);
        if (message === 'get') log.ref.tell(`count:${count}`);
        if (message === 'fail') {
          failures++;
          throw new Boom();
        }
        return Behaviors.same();
      });
    const actor = kit.spawn(Behaviors.supervise(seedCounter(1)).onFailure(SupervisorStrategy.restart()));
    for (const m of ['inc', 'inc', 'get', 'fail', 'get']) actor.tell(m);
    await log.expectMessage('count:3');
    await log.expectMessage('count:1');
    expect(failures).toBe(1);
  });

  it('SUP-03 restart re-runs only the supervised part: state of an enclosing setup survives', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let outerSetups = 0;
    const actor = kit.spawn(
      Behaviors.setup<string>(() => {
        outerSetups++;
        let survivor = 0;
        return Behaviors.supervise(
          Behaviors.setup<string>(() => {
            let local = 0;
            return Behaviors.receiveMessage((message) => {
              if (message === 'fail') throw new Boom();
              survivor++;
              local++;
              log.ref.tell(`survivor:${survivor} local:${local}`);
              return Behaviors.same();
            });
          }),
        ).onFailure(SupervisorStrategy.restart());
      }),
    );
    for (const m of ['a', 'fail', 'b']) actor.tell(m);
    await log.expectMessage('survivor:1 local:1');
    await log.expectMessage('survivor:2 local:1');
    expect(outerSetups).toBe(1);
  });

  it('SUP-04 a strategy for a class matches subclasses; a non-matching error stops the actor', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(Behaviors.supervise(thrower(log.ref)).onFailure(Exc1, SupervisorStrategy.restart()));
    actor.tell('exc2');
    await log.expectMessage('PreRestart');
    actor.tell('other');
    await log.expectMessage('PostStop');
    await log.expectTerminated(actor);
  });

  it('SUP-05 with nesting the innermost matching supervisor decides (nested and flattened forms)', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const nested = kit.spawn(
      Behaviors.supervise(Behaviors.supervise(thrower(log.ref)).onFailure(Exc2, SupervisorStrategy.stop())).onFailure(Exc1, SupervisorStrategy.restart()),
    );
    nested.tell('exc1');
    await log.expectMessage('PreRestart');
    nested.tell('exc2');
    await log.expectMessage('PostStop');
    await log.expectTerminated(nested);

    const flattened = kit.spawn(
      Behaviors.supervise(thrower(log.ref)).onFailure(Exc2, SupervisorStrategy.stop()).onFailure(Exc1, SupervisorStrategy.restart()),
    );
    flattened.tell('exc1');
    await log.expectMessage('PreRestart');
    flattened.tell('exc2');
    await log.expectMessage('PostStop');
    await log.expectTerminated(flattened);
  });

  it('SUP-05 property: over random stacks of nested strategies the innermost matching one decides', async () => {
    const classes = [Error, Exc1, Exc2, Other] as const;
    const thrown = [Exc1, Exc2, Other] as const;
    const kinds = ['stop', 'resume', 'restart'] as const;
    const strategyOf = (kind: (typeof kinds)[number]) =>
      kind === 'stop' ? SupervisorStrategy.stop() : kind === 'resume' ? SupervisorStrategy.resume() : SupervisorStrategy.restart();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ cls: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom(...kinds) }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 2 }),
        async (stack, thrownIndex) => {
          const kit = testKit();
          const log = kit.createTestProbe<string>();
          const errorClass = thrown[thrownIndex] as (typeof thrown)[number];
          // Oracle: the first (innermost) layer whose class matches decides; none: stop.
          const decider = stack.find((layer) => new errorClass() instanceof (classes[layer.cls] as typeof Error));
          const expected = decider ? decider.kind : 'stop';
          let behavior: Behavior<string> = Behaviors.setup<string>(() => {
            log.ref.tell('setup');
            let count = 0;
            return Behaviors.receiveMessage((message) => {
              if (message === 'throw') throw new errorClass();
              log.ref.tell(`count:${++count}`);
              return Behaviors.same();
            });
          });
          for (const layer of stack) behavior = Behaviors.supervise(behavior).onFailure(classes[layer.cls] as typeof Error, strategyOf(layer.kind));
          const actor = kit.spawn(behavior);
          await log.expectMessage('setup');
          actor.tell('one');
          await log.expectMessage('count:1');
          actor.tell('throw');
          actor.tell('two');
          if (expected === 'stop') await log.expectTerminated(actor);
          if (expected === 'resume') await log.expectMessage('count:2');
          if (expected === 'restart') {
            await log.expectMessage('setup');
            await log.expectMessage('count:1');
          }
          await log.expectNoMessage();
          await kit.shutdown();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('SUP-06 a returned behavior supervised for the same class replaces the active supervisor', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const second = thrower(log.ref);
    const first = Behaviors.receiveMessage<string>((message) => {
      if (message === 'switch') return Behaviors.supervise(second).onFailure(Exc1, SupervisorStrategy.resume());
      if (message === 'exc1') throw new Exc1();
      return Behaviors.same();
    });
    const actor = kit.spawn(Behaviors.supervise(first).onFailure(Exc1, SupervisorStrategy.stop()));
    actor.tell('switch');
    actor.tell('exc1');
    actor.tell('after');
    await log.expectMessage('ok:after');
  });

  it('SUP-07 restart.withLimit stops on the (n+1)-th failure inside the window; 0 stops at once', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const zero = kit.spawn(Behaviors.supervise(counter(log.ref)).onFailure(SupervisorStrategy.restart().withLimit(0, 1000)));
    zero.tell('fail');
    await log.expectMessage('PostStop');
    await log.expectTerminated(zero);
  });

  it('SUP-07 property: restart windows on the injected clock (oracle: window opened by the first counted restart)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 10, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 8 }),
        async (limit, windowMs, gaps) => {
          const kit = testKit();
          const log = kit.createTestProbe<string>();
          const actor = kit.spawn(Behaviors.supervise(counter(log.ref)).onFailure(SupervisorStrategy.restart().withLimit(limit, windowMs)));
          let count = 0;
          let deadline = 0;
          for (const gap of gaps) {
            kit.manualTime.timePasses(gap);
            const now = kit.manualTime.clock.now();
            if (count === 0 || now >= deadline) {
              deadline = now + windowMs;
              count = 1;
            } else {
              count++;
            }
            actor.tell('fail');
            if (count > limit) {
              await log.expectMessage('PostStop');
              await log.expectTerminated(actor);
              break;
            }
            await log.expectMessage('PreRestart');
          }
          await log.expectNoMessage();
          await kit.shutdown();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('SUP-08 a setup failing on first start is not retried by plain restart or resume, but is by withLimit', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let attempts = 0;
    const failingSetup = Behaviors.setup<string>(() => {
      attempts++;
      throw new Boom('setup');
    });
    for (const strategy of [SupervisorStrategy.restart(), SupervisorStrategy.resume()]) {
      attempts = 0;
      const actor = kit.spawn(Behaviors.supervise(failingSetup).onFailure(strategy));
      await log.expectTerminated(actor);
      expect(attempts).toBe(1);
    }
    attempts = 0;
    const causes: unknown[] = [];
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const limited = context.spawn(Behaviors.supervise(failingSetup).onFailure(SupervisorStrategy.restart().withLimit(2, 10_000)), 'limited');
        context.watch(limited);
        return Behaviors.receiveSignal((_c, signal) => {
          if (signal instanceof ChildFailed) causes.push(signal.cause);
          log.ref.tell('child gone');
          return Behaviors.same();
        });
      }),
    );
    await log.expectMessage('child gone');
    expect(attempts).toBe(3);
    expect(causes[0]).toBeInstanceOf(ActorInitializationError);
  });

  it('SUP-08 a parent watching a child whose first start failed gets ChildFailed with an initialization error', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const child = context.spawn(Behaviors.setup<string>(() => {
          throw new Boom('no start');
        }), 'child');
        context.watch(child);
        return Behaviors.receiveSignal((_c, signal) => {
          if (signal instanceof ChildFailed && signal.cause instanceof ActorInitializationError) {
            log.ref.tell(`${signal.cause.code}:${(signal.cause.cause as Error).message}`);
          }
          return Behaviors.same();
        });
      }),
    );
    await log.expectMessage('ACTOR_INITIALIZATION:no start');
  });

  it('SUP-09 a setup failing during a restart is handled by the same strategy and counted', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let setups = 0;
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>(() => {
          setups++;
          if (setups === 2 || setups === 3) throw new Boom('later setup');
          log.ref.tell(`setup:${setups}`);
          return counter(log.ref);
        }),
      ).onFailure(SupervisorStrategy.restart().withLimit(3, 10_000)),
    );
    await log.expectMessage('setup:1');
    actor.tell('fail');
    await log.expectMessage('PreRestart');
    await log.expectMessage('setup:4');
    actor.tell('get');
    await log.expectMessage('count:0');
    actor.tell('fail');
    await log.expectTerminated(actor);
  });

  it('SUP-10 messages during a backoff are buffered in order; beyond the capacity they are dropped and published', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.supervise(counter(log.ref)).onFailure(SupervisorStrategy.restartWithBackoff(100, 1000, 0).withStashCapacity(2)),
      'backoff',
    );
    actor.tell('fail');
    await log.expectMessage('PreRestart');
    actor.tell('inc');
    actor.tell('get');
    actor.tell('inc');
    actor.tell('get');
    await kit.settled();
    kit.manualTime.timePasses(100);
    await log.expectMessage('count:1');
    await log.expectNoMessage();
    const dropped = events.flatMap((e) => (e.type === 'Dropped' ? [`${String(e.message)}:${e.reason}:${e.recipient}`] : []));
    expect(dropped).toEqual(['inc:restart-buffer-full:/user/backoff', 'get:restart-buffer-full:/user/backoff']);
  });

  it('SUP-10 a restart that need not wait (no children, no backoff) buffers nothing and drops nothing', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    let incarnations = 0;
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>(() => {
          incarnations++;
          return Behaviors.receiveMessage<string>((message) => {
            if (message === 'fail') throw new Boom();
            log.ref.tell(`incarnations:${incarnations}`);
            return Behaviors.same();
          });
        }),
      ).onFailure(SupervisorStrategy.restart().withStashCapacity(10)),
    );
    for (let i = 0; i < 1500; i++) actor.tell('fail');
    actor.tell('count');
    await log.expectMessage('incarnations:1501');
    expect(events.filter((e) => e.type === 'Dropped')).toEqual([]);
  });

  it('SUP-11 backoff delays double up to the maximum, reset after a fault-free period, and stop after withMaxRestarts', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.supervise(announcingCounter(log.ref))
        .onFailure(SupervisorStrategy.restartWithBackoff(100, 300, 0).withResetBackoffAfter(1000).withMaxRestarts(4)),
    );
    await log.expectMessage('started');
    const restartAfter = async (delay: number): Promise<void> => {
      actor.tell('fail');
      await log.expectMessage('PreRestart');
      kit.manualTime.timePasses(delay - 1);
      await log.expectNoMessage();
      kit.manualTime.timePasses(1);
      await log.expectMessage('started');
    };
    await restartAfter(100);
    await restartAfter(200);
    await restartAfter(300); // capped at max
    kit.manualTime.timePasses(1000); // fault-free: the count resets
    await restartAfter(100);
    await restartAfter(200);
    await restartAfter(300);
    await restartAfter(300);
    actor.tell('fail'); // fifth restart since the reset > withMaxRestarts(4)
    await log.expectMessage('PostStop');
    await log.expectTerminated(actor);
  });

  it('SUP-11 the jitter factor scales the delay with the injected random source', async () => {
    const kit = testKit({ random: () => 0.5 });
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(Behaviors.supervise(announcingCounter(log.ref)).onFailure(SupervisorStrategy.restartWithBackoff(100, 1000, 0.2)));
    await log.expectMessage('started');
    actor.tell('fail');
    await log.expectMessage('PreRestart');
    kit.manualTime.timePasses(109);
    await log.expectNoMessage();
    kit.manualTime.timePasses(1);
    await log.expectMessage('started');
    expect(SupervisorStrategy.restartWithBackoff(100, 1000, 0).resetBackoffAfterMs).toBe(550);
  });

  it('SUP-12 restart order: PreRestart, then children PostStop, then setup, then the buffered message (seed parent)', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const child = (label: string): Behavior<string> =>
      Behaviors.receiveMessage<string>((message) => {
        log.ref.tell(`${label} got ${message}`);
        return Behaviors.same();
      }).receiveSignal((_c, signal) => {
        if (signal === PostStop) log.ref.tell(`${label} PostStop`);
        return Behaviors.same();
      });
    const parent = Behaviors.supervise(
      Behaviors.setup<string>((context) => {
        log.ref.tell('parent setup');
        const child1 = context.spawn(child('child1'), 'child1');
        const child2 = context.spawn(child('child2'), 'child2');
        return Behaviors.receiveMessage<string>((message) => {
          const parts = message.split(' ');
          if (parts.length < 2) throw new Boom('need two words');
          child1.tell(parts[0] as string);
          child2.tell(parts[1] as string);
          return Behaviors.same();
        }).receiveSignal((_c, signal) => {
          if (signal === PreRestart) log.ref.tell('parent PreRestart');
          return Behaviors.same();
        });
      }),
    ).onFailure(SupervisorStrategy.restart());
    const actor = kit.spawn(parent);
    await log.expectMessage('parent setup');
    actor.tell('broken');
    actor.tell('hello world');
    await log.expectMessage('parent PreRestart');
    const childStops = await log.receiveMessages(2);
    expect(childStops.sort()).toEqual(['child1 PostStop', 'child2 PostStop']);
    await log.expectMessage('parent setup');
    expect((await log.receiveMessages(2)).sort()).toEqual(['child1 got hello', 'child2 got world']);
  });

  it('SUP-13 restart.withStopChildren(false) keeps the children and their state (seed parent2)', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const child = (size: number): Behavior<string> =>
      Behaviors.receiveMessage<string>((message) => {
        if (message === 'size?') {
          log.ref.tell(`size:${size}`);
          return Behaviors.same();
        }
        return child(size + message.length);
      }).receiveSignal((_c, signal) => {
        if (signal === PostStop) log.ref.tell('child PostStop');
        return Behaviors.same();
      });
    const refs: Array<ActorRef<string>> = [];
    const parent2 = Behaviors.setup<string>((context) => {
      const child1 = context.spawn(child(0), 'child1');
      const child2 = context.spawn(child(0), 'child2');
      return Behaviors.supervise(
        Behaviors.setup<string>((ctx) => {
          refs.push(ctx.child('child1') as ActorRef<string>);
          return Behaviors.receiveMessage<string>((message) => {
            const parts = message.split(' ');
            if (parts.length < 2) throw new Boom('need two words');
            child1.tell(parts[0] as string);
            child2.tell(parts[1] as string);
            return Behaviors.same();
          });
        }),
      ).onFailure(SupervisorStrategy.restart().withStopChildren(false));
    });
    const actor = kit.spawn(parent2);
    actor.tell('abc de');
    actor.tell('broken');
    actor.tell('size? size?');
    expect((await log.receiveMessages(2)).sort()).toEqual(['size:2', 'size:3']);
    await log.expectNoMessage();
    expect(refs).toHaveLength(2);
    expect(refs[0]).toBe(refs[1]);
  });

  it('SUP-14 failures in signal handlers, pipeToSelf mappings and message adapters are supervised like message failures', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>((context) => {
          log.ref.tell('setup');
          return Behaviors.receiveMessage<string>((message) => {
            if (message === 'watch-doomed') {
              const doomed = context.spawn(Behaviors.stopped<string>(), 'doomed');
              context.watch(doomed);
            } else if (message === 'adapt') {
              const adapter = context.messageAdapter<number>((n) => {
                if (n < 0) throw new Boom('in adapter');
                return `adapted ${n}`;
              });
              adapter.tell(7);
              adapter.tell(-1);
            } else if (message === 'pipe') {
              context.pipeToSelf(Promise.resolve(1), () => {
                throw new Boom('mapping');
              });
            } else {
              log.ref.tell(`ok:${message}`);
            }
            return Behaviors.same();
          }).receiveSignal((_c, signal) => {
            if (signal instanceof Terminated) throw new Boom('in signal handler');
            return Behaviors.same();
          });
        }),
      ).onFailure(Boom, SupervisorStrategy.restart()),
    );
    await log.expectMessage('setup');
    actor.tell('watch-doomed');
    await log.expectMessage('setup');
    actor.tell('pipe');
    await log.expectMessage('setup');
    actor.tell('adapt');
    await log.expectMessage('ok:adapted 7');
    await log.expectMessage('setup');
    actor.tell('alive');
    await log.expectMessage('ok:alive');
  });

  it('SUP-15 a supervised behavior that is or becomes stopped stops under every strategy', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    for (const strategy of [SupervisorStrategy.restart(), SupervisorStrategy.resume(), SupervisorStrategy.restartWithBackoff(10, 100, 0)]) {
      const initially = kit.spawn(Behaviors.supervise(Behaviors.stopped<string>()).onFailure(strategy));
      await log.expectTerminated(initially);
      const later = kit.spawn(Behaviors.supervise(counter(log.ref)).onFailure(strategy));
      later.tell('stop');
      await log.expectMessage('PostStop');
      await log.expectTerminated(later);
    }
  });

  it('SUP-07 strategies validate their arguments', () => {
    expect(() => SupervisorStrategy.restart().withLimit(-1, 10)).toThrow(RangeError);
    expect(() => SupervisorStrategy.restartWithBackoff(100, 10, 0)).toThrow(RangeError);
    expect(() => SupervisorStrategy.restartWithBackoff(10, 100, -0.5)).toThrow(RangeError);
    expect(() => SupervisorStrategy.restartWithBackoff(10, 100, Number.NaN)).toThrow(RangeError);
    // Pekko accepts factors above 1 (its own tests use 2.0 and 23.0).
    expect(SupervisorStrategy.restartWithBackoff(10, 100, 2).randomFactor).toBe(2);
    expect(SupervisorStrategy.restartWithBackoff(100, 1000, 0).delayFor(3, 0)).toBe(800);
    expect(SupervisorStrategy.restartWithBackoff(100, 1000, 0).delayFor(10, 0)).toBe(1000);
  });
});
