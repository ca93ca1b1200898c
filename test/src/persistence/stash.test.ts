import { describe, expect, it } from 'vitest';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { gate } from './_gate.js';
import { world } from './_harness.js';
import { recorder } from './_recorder.js';

describe('Durable State stashes', () => {
  it('DS-14 thenUnstashAll replays the user stash present at that moment, before commands that waited for the write; re-stashed ones wait', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(gate('1', log.ref));
    await w.settled();
    ref.tell({ type: 'Hold', name: 'A' });
    ref.tell({ type: 'Sticky', name: 'S' });
    ref.tell({ type: 'Hold', name: 'B' });
    expect(await log.receiveMessage()).toBe('sticky S');
    w.store.hold('write');
    ref.tell({ type: 'Open' });
    ref.tell({ type: 'Note', name: 'C' });
    ref.tell({ type: 'Note', name: 'D' });
    await log.expectNoMessage();
    w.store.resume('write');
    expect(await log.receiveMessages(6)).toEqual(['opened', 'hold A', 'sticky S', 'hold B', 'note C', 'note D']);
    await log.expectNoMessage();
    ref.tell({ type: 'UnstashNow' });
    expect(await log.receiveMessage()).toBe('sticky S');
    await log.expectNoMessage();
  });

  it('DS-14 an unstashAll during a replay replays the user stash as it is then, commands stashed again included (as Pekko)', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(gate('1', log.ref));
    await w.settled();
    ref.tell({ type: 'Sticky', name: 'S' });
    ref.tell({ type: 'Relay', name: 'R' });
    ref.tell({ type: 'Hold', name: 'T' });
    expect(await log.receiveMessage()).toBe('sticky S');
    ref.tell({ type: 'Open' });
    // S is stashed again before R unstashes all: R's replay takes T and S.
    expect(await log.receiveMessages(5)).toEqual(['opened', 'sticky S', 'relay R', 'hold T', 'sticky S']);
    await log.expectNoMessage();
  });

  it('DS-15 a full internal stash drops the command and reports it on the event stream', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('s1', log.ref).withStashCapacity(2));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.hold('write');
    ref.tell({ type: 'Add', n: 1 });
    for (let i = 0; i < 4; i++) ref.tell({ type: 'Get' });
    await w.settled();
    const dropped = w.events.filter((event) => event.type === 'Dropped');
    expect(dropped).toHaveLength(2);
    expect(dropped[0]).toMatchObject({ type: 'Dropped', message: { type: 'Get' }, recipient: ref.path, reason: 'stash-overflow' });
    w.store.resume('write');
    expect(await log.receiveMessages(3)).toEqual(['ran add 1 1@1', 'get 1@1', 'get 1@1']);
    await log.expectNoMessage();
  });

  it('DS-15 the default capacity of the internal stash is 4096 commands', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('s0', log.ref));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.hold('write');
    ref.tell({ type: 'Add', n: 1 });
    for (let i = 0; i < 4097; i++) ref.tell({ type: 'Get' });
    await w.settled();
    expect(w.events.filter((event) => event.type === 'Dropped')).toHaveLength(1);
    w.store.resume('write');
  });

  it('DS-15 a full user stash drops the command too (capacity is per buffer)', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('s2', log.ref).withStashCapacity(2));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    for (const name of ['a', 'b', 'c']) ref.tell({ type: 'Later', name });
    ref.tell({ type: 'Open' });
    expect(await log.receiveMessages(3)).toEqual(['opened 0@1', 'later a', 'later b']);
    expect(w.events.filter((event) => event.type === 'Dropped').map((event) => event.message)).toEqual([{ type: 'Later', name: 'c' }]);
  });

  it('DS-15 with the fail strategy an overflow fails the actor, even under onPersistFailure', async () => {
    const w = world();
    const log = w.probe<string>();
    const behavior = recorder('s3', log.ref)
      .withStashCapacity(1)
      .withStashOverflowStrategy('fail')
      .onPersistFailure(SupervisorStrategy.restartWithBackoff(100, 1000, 0));
    const ref = w.kit.spawn(behavior);
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.hold('write');
    ref.tell({ type: 'Add', n: 1 });
    ref.tell({ type: 'Get' });
    ref.tell({ type: 'Get' });
    expect(await log.receiveMessage()).toBe('signal PostStop 0@0');
    await log.expectTerminated(ref);
    w.store.resume('write');
  });
});
