import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import { Behaviors } from '../../../src/Behaviors.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import { Effect } from '../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';
import { quiet, world } from './_harness.js';
import { recorder, type RecorderCommand } from './_recorder.js';

describe('Durable State lifecycle', () => {
  it('DS-16 thenStop stops after the whole chain ran (callbacks after thenStop included); later commands are not handled', async () => {
    const w = world();
    const log = w.probe<string>();
    const behavior = DurableStateBehavior.create<string, number>({
      persistenceId: PersistenceId.ofUniqueId('l1'),
      emptyState: 0,
      commandHandler: (state, command) =>
        command === 'finish'
          ? Effect.persist(state + 1)
              .thenRun((s) => log.ref.tell(`a ${s}`))
              .thenStop()
              .thenRun((s) => log.ref.tell(`b ${s}`))
          : Effect.none().thenRun(() => log.ref.tell(`handled ${command}`)),
    }).receiveSignal((state, signal) => log.ref.tell(`${signal.signalName} ${state}`));
    const ref = w.kit.spawn(behavior);
    ref.tell('finish');
    ref.tell('after');
    expect(await log.receiveMessages(4)).toEqual(['RecoveryCompleted 0', 'a 1', 'b 1', 'PostStop 1']);
    await log.expectTerminated(ref);
    await log.expectNoMessage();
    expect(w.events.some((event) => event.type === 'DeadLetter' && event.message === 'after')).toBe(true);
  });

  it('DS-18 a signal during a write is handled at once, with the last written state', async () => {
    const w = world();
    const log = w.probe<string>();
    const watched = w.kit.spawn(Behaviors.receiveMessage<'stop'>(() => Behaviors.stopped()));
    const ref = w.kit.spawn(
      Behaviors.setup<RecorderCommand>((context) => {
        context.watch(watched);
        return recorder('l2', log.ref);
      }),
    );
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.hold('write');
    ref.tell({ type: 'Add', n: 1 });
    ref.tell({ type: 'Get' });
    await w.settled();
    watched.tell('stop');
    expect(await log.receiveMessage()).toBe('signal Terminated 0@0');
    w.store.resume('write');
    expect(await log.receiveMessages(2)).toEqual(['ran add 1 1@1', 'get 1@1']);
  });

  it('DS-18 an unhandled Terminated during a write raises a death pact: the actor fails without running the side effects', async () => {
    const w = world();
    const log = w.probe<string>();
    const watched = w.kit.spawn(Behaviors.receiveMessage<'stop'>(() => Behaviors.stopped()));
    const ref = w.kit.spawn(
      Behaviors.setup<string>((context) => {
        context.watch(watched);
        return DurableStateBehavior.create<string, number>({
          persistenceId: PersistenceId.ofUniqueId('l3'),
          emptyState: 0,
          commandHandler: (state) => Effect.persist(state + 1).thenRun(() => log.ref.tell('side effect')),
        }).receiveSignal((_state, signal) => (signal.signalName === 'Terminated' ? false : undefined));
      }),
    );
    await w.settled();
    w.store.hold('write');
    ref.tell('write');
    await w.settled();
    watched.tell('stop');
    await log.expectTerminated(ref);
    w.store.resume('write');
    await log.expectNoMessage();
  });

  it('DS-19 a passivation stop waits for the write, its side effects and the commands before it; commands after it are discarded', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('l4', log.ref));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.hold('write');
    ref.tell({ type: 'Add', n: 1 });
    ref.tell({ type: 'Get' });
    ref.tell({ type: 'Stop' });
    ref.tell({ type: 'Add', n: 5 });
    await w.settled();
    w.store.resume('write');
    expect(await log.receiveMessages(4)).toEqual(['ran add 1 1@1', 'get 1@1', 'stopping 1@1', 'signal PostStop 1@1']);
    await log.expectTerminated(ref);
    await quiet(w);
    expect(await w.store.getObject('l4')).toEqual({ value: { total: 1, open: false }, revision: 1 });
  });

  it('DS-19 an abrupt stop during a write runs no side effect and leaves the old or the new state in the store', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('l5', log.ref));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.hold('write');
    ref.tell({ type: 'Add', n: 1 });
    await w.settled();
    w.kit.stop(ref);
    expect(await log.receiveMessage()).toBe('signal PostStop 0@0');
    await log.expectTerminated(ref);
    w.store.resume('write');
    await quiet(w);
    await log.expectNoMessage();
    expect([0, 1]).toContain((await w.store.getObject('l5')).revision);
  });

  it('DS-20 timer messages that fire during a write or during recovery are stashed, not lost', async () => {
    const w = world();
    const log = w.probe<string>();
    type Command = 'arm' | 'write' | 'tick' | 'early';
    const behavior = (replyTo: ActorRef<string>) =>
      Behaviors.withTimers<Command>((timers) => {
        timers.startSingleTimer('early', 'early', 10);
        return DurableStateBehavior.create<Command, number>({
          persistenceId: PersistenceId.ofUniqueId('l6'),
          emptyState: 0,
          commandHandler: (state, command) => {
            if (command === 'arm') return Effect.none().thenRun(() => timers.startSingleTimer('tick', 'tick', 50));
            if (command === 'write') return Effect.persist(state + 1);
            return Effect.none<number>().thenRun((s) => replyTo.tell(`${command} ${s}`));
          },
        });
      });
    w.store.hold('read');
    const ref = w.kit.spawn(behavior(log.ref));
    await w.settled();
    w.kit.manualTime.timePasses(10);
    w.store.resume('read');
    expect(await log.receiveMessage()).toBe('early 0');
    ref.tell('arm');
    await w.settled();
    w.store.hold('write');
    ref.tell('write');
    await w.settled();
    w.kit.manualTime.timePasses(50);
    await log.expectNoMessage();
    w.store.resume('write');
    expect(await log.receiveMessage()).toBe('tick 1');
  });
});
