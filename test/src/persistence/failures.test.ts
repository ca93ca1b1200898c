import { describe, expect, it } from 'vitest';
import { Behaviors } from '../../../src/Behaviors.js';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { quiet, world } from './_harness.js';
import { recorder } from './_recorder.js';

const BACKOFF = SupervisorStrategy.restartWithBackoff(100, 1000, 0);

describe('Durable State write failures', () => {
  it('DS-08 a failed write runs no side effect, sends no reply, keeps the stored state and stops the actor', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('f1', log.ref));
    ref.tell({ type: 'Add', n: 1 });
    expect(await log.receiveMessages(2)).toEqual(['signal RecoveryCompleted 0@0', 'ran add 1 1@1']);
    w.store.failNext('write');
    ref.tell({ type: 'Add', n: 5 });
    expect(await log.receiveMessage()).toBe('signal PostStop 1@1');
    await log.expectTerminated(ref);
    await log.expectNoMessage();
    expect(await w.store.getObject('f1')).toEqual({ value: { total: 1, open: false }, revision: 1 });
  });

  it('DS-08 a failed write stops the actor even under a restarting supervisor: resuming or restarting on an unknown write outcome is not allowed', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(Behaviors.supervise(recorder('f6', log.ref)).onFailure(SupervisorStrategy.restart()));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.failNext('write');
    ref.tell({ type: 'Add', n: 1 });
    expect(await log.receiveMessage()).toBe('signal PostStop 0@0');
    await log.expectTerminated(ref);
  });

  it('DS-09 by default a failed write stops the actor and the waiting commands go to dead letters', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('f2', log.ref));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.hold('write');
    ref.tell({ type: 'Later', name: 'stashed-by-user' });
    ref.tell({ type: 'Add', n: 1 });
    ref.tell({ type: 'Get' });
    await w.settled();
    w.store.failNext('write');
    w.store.resume('write');
    expect(await log.receiveMessage()).toBe('signal PostStop 0@0');
    await log.expectTerminated(ref);
    const deadLetters = w.events.filter((event) => event.type === 'DeadLetter').map((event) => event.message);
    expect(deadLetters).toEqual([{ type: 'Later', name: 'stashed-by-user' }, { type: 'Get' }]);
  });

  it('DS-09 with onPersistFailure the actor backs off, recovers the stored revision and then handles both preserved stashes in order', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('f3', log.ref).onPersistFailure(BACKOFF));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    ref.tell({ type: 'Later', name: 'a' });
    ref.tell({ type: 'Add', n: 1 });
    expect(await log.receiveMessage()).toBe('ran add 1 1@1');
    w.store.hold('write');
    ref.tell({ type: 'Later', name: 'b' });
    ref.tell({ type: 'Add', n: 10 });
    ref.tell({ type: 'Get' });
    ref.tell({ type: 'Open' });
    await w.settled();
    w.store.failNext('write');
    w.store.resume('write');
    expect(await log.receiveMessage()).toBe('signal PreRestart 1@1');
    await w.settled();
    w.kit.manualTime.timePasses(100);
    expect(await log.receiveMessages(5)).toEqual([
      'signal RecoveryCompleted 1@1',
      'get 1@1',
      'opened 1@2',
      'later a',
      'later b',
    ]);
    await quiet(w);
    expect(w.store.writes.map((write) => `${write.revision} ${write.outcome}`)).toEqual(['1 succeeded', '2 failed', '2 succeeded']);
  });

  it('DS-11 side effects are not run again by a backoff restart or a new incarnation', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('f4', log.ref).onPersistFailure(BACKOFF));
    ref.tell({ type: 'Add', n: 1 });
    expect(await log.receiveMessages(2)).toEqual(['signal RecoveryCompleted 0@0', 'ran add 1 1@1']);
    w.store.failNext('write');
    ref.tell({ type: 'Add', n: 2 });
    expect(await log.receiveMessage()).toBe('signal PreRestart 1@1');
    await w.settled();
    w.kit.manualTime.timePasses(100);
    expect(await log.receiveMessage()).toBe('signal RecoveryCompleted 1@1');
    await log.expectNoMessage();
    w.kit.stop(ref);
    expect(await log.receiveMessage()).toBe('signal PostStop 1@1');
    w.kit.spawn(recorder('f4', log.ref));
    expect(await log.receiveMessage()).toBe('signal RecoveryCompleted 1@1');
    await log.expectNoMessage();
  });

  it('DS-12 an exception from the command handler follows normal supervision: stashes are discarded, the written state is recovered', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(Behaviors.supervise(recorder('f5', log.ref)).onFailure(SupervisorStrategy.restart()));
    ref.tell({ type: 'Add', n: 2 });
    ref.tell({ type: 'Later', name: 'lost' });
    ref.tell({ type: 'Boom' });
    ref.tell({ type: 'Get' }); // waits in the internal stash behind Boom: discarded by the restart
    expect(await log.receiveMessages(4)).toEqual([
      'signal RecoveryCompleted 0@0',
      'ran add 2 2@1',
      'signal PreRestart 2@1',
      'signal RecoveryCompleted 2@1',
    ]);
    ref.tell({ type: 'Open' });
    expect(await log.receiveMessage()).toBe('opened 2@2');
    await log.expectNoMessage();
  });
});
