import { describe, expect, it } from 'vitest';
import { Behaviors } from '../../src/Behaviors.js';
import { InvalidBehaviorError } from '../../src/errors.js';
import { PostStop, PreRestart } from '../../src/Signal.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import type { Behavior } from '../../src/Behavior.js';
import { recordEvents, testKit } from './fixtures.js';

describe('Behaviors', () => {
  it('LIF-05 seed withPreRestart: the resource is closed on PreRestart and on PostStop', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let claimed = 0;
    const withPreRestart: Behavior<string> = Behaviors.supervise(
      Behaviors.setup<string>(() => {
        const resource = { id: ++claimed, process: (parts: string[]) => { if (parts.length < 2) throw new Error('bad'); }, close: () => log.ref.tell(`close ${resource.id}`) };
        return Behaviors.receiveMessage<string>((message) => {
          resource.process(message.split(' '));
          return Behaviors.same();
        }).receiveSignal((_c, signal) => {
          if (signal === PreRestart || signal === PostStop) resource.close();
          return Behaviors.same();
        });
      }),
    ).onFailure(Error, SupervisorStrategy.restart());
    const actor = kit.spawn(withPreRestart);
    actor.tell('one two');
    actor.tell('broken');
    await log.expectMessage('close 1');
    kit.stop(actor);
    await log.expectMessage('close 2');
    await log.expectTerminated(actor);
  });

  it('SUP-01 same, unhandled, empty and ignore behave as named', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const unhandling = kit.spawn(Behaviors.receiveMessage<string>(() => Behaviors.unhandled()), 'u');
    const empty = kit.spawn(Behaviors.empty<string>(), 'e');
    const ignore = kit.spawn(Behaviors.ignore<string>(), 'i');
    unhandling.tell('to-u');
    empty.tell('to-e');
    ignore.tell('to-i');
    await kit.settled();
    expect(events.flatMap((e) => (e.type === 'UnhandledMessage' ? [`${e.recipient}:${String(e.message)}`] : []))).toEqual(['/user/u:to-u', '/user/e:to-e']);
    const withContext = kit.spawn(
      Behaviors.receive<string>((context, message) => {
        log.ref.tell(`${context.self.name}:${message}`);
        return Behaviors.same();
      }),
      'ctx',
    );
    withContext.tell('hi');
    await log.expectMessage('ctx:hi');
  });

  it('LIF-01 a behavior that cannot start (same as initial behavior) fails the actor with InvalidBehaviorError', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(Behaviors.same<string>());
    await log.expectTerminated(actor);
    const logged = events.find((e) => e.type === 'Log' && e.level === 'error');
    expect(logged?.type === 'Log' && logged.data).toBeInstanceOf(InvalidBehaviorError);
    expect(() => Behaviors.withStash(-1, () => Behaviors.ignore())).toThrow(RangeError);
  });

  it('LIF-02 Behavior is contravariant in its message type (checked by the compiler)', () => {
    const general = Behaviors.receiveMessage<string | number>(() => Behaviors.same());
    const narrow: Behavior<string> = general;
    // @ts-expect-error a behavior for strings cannot take numbers
    const wrong: Behavior<string | number> = Behaviors.receiveMessage<string>(() => Behaviors.same());
    expect([narrow, wrong]).toHaveLength(2);
  });
});
