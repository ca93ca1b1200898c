/**
 * Issue #16 item 7, durable state: a store that rejects with something other than an Error (a
 * Proxy whose every trap throws, null, a symbol) fails the actor like any store error, the error
 * the runtime builds from it has a readable message and keeps the value as its cause; and a
 * command that refuses `instanceof` reaches the command handler.
 */
import { describe, expect, it } from 'vitest';
import type { GetObjectResult } from '../../../src/persistence/DurableStateStore.js';
import { DurableStatePersistError, DurableStateRecoveryError } from '../../../src/persistence/errors.js';
import { InMemoryDurableStateStore } from '../../../src/persistence/stores/InMemoryDurableStateStore.js';
import { trapEverything } from '../_hostile.js';
import { world } from './_harness.js';
import { recorder } from './_recorder.js';

/** An in-memory store whose reads or writes reject with `reason`. */
class RejectingStore extends InMemoryDurableStateStore {
  constructor(
    private readonly reason: unknown,
    private readonly failing: 'read' | 'write',
  ) {
    super();
  }
  override getObject<S>(persistenceId: string): Promise<GetObjectResult<S>> {
    return this.failing === 'read' ? Promise.reject(this.reason) : super.getObject<S>(persistenceId);
  }
  override upsertObject<S>(persistenceId: string, revision: number, value: S, tag: string): Promise<void> {
    return this.failing === 'write' ? Promise.reject(this.reason) : super.upsertObject(persistenceId, revision, value, tag);
  }
}

describe.each([
  ['a Proxy whose every trap throws', trapEverything()],
  ['null', null],
  ['a symbol', Symbol('store down')],
  ['an object whose toString throws', { toString: () => { throw new Error('no'); } }],
])('a store rejecting with %s', (_name, reason) => {
  it('on a write stops the actor with a DurableStatePersistError that keeps it as the cause', async () => {
    const w = world(new RejectingStore(reason, 'write'));
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('hostile-write', log.ref));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    ref.tell({ type: 'Add', n: 1 });
    expect(await log.receiveMessage()).toBe('signal PostStop 0@0');
    await log.expectTerminated(ref);
    const failure = w.events.flatMap((e) => (e.type === 'Log' && e.data instanceof DurableStatePersistError ? [e.data] : []));
    expect(failure).toHaveLength(1);
    expect(typeof failure[0]?.message).toBe('string');
    expect(Object.is(failure[0]?.cause, reason)).toBe(true);
  });

  it('on recovery stops the actor with a DurableStateRecoveryError', async () => {
    const w = world(new RejectingStore(reason, 'read'));
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('hostile-read', log.ref));
    await log.expectTerminated(ref);
    const failure = w.events.flatMap((e) => (e.type === 'Log' && e.data instanceof DurableStateRecoveryError ? [e.data] : []));
    expect(failure).toHaveLength(1);
    expect(Object.is(failure[0]?.cause, reason)).toBe(true);
  });
});

describe('a command that refuses instanceof', () => {
  it('reaches the command handler like any other (a Proxy whose getPrototypeOf trap throws)', async () => {
    const w = world();
    const log = w.probe<string>();
    const ref = w.kit.spawn(recorder('hostile-command', log.ref));
    await log.expectMessage('signal RecoveryCompleted 0@0');
    const refusing = <T extends object>(target: T): T =>
      new Proxy(target, {
        getPrototypeOf: () => {
          throw new Error('no prototype for you');
        },
      });
    ref.tell(refusing({ type: 'Add', n: 2 }));
    ref.tell(refusing({ type: 'Get' }));
    expect(await log.receiveMessages(2)).toEqual(['ran add 2 2@1', 'get 2@1']);
    // A probe records such a message too (it checks for its own watch requests first).
    const probe = w.probe<object>();
    const message = refusing({ text: 'hello' });
    probe.ref.tell(message);
    expect(await probe.receiveMessage()).toBe(message);
  });
});
