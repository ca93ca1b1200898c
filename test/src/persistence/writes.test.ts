import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import type { DurableStateChange } from '../../../src/persistence/DurableStateStore.js';
import { Effect } from '../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';
import { STORE_KINDS, quiet, sibling, world } from './_harness.js';
import { recorder } from './_recorder.js';

async function collect(changes: AsyncIterable<DurableStateChange>): Promise<DurableStateChange[]> {
  const out: DurableStateChange[] = [];
  for await (const change of changes) out.push(change);
  return out;
}

/** An entity whose every command persists and then reports state and revisions seen in the handler and the callback. */
function revisionReporter(id: string, log: ActorRef<string>) {
  return DurableStateBehavior.create<'persist' | 'delete' | 'read', number>({
    persistenceId: PersistenceId.ofUniqueId(id),
    emptyState: -1,
    commandHandler: (state, command, context) => {
      const before = context.lastRevision;
      const report = (s: number) => log.tell(`${command}: handler saw ${before}, callback saw ${s}@${context.lastRevision}`);
      if (command === 'persist') return Effect.persist(state + 1).thenRun(report);
      if (command === 'delete') return Effect.delete<number>().thenRun(report);
      return Effect.none<number>().thenRun(report);
    },
  });
}

describe('Durable State writes', () => {
  it('DS-04 commands wait while a write is in flight and the next one sees the written state', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('w1', log.ref));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    w.store.hold('write');
    ref.tell({ type: 'Add', n: 2 });
    ref.tell({ type: 'Get' });
    ref.tell({ type: 'Add', n: 3 });
    await log.expectNoMessage();
    expect(w.store.heldCount).toBe(1);
    w.store.release(1);
    expect(await log.receiveMessages(2)).toEqual(['ran add 2 2@1', 'get 2@1']);
    w.store.resume('write');
    expect(await log.receiveMessage()).toBe('ran add 3 5@2');
  });

  it('DS-06 side effects run after the write succeeded, in registration order; immediately for none', async () => {
    const w = world();
    const log = w.probe<string>();
    const behavior = DurableStateBehavior.create<'write' | 'read', number>({
      persistenceId: PersistenceId.ofUniqueId('w2'),
      emptyState: 0,
      commandHandler: (state, command) =>
        (command === 'write' ? Effect.persist(state + 1) : Effect.none<number>())
          .thenRun((s) => log.ref.tell(`a ${command} ${s}`))
          .thenReply(log.ref, (s) => `reply ${command} ${s}`)
          .thenRun((s) => log.ref.tell(`b ${command} ${s}`)),
    });
    const ref = w.kit.spawn(behavior);
    await w.settled();
    w.store.hold('write');
    ref.tell('write');
    await log.expectNoMessage();
    w.store.resume('write');
    expect(await log.receiveMessages(3)).toEqual(['a write 1', 'reply write 1', 'b write 1']);
    ref.tell('read');
    expect(await log.receiveMessages(3)).toEqual(['a read 1', 'reply read 1', 'b read 1']);
  });

  it('DS-07 the handler sees the pre-write revision and callbacks the post-write revision and state (emptyState after delete)', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(revisionReporter('w3', log.ref));
    ref.tell('persist');
    ref.tell('persist');
    ref.tell('read');
    ref.tell('delete');
    expect(await log.receiveMessages(4)).toEqual([
      'persist: handler saw 0, callback saw 0@1',
      'persist: handler saw 1, callback saw 1@2',
      'read: handler saw 2, callback saw 1@2',
      'delete: handler saw 2, callback saw -1@3',
    ]);
  });

  it('DS-17 each reply is sent exactly once; noReply sends nothing', async () => {
    const w = world();
    const replies = w.probe<string>();
    const behavior = DurableStateBehavior.withEnforcedReplies<{ readonly replyTo: ActorRef<string>; readonly quiet: boolean }, number>({
      persistenceId: PersistenceId.ofUniqueId('w4'),
      emptyState: 0,
      commandHandler: (state, command) =>
        command.quiet ? Effect.noReply() : Effect.persist(state + 1).thenReply(command.replyTo, (s) => `done ${s}`),
    });
    const ref = w.kit.spawn(behavior);
    ref.tell({ replyTo: replies.ref, quiet: false });
    ref.tell({ replyTo: replies.ref, quiet: true });
    ref.tell({ replyTo: replies.ref, quiet: false });
    expect(await replies.receiveMessages(2)).toEqual(['done 1', 'done 2']);
    await replies.expectNoMessage();
  });

  it('DS-10 under onPersistFailure the conflict loser backs off, recovers the winner\'s state and replays its waiting commands on top', async () => {
    const a = world();
    const b = sibling(a);
    const logA = a.probe<string>();
    const logB = b.probe<string>();
    const refA = a.kit.spawn(recorder('contested', logA.ref));
    const refB = b.kit.spawn(recorder('contested', logB.ref).onPersistFailure(SupervisorStrategy.restartWithBackoff(100, 1000, 0)));
    await logA.expectMessage('signal RecoveryCompleted 0@0');
    await logB.expectMessage('signal RecoveryCompleted 0@0');
    refA.tell({ type: 'Add', n: 1 });
    expect(await logA.receiveMessage()).toBe('ran add 1 1@1');
    a.store.hold('write');
    refB.tell({ type: 'Add', n: 100 });
    refB.tell({ type: 'Get' });
    await b.settled();
    a.store.resume('write');
    expect(await logB.receiveMessage()).toBe('signal PreRestart 0@0');
    await b.settled();
    b.kit.manualTime.timePasses(100);
    expect(await logB.receiveMessages(2)).toEqual(['signal RecoveryCompleted 1@1', 'get 1@1']);
  });

  for (const kind of STORE_KINDS) {
    it(`DS-05 persist writes revision + 1, gap-free; none, unhandled and stash write nothing (${kind.name} store)`, async () => {
      const w = world(await kind.create());
      const log = w.probe<string>();
      const ref = w.kit.spawn(recorder('w5', log.ref));
      ref.tell({ type: 'Add', n: 1 });
      ref.tell({ type: 'Get' });
      ref.tell({ type: 'Nonsense' });
      ref.tell({ type: 'Later', name: 'x' });
      ref.tell({ type: 'Add', n: 1 });
      ref.tell({ type: 'Add', n: 1 });
      expect(await log.receiveMessages(5)).toEqual([
        'signal RecoveryCompleted 0@0',
        'ran add 1 1@1',
        'get 1@1',
        'ran add 1 2@2',
        'ran add 1 3@3',
      ]);
      await quiet(w);
      expect(w.store.writes.map((write) => `${write.operation} ${write.revision} ${write.outcome}`)).toEqual([
        'upsert 1 succeeded',
        'upsert 2 succeeded',
        'upsert 3 succeeded',
      ]);
      expect(w.events).toContainEqual({ type: 'UnhandledMessage', message: { type: 'Nonsense' }, recipient: ref.path });
      expect(await w.store.getObject('w5')).toEqual({ value: { total: 3, open: false }, revision: 3 });
    });

    it(`DS-13 delete advances the revision; recovery afterwards yields emptyState at that revision and the next persist writes + 2 (${kind.name} store)`, async () => {
      const w = world(await kind.create());
      const log = w.probe<string>();
      const first = w.kit.spawn(recorder('w6', log.ref));
      first.tell({ type: 'Add', n: 4 });
      first.tell({ type: 'Delete' });
      first.tell({ type: 'Get' });
      first.tell({ type: 'Stop' });
      expect(await log.receiveMessages(6)).toEqual([
        'signal RecoveryCompleted 0@0',
        'ran add 4 4@1',
        'deleted 0@2',
        'get 0@2',
        'stopping 0@2',
        'signal PostStop 0@2',
      ]);
      await log.expectTerminated(first);
      const second = w.kit.spawn(recorder('w6', log.ref));
      second.tell({ type: 'Add', n: 1 });
      expect(await log.receiveMessages(2)).toEqual(['signal RecoveryCompleted 0@2', 'ran add 1 1@3']);
      await quiet(w);
      expect(w.store.writes.map((write) => `${write.operation} ${write.revision}`)).toEqual(['upsert 1', 'delete 2', 'upsert 3']);
    });

    it(`DS-10 two live actors with one persistenceId: the loser's write fails, it stops, and a new incarnation sees the winner's state (${kind.name} store)`, async () => {
      const a = world(await kind.create());
      const b = sibling(a);
      const logA = a.probe<string>();
      const logB = b.probe<string>();
      const refA = a.kit.spawn(recorder('shared', logA.ref));
      const refB = b.kit.spawn(recorder('shared', logB.ref));
      await logA.expectMessage('signal RecoveryCompleted 0@0');
      await logB.expectMessage('signal RecoveryCompleted 0@0');
      refA.tell({ type: 'Add', n: 1 });
      expect(await logA.receiveMessage()).toBe('ran add 1 1@1');
      refB.tell({ type: 'Add', n: 100 });
      expect(await logB.receiveMessage()).toBe('signal PostStop 0@0');
      await logB.expectTerminated(refB);
      const again = b.kit.spawn(recorder('shared', logB.ref));
      again.tell({ type: 'Add', n: 10 });
      expect(await logB.receiveMessages(2)).toEqual(['signal RecoveryCompleted 1@1', 'ran add 10 11@2']);
      await quiet(a);
      expect(a.store.writes.map((write) => `${write.revision} ${write.outcome}`)).toEqual(['1 succeeded', '1 failed', '2 succeeded']);
      expect(await a.store.getObject('shared')).toEqual({ value: { total: 11, open: false }, revision: 2 });
    });

    it(`TAG-01 every upsert carries the entity's tag and a delete keeps it (${kind.name} store)`, async () => {
      const w = world(await kind.create());
      const log = w.probe<string>();
      const tagged = w.kit.spawn(recorder('t1', log.ref).withTag('blue'));
      const untagged = w.kit.spawn(recorder('t2', log.ref));
      tagged.tell({ type: 'Add', n: 1 });
      tagged.tell({ type: 'Add', n: 1 });
      untagged.tell({ type: 'Add', n: 1 });
      await log.receiveMessages(5);
      await quiet(w);
      expect(w.store.writes.map((write) => `${write.persistenceId} ${write.tag}`).sort()).toEqual(['t1 blue', 't1 blue', 't2 ']);
      tagged.tell({ type: 'Delete' });
      await log.expectMessage('deleted 0@3');
      await quiet(w);
      const changes = await collect(w.store.currentChanges('blue'));
      expect(changes.map((change) => [change.persistenceId, change.type, change.revision, change.tag])).toEqual([['t1', 'deleted', 3, 'blue']]);
    });
  }
});
