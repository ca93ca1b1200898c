/** Red-team: restarts that wait for slow children, the restart buffer, and nested limits (catalog hard cases 8-10). */
import { describe, expect, it } from 'vitest';
import type { Behavior } from '../../../src/Behavior.js';
import { Behaviors } from '../../../src/Behaviors.js';
import { ChildFailed, PreRestart } from '../../../src/Signal.js';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { ActorInitializationError } from '../../../src/errors.js';
import type { ActorTestKit, TestProbe } from '../../../src/testkit/index.js';
import { Boom, counter, recordEvents, testKit } from '../fixtures.js';
import { child, gate, macrotask, target, type Command } from './_target.js';

/**
 * Spawns {@link target} under `strategy` with a child `c1` whose stop waits for a gate, makes
 * it fail and waits for PreRestart: the restart now waits for `c1` until `slow.open()`.
 */
async function restartingWithSlowChild(kit: ActorTestKit, log: TestProbe<string>, strategy: SupervisorStrategy, prepare: Command[] = []) {
  const slow = gate();
  const parent = kit.spawn(Behaviors.supervise(target(log.ref)).onFailure(strategy), 'parent');
  for (const command of prepare) parent.tell(command);
  parent.tell({ spawn: 'c1', slow });
  parent.tell('state');
  await log.expectMessage('children:c1');
  parent.tell('fail');
  await log.expectMessage('PreRestart');
  return { parent, slow };
}

