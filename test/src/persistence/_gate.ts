import type { ActorRef } from '../../../src/ActorRef.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import { Effect } from '../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';

export type GateCommand =
  | { readonly type: 'Hold'; readonly name: string }
  | { readonly type: 'Sticky'; readonly name: string }
  | { readonly type: 'Note'; readonly name: string }
  | { readonly type: 'Relay'; readonly name: string }
  | { readonly type: 'Open' }
  | { readonly type: 'Close' }
  | { readonly type: 'UnstashNow' };

/**
 * A gate entity for stash tests: `Hold` waits in the user stash while the gate is closed;
 * `Open` persists `open` and replays the stash after the write; `Sticky` stashes itself again
 * every time it is handled; `Note` is logged at once; `Relay` waits like `Hold`, then unstashes all.
 */
export function gate(id: string, log: ActorRef<string>) {
  return DurableStateBehavior.create<GateCommand, { readonly open: boolean }>({
    persistenceId: PersistenceId.of('Gate', id),
    emptyState: { open: false },
    commandHandler: (state, command) => {
      switch (command.type) {
        case 'Hold':
          return state.open ? Effect.none().thenRun(() => log.tell(`hold ${command.name}`)) : Effect.stash();
        case 'Sticky':
          log.tell(`sticky ${command.name}`);
          return Effect.stash();
        case 'Note':
          return Effect.none().thenRun(() => log.tell(`note ${command.name}`));
        case 'Relay':
          return state.open ? Effect.none().thenRun(() => log.tell(`relay ${command.name}`)).thenUnstashAll() : Effect.stash();
        case 'Open':
          return Effect.persist({ open: true }).thenRun(() => log.tell('opened')).thenUnstashAll();
        case 'Close':
          return Effect.persist({ open: false }).thenRun(() => log.tell('closed'));
        case 'UnstashNow':
          return Effect.unstashAll();
      }
    },
  });
}
