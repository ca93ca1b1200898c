import type { ActorRef } from '../../../src/ActorRef.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import { Effect } from '../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';

/** State of the recorder entity: a running total and whether `Later` commands are accepted. */
export interface RecorderState {
  readonly total: number;
  readonly open: boolean;
}

/** Commands of the recorder entity; every observable step is logged to the log ref. */
export type RecorderCommand =
  /** Persist `total + n`; log `ran add n total@revision` after the write. */
  | { readonly type: 'Add'; readonly n: number }
  /** Log `get total@revision`. */
  | { readonly type: 'Get' }
  /** Delete the state. */
  | { readonly type: 'Delete' }
  /** Stashed while closed; logged as `later name` while open. */
  | { readonly type: 'Later'; readonly name: string }
  /** Persist `open: true` and replay the stash after the write. */
  | { readonly type: 'Open' }
  /** Persist `open: false`. */
  | { readonly type: 'Close' }
  /** Stop (`Effect.stop`). */
  | { readonly type: 'Stop' }
  /** Throw from the command handler. */
  | { readonly type: 'Boom' }
  /** Not supported: `Effect.unhandled`. */
  | { readonly type: 'Nonsense' };

export const EMPTY: RecorderState = { total: 0, open: false };

/** A durable-state entity that logs every command, side effect and signal to `log` as a string. */
export function recorder(id: string, log: ActorRef<string>): DurableStateBehavior<RecorderCommand, RecorderState> {
  return DurableStateBehavior.create<RecorderCommand, RecorderState>({
    persistenceId: PersistenceId.ofUniqueId(id),
    emptyState: EMPTY,
    commandHandler: (state, command, context) => {
      const at = (s: RecorderState) => `${s.total}@${context.lastRevision}`;
      switch (command.type) {
        case 'Add':
          return Effect.persist({ ...state, total: state.total + command.n }).thenRun((s) => log.tell(`ran add ${command.n} ${at(s)}`));
        case 'Get':
          return Effect.none<RecorderState>().thenRun((s) => log.tell(`get ${at(s)}`));
        case 'Delete':
          return Effect.delete<RecorderState>().thenRun((s) => log.tell(`deleted ${at(s)}`));
        case 'Later':
          return state.open ? Effect.none<RecorderState>().thenRun(() => log.tell(`later ${command.name}`)) : Effect.stash();
        case 'Open':
          return Effect.persist({ ...state, open: true }).thenRun((s) => log.tell(`opened ${at(s)}`)).thenUnstashAll();
        case 'Close':
          return Effect.persist({ ...state, open: false }).thenRun((s) => log.tell(`closed ${at(s)}`));
        case 'Stop':
          return Effect.stop<RecorderState>().thenRun((s) => log.tell(`stopping ${at(s)}`));
        case 'Boom':
          throw new Error('boom');
        case 'Nonsense':
          return Effect.unhandled();
      }
    },
  }).receiveSignal((state, signal, context) => {
    const name = signal.signalName;
    log.tell(`signal ${name} ${state.total}@${context.lastRevision}`);
  });
}
