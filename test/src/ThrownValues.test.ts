/**
 * Issue #16 item 7: whatever an actor throws (or sends, or returns as a behavior) — a Proxy whose
 * every trap throws, an object whose toString throws, a frozen object, null, a symbol — the
 * runtime decides, logs and reports it without touching it beyond what cannot throw. Before, such
 * a value crashed the dispatcher: the process died, terminate() never resolved, and a restart
 * became a stop.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/Actor.js';
import { ActorSystem } from '../../src/ActorSystem.js';
import type { Behavior } from '../../src/Behavior.js';
import { Behaviors } from '../../src/Behaviors.js';
import type { RuntimeEvent } from '../../src/EventStream.js';
import { ChildFailed, Terminated } from '../../src/Signal.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import { ask } from '../../src/ask.js';
import { AdaptedMessage, DeathNotice, TimerFired } from '../../src/_internals/envelopes.js';
import { ActorInitializationError, InvalidActorNameError, ThrownValueError } from '../../src/errors.js';
import { trapEverything } from './_hostile.js';
import { Boom, recordEvents, testKit } from './fixtures.js';

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function unprintable(): object {
  const fail = (): never => {
    throw new Error('cannot render me');
  };
  return { toString: fail, valueOf: fail, [Symbol.toPrimitive]: fail, get message(): string {
    return fail();
  } };
}

function errorWithThrowingMessage(): Error {
  const error = new Error('hidden');
  Object.defineProperty(error, 'message', {
    get() {
      throw new Error('no message for you');
    },
  });
  return error;
}

function promiseWithThrowingConstructor(): Promise<void> {
  const promise = Promise.resolve();
  Object.defineProperty(promise, 'constructor', {
    get() {
      throw new Error('no constructor for you');
    },
  });
  return promise;
}

/** How the runtime must report each value: as itself (an Error) or wrapped in ThrownValueError. */
type Reported = 'itself' | 'wrapped';
const hostileValues: ReadonlyArray<readonly [string, () => unknown, Reported]> = [
  ['a Proxy whose every trap throws', trapEverything, 'wrapped'],
  ['a revoked Proxy', revokedProxy, 'wrapped'],
  ['an object whose toString and Symbol.toPrimitive throw', unprintable, 'wrapped'],
  ['a frozen object', () => Object.freeze({ reason: 'frozen' }), 'wrapped'],
  ['a frozen Error', () => Object.freeze(new Boom('frozen')), 'itself'],
  ['an Error whose message getter throws', errorWithThrowingMessage, 'itself'],
  ['an Error whose prototype chain is a throwing Proxy', () => Object.setPrototypeOf(new Error('x'), trapEverything()), 'wrapped'],
  ['null', () => null, 'wrapped'],
  ['undefined', () => undefined, 'wrapped'],
  ['a symbol', () => Symbol('boom'), 'wrapped'],
  ['a bigint', () => 12n, 'wrapped'],
  ['a 100 kB string', () => 'x'.repeat(100_000), 'wrapped'],
];

/** Whether `reported` is how the runtime must hand on `thrown`. */
function reportsAs(reported: unknown, thrown: unknown, how: Reported): boolean {
  if (how === 'itself') return Object.is(reported, thrown);
  return reported instanceof ThrownValueError && Object.is(reported.thrown, thrown) && typeof reported.message === 'string';
}

const run = promisify(execFile);

