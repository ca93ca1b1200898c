import { describe, expect, it } from 'vitest';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import { RecoveryCompleted, RecoveryFailed } from '../../../src/persistence/DurableStateSignal.js';
import { Effect } from '../../../src/persistence/Effect.js';
import { DurableStateRecoveryTimeoutError } from '../../../src/persistence/errors.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';
import { STORE_KINDS, quiet, world } from './_harness.js';
import { recorder } from './_recorder.js';

describe('Durable State recovery', () => {
  it('DS-01 reads the store before the first command; commands sent meanwhile wait, in order', async () => {
    const w = world();
    await w.store.underlying.upsertObject('r1', 1, { total: 10, open: false }, '');
    w.store.hold('read');
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('r1', log.ref));
    ref.tell({ type: 'Get' });
    ref.tell({ type: 'Add', n: 1 });
    ref.tell({ type: 'Get' });
    await log.expectNoMessage();
    expect(w.store.writes).toEqual([]);
    w.store.resume('read');
    expect(await log.receiveMessages(4)).toEqual([
      'signal RecoveryCompleted 10@1',
      'get 10@1',
      'ran add 1 11@2',
      'get 11@2',
    ]);
  });

  it('DS-02 signals RecoveryCompleted with the recovered state and revision before the first command', async () => {
    const w = world();
    await w.store.underlying.upsertObject('r2', 1, 'a', '');
    await w.store.underlying.upsertObject('r2', 2, 'b', '');
    const seen: unknown[] = [];
    const behavior = DurableStateBehavior.create<string, string>({
      persistenceId: PersistenceId.ofUniqueId('r2'),
      emptyState: '',
      commandHandler: (state, command) => {
        seen.push(`command ${command} on ${state}`);
        return Effect.none();
      },
    }).receiveSignal((state, signal) => {
      seen.push(signal);
      seen.push(`state ${state}`);
    });
    const ref = w.kit.spawn(behavior);
    ref.tell('x');
    await w.settled();
    expect(seen).toEqual([new RecoveryCompleted('b', 2), 'state b', 'command x on b']);
  });

  it('DS-03 a failed recovery signals RecoveryFailed with emptyState, handles no command and stops', async () => {
    const w = world();
    await w.store.underlying.upsertObject('r3', 1, { total: 5, open: false }, '');
    w.store.failNext('read');
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('r3', log.ref));
    ref.tell({ type: 'Get' });
    expect(await log.receiveMessages(2)).toEqual(['signal RecoveryFailed 0@0', 'signal PostStop 0@0']);
    await log.expectTerminated(ref);
    await log.expectNoMessage();
  });

  it('DS-03 recovery times out on the system clock (default 30 s) and the actor stops', async () => {
    const w = world();
    w.store.hold('read');
    const signals: unknown[] = [];
    const behavior = DurableStateBehavior.create<string, number>({
      persistenceId: PersistenceId.ofUniqueId('r4'),
      emptyState: 0,
      commandHandler: () => Effect.none(),
    }).receiveSignal((_state, signal) => {
      signals.push(signal);
    });
    const ref = w.kit.spawn(behavior);
    await w.settled();
    w.kit.manualTime.timePasses(29_999);
    await w.settled();
    expect(signals).toEqual([]);
    w.kit.manualTime.timePasses(1);
    const probe = w.probe<never>();
    await probe.expectTerminated(ref);
    expect(signals[0]).toBeInstanceOf(RecoveryFailed);
    expect((signals[0] as RecoveryFailed).cause).toBeInstanceOf(DurableStateRecoveryTimeoutError);
    w.store.resume('read');
  });

  it('DS-03 withRecoveryTimeout shortens the recovery timeout', async () => {
    const w = world();
    w.store.hold('read');
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('r6', log.ref).withRecoveryTimeout(500));
    await w.settled();
    w.kit.manualTime.timePasses(500);
    expect(await log.receiveMessages(2)).toEqual(['signal RecoveryFailed 0@0', 'signal PostStop 0@0']);
    await log.expectTerminated(ref);
    w.store.resume('read');
  });

  it('DS-03 with onPersistFailure a failed recovery backs off, recovers again and then handles the waiting commands', async () => {
    const w = world();
    await w.store.underlying.upsertObject('r5', 1, { total: 7, open: false }, '');
    w.store.failNext('read');
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('r5', log.ref).onPersistFailure(SupervisorStrategy.restartWithBackoff(100, 1000, 0)));
    ref.tell({ type: 'Get' });
    expect(await log.receiveMessages(2)).toEqual(['signal RecoveryFailed 0@0', 'signal PreRestart 0@0']);
    await w.settled();
    w.kit.manualTime.timePasses(100);
    expect(await log.receiveMessages(2)).toEqual(['signal RecoveryCompleted 7@1', 'get 7@1']);
  });

  for (const kind of STORE_KINDS) {
    it(`DS-01 recovery yields the stored value and revision, or emptyState at revision 0 for a new id (${kind.name} store)`, async () => {
      const w = world(await kind.create());
      await w.store.underlying.upsertObject('known', 1, { total: 1, open: false }, '');
      await w.store.underlying.upsertObject('known', 2, { total: 3, open: true }, '');
      const log = w.probe<string>();
      w.kit.spawn(recorder('known', log.ref)).tell({ type: 'Get' });
      expect(await log.receiveMessages(2)).toEqual(['signal RecoveryCompleted 3@2', 'get 3@2']);
      w.kit.spawn(recorder('unknown', log.ref)).tell({ type: 'Get' });
      expect(await log.receiveMessages(2)).toEqual(['signal RecoveryCompleted 0@0', 'get 0@0']);
      await quiet(w);
    });
  }
});
