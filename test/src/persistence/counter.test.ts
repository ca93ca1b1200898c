import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import { Effect } from '../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';
import { ActorTestKit } from '../../../src/testkit/ActorTestKit.js';
import { STORE_KINDS, world } from './_harness.js';

// The seed's counter: Increment, IncrementBy, GetValue over a durable state.
type Command =
  | { readonly type: 'Increment' }
  | { readonly type: 'IncrementBy'; readonly value: number }
  | { readonly type: 'GetValue'; readonly replyTo: ActorRef<State> };
interface State {
  readonly value: number;
}

function counter(id: string) {
  return DurableStateBehavior.create<Command, State>({
    persistenceId: PersistenceId.ofUniqueId(id),
    emptyState: { value: 0 },
    commandHandler: (state, command) => {
      switch (command.type) {
        case 'Increment':
          return Effect.persist({ value: state.value + 1 });
        case 'IncrementBy':
          return Effect.persist({ value: state.value + command.value });
        case 'GetValue':
          return Effect.reply(command.replyTo, state);
      }
    },
  });
}

describe('counter example (seed)', () => {
  for (const kind of STORE_KINDS) {
    it(`DS-04 counts Increment and IncrementBy and answers GetValue with every earlier write (${kind.name} store)`, async () => {
      const w = world(await kind.create());
      const probe = w.probe<State>();
      const ref = w.kit.spawn(counter('counter-1'));
      ref.tell({ type: 'Increment' });
      ref.tell({ type: 'IncrementBy', value: 41 });
      ref.tell({ type: 'GetValue', replyTo: probe.ref });
      await probe.expectMessage({ value: 42 });
      await w.settled();
      expect(await w.store.getObject('counter-1')).toEqual({ value: { value: 42 }, revision: 2 });
    });

    it(`DS-01 a new incarnation recovers the counter from the store (${kind.name} store)`, async () => {
      const w = world(await kind.create());
      const probe = w.probe<State>();
      const first = w.kit.spawn(counter('counter-2'));
      first.tell({ type: 'IncrementBy', value: 5 });
      first.tell({ type: 'Increment' });
      await w.settled();
      w.kit.stop(first);
      await probe.expectTerminated(first);
      const second = w.kit.spawn(counter('counter-2'));
      second.tell({ type: 'GetValue', replyTo: probe.ref });
      await probe.expectMessage({ value: 6 });
    });
  }

  it('DS-01 without a configured store each system keeps its entities in its own in-memory store', async () => {
    const kit = ActorTestKit.create();
    const other = ActorTestKit.create();
    try {
      const probe = kit.createTestProbe<State>();
      const first = kit.spawn(counter('default-store'));
      first.tell({ type: 'IncrementBy', value: 3 });
      first.tell({ type: 'GetValue', replyTo: probe.ref });
      await probe.expectMessage({ value: 3 });
      kit.stop(first);
      await probe.expectTerminated(first);
      kit.spawn(counter('default-store')).tell({ type: 'GetValue', replyTo: probe.ref });
      await probe.expectMessage({ value: 3 });
      const otherProbe = other.createTestProbe<State>();
      other.spawn(counter('default-store')).tell({ type: 'GetValue', replyTo: otherProbe.ref });
      await otherProbe.expectMessage({ value: 0 });
    } finally {
      await kit.shutdown();
      await other.shutdown();
    }
  });
});