describe('thrown values of any kind (issue #16 item 7)', () => {
  it.each(['without', 'with-handler'])('in a process %s an uncaughtException handler: it survives, restarts and terminates', async (mode) => {
    const script = join(import.meta.dirname, '_processes', 'hostileThrow.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, mode], { timeout: 60_000 });
    // Three incarnations: the first, and a restart per thrown value.
    expect(stdout.trim().split('\n')).toEqual(['incarnations 3', 'terminated']);
  });

  describe.each(hostileValues)('%s', (_name, make, how) => {
    const value = make();

    it('unsupervised: the actor stops, its parent learns the value as the cause, everything else keeps running', async () => {
      const kit = testKit();
      const events = recordEvents(kit);
      const seen: unknown[] = [];
      const replies: string[] = [];
      const parent = kit.spawn(
        Behaviors.setup<string>((context) => {
          const child = context.spawn(
            Behaviors.receiveMessage<string>(() => {
              throw value;
            }),
            'child',
          );
          context.watch(child);
          child.tell('fail');
          return Behaviors.receiveMessage<string>((message) => {
            replies.push(message);
            return Behaviors.same();
          }).receiveSignal((_c, signal) => {
            seen.push(signal instanceof ChildFailed ? signal.cause : signal);
            return Behaviors.same();
          });
        }),
        'parent',
      );
      await kit.settled();
      expect(seen).toHaveLength(1);
      expect(reportsAs(seen[0], value, how)).toBe(true);
      parent.tell('still alive');
      await kit.settled();
      expect(replies).toEqual(['still alive']);
      const logged = events.filter((e): e is Extract<RuntimeEvent, { type: 'Log' }> => e.type === 'Log' && e.source === '/user/parent/child');
      expect(logged.map((e) => e.message)).toEqual(['actor failed and stops']);
      expect(reportsAs(logged[0]?.data, value, how)).toBe(true);
    });

    it('under restart the actor restarts; a restart limited to another class stops it', async () => {
      const kit = testKit();
      let incarnations = 0;
      const fragile = (): Behavior<string> =>
        Behaviors.setup<string>(() => {
          incarnations++;
          return Behaviors.receiveMessage<string>((message) => {
            if (message === 'fail') throw value;
            return Behaviors.same();
          });
        });
      const restarting = kit.spawn(Behaviors.supervise(fragile()).onFailure(SupervisorStrategy.restart()));
      restarting.tell('fail');
      restarting.tell('fail');
      await kit.settled();
      expect(incarnations).toBe(3);

      const stopped: unknown[] = [];
      kit.spawn(
        Behaviors.setup<string>((context) => {
          const child = context.spawn(Behaviors.supervise(fragile()).onFailure(Boom, SupervisorStrategy.restart()), 'boom-only');
          context.watch(child);
          child.tell('fail');
          return Behaviors.receiveSignal<string>((_c, signal) => {
            stopped.push(signal instanceof ChildFailed ? signal.cause : signal);
            return Behaviors.same();
          });
        }),
      );
      await kit.settled();
      // A frozen Boom matches the Boom supervisor and restarts; anything else is not a Boom and stops.
      const isBoom = how === 'itself' && Object.getPrototypeOf(value) === Boom.prototype;
      expect(incarnations).toBe(isBoom ? 5 : 4);
      expect(stopped).toHaveLength(isBoom ? 0 : 1);
      if (!isBoom) expect(reportsAs(stopped[0], value, how)).toBe(true);
    });

    it('resume keeps the state; a throw during the first start becomes ActorInitializationError', async () => {
      const kit = testKit();
      const counts: number[] = [];
      const counter = (count: number): Behavior<string> =>
        Behaviors.receiveMessage<string>((message) => {
          if (message === 'fail') throw value;
          if (message === 'get') counts.push(count);
          return counter(count + 1);
        });
      const resumed = kit.spawn(Behaviors.supervise(counter(0)).onFailure(SupervisorStrategy.resume()));
      for (const message of ['inc', 'fail', 'inc', 'get']) resumed.tell(message);
      const causes: unknown[] = [];
      kit.spawn(
        Behaviors.setup<string>((context) => {
          context.watch(
            context.spawn(
              Behaviors.setup<string>(() => {
                throw value;
              }),
              'never-starts',
            ),
          );
          return Behaviors.receiveSignal<string>((_c, signal) => {
            causes.push(signal instanceof ChildFailed ? signal.cause : signal);
            return Behaviors.same();
          });
        }),
      );
      await kit.settled();
      expect(counts).toEqual([2]);
      expect(causes).toHaveLength(1);
      const cause = causes[0] as ActorInitializationError;
      expect(cause).toBeInstanceOf(ActorInitializationError);
      expect(typeof cause.message).toBe('string');
      expect(reportsAs(cause.cause, value, how)).toBe(true);
    });

    it('rejected async hooks and throwing stop handlers are handled the same way', async () => {
      const kit = testKit();
      const events = recordEvents(kit);
      const terminated: string[] = [];
      const rejectingStart: Actor<string> = { preStart: () => Promise.reject(value), receive: () => {} };
      const rejectingReceive: Actor<string> = { receive: () => Promise.reject(value), postStop: () => Promise.reject(value) };
      kit.spawn(
        Behaviors.setup<string>((context) => {
          const refs = [
            context.spawn(Behaviors.fromActor(() => rejectingStart), 'rejecting-start'),
            context.spawn(Behaviors.fromActor(() => rejectingReceive), 'rejecting-receive'),
            context.spawn(
              Behaviors.receiveMessage<string>(() => Behaviors.stopped()).receiveSignal(() => {
                throw value;
              }),
              'throwing-post-stop',
            ),
          ];
          for (const ref of refs) {
            context.watch(ref);
            ref.tell('go');
          }
          return Behaviors.receiveSignal<string>((_c, signal) => {
            if (signal instanceof Terminated) terminated.push(signal.ref.name);
            return Behaviors.same();
          });
        }),
      );
      await kit.settled();
      expect(terminated.sort()).toEqual(['rejecting-receive', 'rejecting-start', 'throwing-post-stop']);
      expect(events.filter((e) => e.type === 'Log' && e.message.includes('PostStop')).length).toBe(1);
    });

    it('as a message or a returned behavior it is delivered, dead-lettered or rejected without a crash', async () => {
      const kit = testKit();
      const events = recordEvents(kit);
      const received: unknown[] = [];
      const actor = kit.spawn(
        Behaviors.receiveMessage<unknown>((message) => {
          received.push(message);
          // Returning the hostile value as the next behavior is misuse, and a failure like any other.
          return value as Behavior<unknown>;
        }),
        'receiver',
      );
      actor.tell(value);
      actor.tell(value); // still queued when the first one's result stops the actor: a dead letter
      await kit.settled();
      expect(received.length).toBe(1);
      expect(Object.is(received[0], value)).toBe(true);
      actor.tell(value);
      const deadLetters = events.filter((e) => e.type === 'DeadLetter' && e.recipient === '/user/receiver');
      expect(deadLetters.length).toBe(2);
      expect(deadLetters.every((e) => e.type === 'DeadLetter' && Object.is(e.message, value))).toBe(true);
    });

    it('terminate() resolves and ask rejects with the value a request factory throws', async () => {
      const system = ActorSystem.create(
        Behaviors.receiveMessage<string>(() => {
          throw value;
        }),
        'hostile',
      );
      system.tell('fail');
      // Wrapped in an array: resolving a promise with the value itself would look up its `then`.
      const rejected = await ask(system, () => {
        throw value;
      }).then(
        () => ['resolved'],
        (error: unknown) => [error],
      );
      expect(Object.is(rejected[0], value)).toBe(true);
      await system.whenTerminated; // the guardian failed and stopped: the system terminated
      await system.terminate();
      expect(system.isTerminated).toBe(true);
    });
  });

  it('hooks returning a hostile Proxy, a thenable whose then throws, or a non-promise are handled', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const throwingThen = { then: (): never => {
      throw new Boom('then refused');
    } };
    const actors: Record<string, Actor<string>> = {
      'proxy-from-pre-start': { preStart: () => trapEverything() as never, receive: () => {} },
      'throwing-then-from-receive': { receive: () => throwingThen as never },
      'proxy-from-receive': { receive: () => trapEverything() as never },
      'promise-with-throwing-constructor-from-receive': { receive: () => promiseWithThrowingConstructor() },
      'number-from-post-stop': { receive: () => {}, postStop: () => 42 as never },
      'proxy-from-post-stop': { receive: () => {}, postStop: () => trapEverything() as never },
      'throwing-then-from-post-stop': { receive: () => {}, postStop: () => throwingThen as never },
    };
    const terminated: string[] = [];
    kit.spawn(
      Behaviors.setup<string>((context) => {
        for (const [name, actor] of Object.entries(actors)) {
          const ref = context.spawn(Behaviors.fromActor(() => actor), name);
          context.watch(ref);
          ref.tell('go');
          if (name.endsWith('post-stop')) context.stop(ref);
        }
        return Behaviors.receiveSignal<string>((_c, signal) => {
          if (signal instanceof Terminated) terminated.push(signal.ref.name);
          return Behaviors.same();
        });
      }),
    );
    await kit.settled(); // never resolves if a hook left its actor busy
    expect(terminated.sort()).toEqual(Object.keys(actors).sort());
    const failed = events.flatMap((e) => (e.type === 'Log' && e.message === 'actor failed and stops' ? [e.source.split('/').at(-1)] : []));
    expect(failed.sort()).toEqual(['promise-with-throwing-constructor-from-receive', 'proxy-from-pre-start', 'proxy-from-receive', 'throwing-then-from-receive']);
    const postStopErrors = events.flatMap((e) => (e.type === 'Log' && /poststop/i.test(e.message) ? [e.source.split('/').at(-1)] : []));
    expect(postStopErrors.sort()).toEqual(['proxy-from-post-stop', 'throwing-then-from-post-stop']);
  });

  it('a Proxy message claiming to be a runtime envelope is delivered as the plain message it is', async () => {
    const kit = testKit();
    const received: unknown[] = [];
    const forgeries = [TimerFired.prototype, DeathNotice.prototype, AdaptedMessage.prototype].map(
      (prototype) => new Proxy({ forged: true }, { getPrototypeOf: () => prototype }),
    );
    const actor = kit.spawn(
      Behaviors.receiveMessage<unknown>((message) => {
        received.push(message);
        return Behaviors.same();
      }),
    );
    for (const forgery of forgeries) actor.tell(forgery);
    await kit.settled();
    expect(received.length).toBe(forgeries.length);
    expect(received.every((message, i) => message === forgeries[i])).toBe(true);
  });

  it('a supervisor whose error class refuses instanceof matches nothing; the next one decides', async () => {
    const kit = testKit();
    const Refusing = class {
      static [Symbol.hasInstance](): boolean {
        throw new Error('no instanceof here');
      }
    } as unknown as typeof Error;
    let incarnations = 0;
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.supervise(
          Behaviors.setup<string>(() => {
            incarnations++;
            return Behaviors.receiveMessage<string>(() => {
              throw new Boom();
            });
          }),
        ).onFailure(Refusing, SupervisorStrategy.stop()),
      ).onFailure(SupervisorStrategy.restart()),
    );
    actor.tell('fail');
    await kit.settled();
    expect(incarnations).toBe(2);
  });

  it('a hostile child name or watch target is reported as an error of its own', async () => {
    const kit = testKit();
    const failures: unknown[] = [];
    kit.spawn(
      Behaviors.setup<string>((context) => {
        try {
          context.spawn(Behaviors.ignore(), trapEverything() as unknown as string);
        } catch (error) {
          failures.push(error);
        }
        try {
          context.watch(trapEverything() as never);
        } catch (error) {
          failures.push(error);
        }
        return Behaviors.ignore();
      }),
    );
    await kit.settled();
    expect(failures[0]).toBeInstanceOf(InvalidActorNameError);
    expect(failures[1]).toBeInstanceOf(TypeError);
    expect((failures[1] as TypeError).message).toMatch(/is not an actor of this runtime/);
  });
});
