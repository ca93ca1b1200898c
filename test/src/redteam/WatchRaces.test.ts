/** Red-team: watch/unwatch races (catalog hard case 13). */
import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import { Behaviors } from '../../../src/Behaviors.js';
import { WatchConflictError } from '../../../src/errors.js';
import { recordEvents, testKit } from '../fixtures.js';
import { describeSignal, gate, macrotask } from './_target.js';

describe('red team: watch races', () => {
  it('WATCH-04 unwatch after the target died but before its notice is processed: nothing arrives', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const target = kit.spawn(Behaviors.ignore<string>(), 'target');
    const hold = gate();
    // An object actor: an unhandled Terminated would be a DeathPact and stop it.
    const watcher = kit.spawn(
      Behaviors.fromActor<string>(() => ({
        preStart: (context) => context.watch(target),
        receive: async (context, m) => {
          if (m === 'wait') {
            await hold.promise; // meanwhile the target dies and its notice is queued
            context.unwatch(target);
          }
          log.ref.tell(m);
        },
      })),
    );
    await kit.settled();
    watcher.tell('wait');
    await macrotask();
    kit.stop(target);
    await macrotask();
    hold.open();
    await log.expectMessage('wait');
    watcher.tell('still alive');
    await log.expectMessage('still alive');
    await log.expectNoMessage();
  });

  it('WATCH-01/03 watching a dead ref twice yields one Terminated; a conflicting watchWith afterwards fails the watcher', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const dead = kit.spawn(Behaviors.ignore<string>(), 'dead');
    kit.stop(dead);
    await kit.settled();
    const watcher = kit.spawn(
      Behaviors.receive<{ readonly op: string; readonly ref: ActorRef<never> }>((context, { op, ref }) => {
        if (op === 'watch') context.watch(ref);
        else context.watchWith(ref, { op: 'gone', ref });
        log.ref.tell(op);
        return Behaviors.same();
      }).receiveSignal((_c, signal) => {
        log.ref.tell(describeSignal(signal));
        return Behaviors.same();
      }),
    );
    watcher.tell({ op: 'watch', ref: dead });
    watcher.tell({ op: 'watch', ref: dead });
    expect(await log.receiveMessages(3)).toEqual(['watch', 'watch', 'Terminated(dead)']);
    watcher.tell({ op: 'watch', ref: dead }); // the notice was consumed: watching again notifies again
    expect(await log.receiveMessages(2)).toEqual(['watch', 'Terminated(dead)']);
    watcher.tell({ op: 'watch', ref: dead });
    watcher.tell({ op: 'watchWith', ref: dead }); // conflicts with the pending watch
    await log.expectMessage('watch');
    await log.expectTerminated(watcher);
    expect(events.some((e) => e.type === 'Log' && e.data instanceof WatchConflictError)).toBe(true);
  });
});