describe('red team: restart hard cases', () => {
  it('SUP-10 messages and a non-child Terminated sent while a restart waits for a slow child arrive afterwards in order', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const other = kit.spawn(Behaviors.ignore<string>(), 'other');
    const { parent, slow } = await restartingWithSlowChild(kit, log, SupervisorStrategy.restart(), [{ watch: other }]);
    parent.tell('a');
    kit.stop(other);
    await macrotask();
    parent.tell('b');
    parent.tell('state');
    await macrotask();
    slow.open();
    await log.expectMessage('c1:PostStop');
    expect(await log.receiveMessages(4)).toEqual(['a', 'Terminated(other)', 'b', 'children:']);
    await log.expectNoMessage();
  });

  it('SUP-10 restart buffer overflow while waiting for a child drops exactly the excess, each with a Dropped event', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const { parent, slow } = await restartingWithSlowChild(kit, log, SupervisorStrategy.restart().withStashCapacity(2));
    for (const m of ['m1', 'm2', 'm3', 'm4', 'm5']) parent.tell(m);
    await macrotask();
    slow.open();
    await log.expectMessage('c1:PostStop');
    expect(await log.receiveMessages(2)).toEqual(['m1', 'm2']);
    await log.expectNoMessage();
    const dropped = events.flatMap((e) => (e.type === 'Dropped' ? [`${String(e.message)}:${e.reason}`] : []));
    expect(dropped).toEqual(['m3:restart-buffer-full', 'm4:restart-buffer-full', 'm5:restart-buffer-full']);
  });

  it('SUP-12 a second failure while the restart buffer is released restarts again and stops the newly spawned child', async () => {
    for (const strategy of [SupervisorStrategy.restart(), SupervisorStrategy.restartWithBackoff(10, 10, 0)]) {
      const kit = testKit();
      const log = kit.createTestProbe<string>();
      const { parent, slow } = await restartingWithSlowChild(kit, log, strategy);
      parent.tell('state');
      parent.tell({ spawn: 'c2' });
      parent.tell('state');
      parent.tell('fail');
      parent.tell('after');
      await macrotask();
      kit.manualTime.timePasses(10);
      slow.open();
      await log.expectMessage('c1:PostStop');
      await log.expectMessage('children:');
      await log.expectMessage('children:c2');
      await log.expectMessage('PreRestart');
      await log.expectMessage('c2:PostStop');
      await kit.settled();
      kit.manualTime.timePasses(20);
      await log.expectMessage('after');
      parent.tell('state');
      await log.expectMessage('children:');
      await log.expectNoMessage();
      await kit.shutdown();
    }
  });

  it('SUP-10 two failures queued behind each other while a restart waits: both restart, later messages survive (Pekko message retention)', async () => {
    for (const strategy of [SupervisorStrategy.restart().withStashCapacity(4), SupervisorStrategy.restartWithBackoff(10, 10, 0).withStashCapacity(4)]) {
      const kit = testKit();
      const log = kit.createTestProbe<string>();
      const { parent, slow } = await restartingWithSlowChild(kit, log, strategy);
      for (const m of ['fail', 'p1', 'p2']) parent.tell(m);
      await macrotask();
      slow.open();
      await log.expectMessage('c1:PostStop');
      for (let i = 0; i < 4; i++) {
        await kit.settled();
        kit.manualTime.timePasses(10);
      }
      expect(await log.receiveMessages(3)).toEqual(['PreRestart', 'p1', 'p2']);
      await log.expectNoMessage();
      await kit.shutdown();
    }
  });

  it('SUP-08 a first setup that spawns a slow child and fails: the retry waits for the child, buffered messages survive two failed starts', async () => {
    for (const strategy of [SupervisorStrategy.restart().withStashCapacity(4).withLimit(4, 10_000), SupervisorStrategy.restartWithBackoff(10, 10, 0).withStashCapacity(4)]) {
      const kit = testKit();
      const log = kit.createTestProbe<string>();
      const slow = gate();
      let starts = 0;
      const actor = kit.spawn(
        Behaviors.supervise(
          Behaviors.setup<Command>((context) => {
            starts++;
            log.ref.tell('started');
            context.spawn(child(log.ref, `kid${starts}`, slow), `kid${starts}`);
            if (starts <= 2) throw new Boom('constructor');
            return target(log.ref);
          }),
        ).onFailure(strategy),
      );
      await log.expectMessage('started');
      actor.tell('ping1');
      actor.tell('ping2');
      await macrotask();
      slow.open();
      for (let i = 0; i < 6; i++) {
        await kit.settled();
        kit.manualTime.timePasses(10);
      }
      expect(await log.receiveMessages(6)).toEqual(['kid1:PostStop', 'started', 'kid2:PostStop', 'started', 'ping1', 'ping2']);
      await log.expectNoMessage();
      await kit.shutdown();
    }
  });

  it('SUP-07 an exhausted inner restart.withLimit passes the failure to the enclosing supervisor (Pekko rethrows)', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.supervise(Behaviors.supervise(counter(log.ref)).onFailure(Boom, SupervisorStrategy.restart().withLimit(1, 1000))).onFailure(
        SupervisorStrategy.restart(),
      ),
    );
    actor.tell('inc');
    actor.tell('fail');
    await log.expectMessage('PreRestart');
    actor.tell('inc');
    actor.tell('fail'); // second failure inside the window: the inner limit is exhausted, the outer restart decides
    await log.expectMessage('PreRestart');
    actor.tell('get');
    await log.expectMessage('count:0');
    actor.tell('fail'); // the outer restart re-created the inner supervisor: its count starts over
    await log.expectMessage('PreRestart');
    actor.tell('get');
    await log.expectMessage('count:0');
    await log.expectNoMessage();
  });

  it('SUP-07 property-like sweep: n failures spaced beyond the window never stop; n = 0 stops at the first', async () => {
    for (const limit of [0, 1, 2, 3]) {
      const kit = testKit();
      const log = kit.createTestProbe<string>();
      const actor = kit.spawn(Behaviors.supervise(counter(log.ref)).onFailure(SupervisorStrategy.restart().withLimit(limit, 100)));
      for (let i = 0; i < 6; i++) {
        actor.tell('fail');
        if (limit === 0) break;
        await log.expectMessage('PreRestart');
        kit.manualTime.timePasses(100); // exactly the window: the next failure opens a new one
      }
      if (limit === 0) {
        await log.expectMessage('PostStop');
        await log.expectTerminated(actor);
      } else {
        actor.tell('get');
        await log.expectMessage('count:0');
      }
      await log.expectNoMessage();
      await kit.shutdown();
    }
  });

  it('SUP-08 first-start failure: backoff retries after its delay; an unlimited inner restart hands it to an outer limited restart', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let attempts = 0;
    const failingOnce: Behavior<string> = Behaviors.setup<string>(() => {
      attempts++;
      log.ref.tell(`setup:${attempts}`);
      if (attempts === 1) throw new Boom('first');
      return counter(log.ref);
    });
    kit.spawn(Behaviors.supervise(failingOnce).onFailure(SupervisorStrategy.restartWithBackoff(50, 50, 0)));
    await log.expectMessage('setup:1');
    await log.expectNoMessage();
    kit.manualTime.timePasses(50);
    await log.expectMessage('setup:2');

    attempts = 0;
    const nested = kit.spawn(
      Behaviors.supervise(Behaviors.supervise(failingOnce).onFailure(SupervisorStrategy.restart())).onFailure(
        SupervisorStrategy.restart().withLimit(2, 1000),
      ),
    );
    await log.expectMessage('setup:1');
    await log.expectMessage('setup:2');
    nested.tell('get');
    await log.expectMessage('count:0');
  });

  it('SUP-08 first-start failure under resume stops with ActorInitializationError reported to the watching parent', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    kit.spawn(
      Behaviors.setup<string>((context) => {
        const failing = context.spawn(
          Behaviors.supervise(
            Behaviors.setup<string>(() => {
              throw new Boom('no start');
            }),
          ).onFailure(SupervisorStrategy.resume()),
          'failing',
        );
        context.watch(failing);
        return Behaviors.receiveSignal<string>((_c, signal) => {
          if (signal instanceof ChildFailed) log.ref.tell(`${signal.cause.constructor.name}:${(signal.cause.cause as Error).message}`);
          return Behaviors.same();
        });
      }),
    );
    await log.expectMessage(`${ActorInitializationError.name}:no start`);
  });

  it('SUP-09 a setup failing during a later restart (backoff) is retried after the next delay and its children are stopped', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let setups = 0;
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<Command>((context) => {
          setups++;
          context.spawn(Behaviors.ignore<string>(), `child${setups}`);
          if (setups === 2) throw new Boom('later setup');
          return target(log.ref);
        }),
      ).onFailure(SupervisorStrategy.restartWithBackoff(10, 1000, 0)),
    );
    actor.tell('state');
    await log.expectMessage('children:child1');
    actor.tell('fail');
    await log.expectMessage('PreRestart');
    actor.tell('state');
    await kit.settled();
    kit.manualTime.timePasses(10); // setup 2 fails: next delay is 20
    await kit.settled();
    expect(setups).toBe(2);
    kit.manualTime.timePasses(19);
    await kit.settled();
    expect(setups).toBe(2);
    kit.manualTime.timePasses(1);
    await log.expectMessage('children:child3');
    await log.expectNoMessage();
  });

  it('SUP-11 backoff withMaxRestarts stops an actor whose setup keeps failing on restart (Pekko "fail if reaching maximum number of restarts")', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    let setups = 0;
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>(() => {
          setups++;
          if (setups > 1) throw new Boom('failure to restart');
          return counter(log.ref);
        }),
      ).onFailure(SupervisorStrategy.restartWithBackoff(10, 1000, 0).withMaxRestarts(2).withResetBackoffAfter(10_000)),
    );
    actor.tell('fail');
    await log.expectMessage('PreRestart');
    for (let step = 0; step < 8; step++) {
      await kit.settled();
      kit.manualTime.timePasses(10);
    }
    await log.expectTerminated(actor);
    expect(setups).toBe(3); // the first start, then two restarts whose setup failed
  });

  it('LIF-10 a PreRestart handler that throws is logged; children are still stopped and the restart completes', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(
      Behaviors.supervise(
        Behaviors.setup<string>((context) => {
          context.spawn(Behaviors.receiveSignal<string>(() => {
            log.ref.tell('child PostStop');
            return Behaviors.same();
          }), 'kid');
          log.ref.tell('setup');
          return Behaviors.receiveMessage<string>((m) => {
            if (m === 'fail') throw new Boom();
            log.ref.tell(m);
            return Behaviors.same();
          }).receiveSignal((_c, signal) => {
            if (signal === PreRestart) throw new Error('PreRestart broke');
            return Behaviors.same();
          });
        }),
      ).onFailure(SupervisorStrategy.restart()),
    );
    await log.expectMessage('setup');
    actor.tell('fail');
    actor.tell('after');
    expect(await log.receiveMessages(3)).toEqual(['child PostStop', 'setup', 'after']);
    expect(events.some((e) => e.type === 'Log' && e.level === 'error' && e.message.includes('PreRestart'))).toBe(true);
  });
});
