/**
 * Issue #16 item 8: an ask keeps the process alive until it settles or times out, `timeoutMs`
 * is validated, and asks fail at once when their system terminates (as Akka's do).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ActorSystem } from '../../src/ActorSystem.js';
import type { ActorRef } from '../../src/ActorRef.js';
import { Behaviors } from '../../src/Behaviors.js';
import { ManualClock, SystemClock } from '../../src/Clock.js';
import { ask } from '../../src/ask.js';
import { AskTerminatedError, AskTimeoutError, InvalidAskTimeoutError } from '../../src/errors.js';
import { recordEvents, testKit } from './fixtures.js';

const run = promisify(execFile);

interface Request {
  readonly replyTo: ActorRef<string>;
}

describe('ask (issue #16 item 8)', () => {
  it('keeps a plain async main() alive until the unanswered ask times out: catch and finally run', async () => {
    const script = join(import.meta.dirname, '_processes', 'unansweredAsk.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, '300'], { timeout: 60_000 });
    expect(stdout.trim().split('\n')).toEqual(['rejected ASK_TIMEOUT', 'finally']);
  });

  it.each([
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-1', -1],
    ['NaN', Number.NaN],
    ['0', 0],
    ['-0', -0],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a numeric string', '100'],
    ['null', null],
  ])('rejects timeoutMs %s with InvalidAskTimeoutError and sends nothing', async (_name, timeoutMs) => {
    const kit = testKit();
    const received: unknown[] = [];
    const target = kit.spawn(
      Behaviors.receiveMessage<Request>((message) => {
        received.push(message);
        return Behaviors.same();
      }),
    );
    const error = await ask<Request, string>(target, (replyTo) => ({ replyTo }), { timeoutMs: timeoutMs as number }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAskTimeoutError);
    expect((error as InvalidAskTimeoutError).code).toBe('INVALID_ASK_TIMEOUT');
    expect((error as Error).message).not.toContain('\n');
    await kit.settled();
    expect(received).toEqual([]);
  });

  it('accepts a fractional timeout and the default; a reply settles the ask', async () => {
    const kit = testKit();
    const echo = kit.spawn(
      Behaviors.receiveMessage<Request>((message) => {
        message.replyTo.tell('pong');
        return Behaviors.same();
      }),
    );
    await expect(ask<Request, string>(echo, (replyTo) => ({ replyTo }), { timeoutMs: 0.5 })).resolves.toBe('pong');
    await expect(ask<Request, string>(echo, (replyTo) => ({ replyTo }))).resolves.toBe('pong');
  });

  it('an ask in flight when its system terminates fails at once, not after its timeout', async () => {
    const clock = new ManualClock();
    const system = ActorSystem.create(Behaviors.ignore<Request>(), 'terminating', { clock });
    const silent = ask<Request, string>(system, (replyTo) => ({ replyTo }), { timeoutMs: 60_000 });
    const outcome = silent.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await system.terminate();
    // No time passed on the clock: only termination can have settled it.
    const error = await outcome;
    expect(error).toBeInstanceOf(AskTerminatedError);
    expect((error as AskTerminatedError).code).toBe('ASK_TERMINATED');
    expect((error as AskTerminatedError).reason).toBe('system-terminated');
    expect(clock.pendingTimers).toBe(0); // its timeout timer was cancelled
  });

  it('an ask answered while its system stops (in a PostStop handler) still gets the reply', async () => {
    const clock = new ManualClock();
    let pending: ActorRef<string> | undefined;
    const system = ActorSystem.create(
      Behaviors.receiveMessage<Request>((message) => {
        pending = message.replyTo;
        return Behaviors.same();
      }).receiveSignal(() => {
        pending?.tell('last words');
        return Behaviors.same();
      }),
      'last-words',
      { clock },
    );
    const reply = ask<Request, string>(system, (replyTo) => ({ replyTo }), { timeoutMs: 60_000 });
    await system.settled();
    await system.terminate();
    await expect(reply).resolves.toBe('last words');
  });

  it('an ask to a terminated actor or system fails at once; its request goes to dead letters, as in Akka', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const gone = kit.spawn(Behaviors.stopped<Request>(), 'gone');
    const alive = kit.spawn(Behaviors.ignore<Request>(), 'alive');
    await kit.settled();
    const ask1 = await ask<Request, string>(gone, (replyTo) => ({ replyTo })).catch((e: unknown) => e);
    expect(ask1).toBeInstanceOf(AskTerminatedError);
    expect((ask1 as AskTerminatedError).reason).toBe('target-terminated');
    await kit.shutdown();
    for (const ref of [kit.system as ActorRef<Request>, alive]) {
      const error = await ask<Request, string>(ref, (replyTo) => ({ replyTo })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AskTerminatedError);
      expect((error as AskTerminatedError).targetPath).toBe(ref.path);
    }
    const lost = events.flatMap((e) => (e.type === 'DeadLetter' ? [e.recipient] : []));
    expect(lost).toEqual(['/user/gone', '/user', '/user/alive']);
    // A reply to such a request is a dead letter too.
    const request = events.find((e) => e.type === 'DeadLetter')?.message as Request;
    request.replyTo.tell('too late');
    expect(events.at(-1)).toMatchObject({ type: 'DeadLetter', message: 'too late' });
  });

  it('still times out on the system clock when nothing terminates', async () => {
    const kit = testKit();
    const target = kit.spawn(Behaviors.ignore<Request>());
    const pending = ask<Request, string>(target, (replyTo) => ({ replyTo }), { timeoutMs: 250 }).catch((e: unknown) => e);
    await kit.settled();
    kit.manualTime.timePasses(250);
    expect(await pending).toBeInstanceOf(AskTimeoutError);
  });
});

describe('SystemClock timers', () => {
  it('a delay beyond setTimeout’s 2^31-1 ms limit does not fire at once', async () => {
    let fired = false;
    const timer = new SystemClock().setTimer(2 ** 31 + 10, () => {
      fired = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    timer.cancel();
    expect(fired).toBe(false);
  });
});
