import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import { ActorSystem } from '../../../src/ActorSystem.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import { DurableStateStoreExtension } from '../../../src/persistence/DurableStateStoreExtension.js';
import { Effect } from '../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';
import { InMemoryDurableStateStore } from '../../../src/persistence/stores/InMemoryDurableStateStore.js';

type Command = { readonly add: number; readonly replyTo: ActorRef<number> };

const guardian = DurableStateBehavior.create<Command, number>({
  persistenceId: PersistenceId.of('Guardian', 'g'),
  emptyState: 0,
  commandHandler: (total, command) => Effect.persist(total + command.add).thenReply(command.replyTo, (state) => state),
});

/** Sends one command to `system` and resolves with the reply. */
function ask(system: ActorSystem<Command>, add: number): Promise<number> {
  return new Promise((resolve) => system.tell({ add, replyTo: { name: 'reply', path: '/reply', tell: resolve } }));
}

describe('ActorSystem.create with a durable-state store', () => {
  it('DS-05 a durable-state guardian writes to the store given as { durableStateStore }', async () => {
    const store = new InMemoryDurableStateStore();
    const system = ActorSystem.create(guardian, 'with-store', { durableStateStore: store });
    try {
      expect(await ask(system, 2)).toBe(2);
      expect(await ask(system, 3)).toBe(5);
      expect(await store.getObject('Guardian|g')).toEqual({ value: 5, revision: 2 });
      expect(DurableStateStoreExtension.storeOf(system as ActorSystem<unknown>)).toBe(store);
    } finally {
      await system.terminate();
    }
  });

  it('DS-01 without the option each system has its own in-memory store', async () => {
    const first = ActorSystem.create(guardian, 'default-1');
    const second = ActorSystem.create(guardian, 'default-2');
    try {
      expect(await ask(first, 4)).toBe(4);
      expect(await ask(second, 1)).toBe(1);
      expect(DurableStateStoreExtension.storeOf(first as ActorSystem<unknown>)).toBeInstanceOf(InMemoryDurableStateStore);
    } finally {
      await first.terminate();
      await second.terminate();
    }
  });
});
