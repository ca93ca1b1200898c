import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../src/ActorRef.js';
import type { Behavior } from '../../src/Behavior.js';
import { Behaviors } from '../../src/Behaviors.js';
import { PostStop, PreRestart } from '../../src/Signal.js';
import type { StashBuffer } from '../../src/StashBuffer.js';
import { SupervisorStrategy } from '../../src/SupervisorStrategy.js';
import { StashOverflowError } from '../../src/errors.js';
import { Boom, recordEvents, testKit } from './fixtures.js';

/**
 * Stashes everything until `open`, then unstashes all into `active` (named `unstashed`),
 * which reports each message and obeys `fail`, `stop`, `clear`, `unhandled`, `restash`.
 */
function gate(log: ActorRef<string>, capacity: number): Behavior<string> {
  return Behaviors.withStash<string>(capacity, (stash) => {
    log.tell(`new stash`);
    const active = (label: string, restashed: Set<string>): Behavior<string> =>
      Behaviors.receiveMessage<string>((message) => {
        if (message === 'fail') throw new Boom();
        if (message === 'stop') return Behaviors.stopped();
        if (message === 'clear') {
          stash.clear();
          return Behaviors.same();
        }
        if (message === 'unhandled') return Behaviors.unhandled();
        if (message.startsWith('restash') && !restashed.has(message)) {
          restashed.add(message);
          stash.stash(message);
          log.tell(`restashed ${message}`);
          return Behaviors.same();
        }
        if (message === 'again') return stash.unstashAll(Behaviors.same());
        if (message === 'size') log.tell(`size:${stash.size}`);
        else log.tell(`${label} ${message}`);
        return active(`${label}'`, restashed);
      }).receiveSignal((_c, signal) => {
        if (signal === PreRestart || signal === PostStop) log.tell(`${signal.signalName} to ${label}`);
        return Behaviors.same();
      });
    const closed: Behavior<string> = Behaviors.receiveMessage((message) => {
      if (message === 'open') return stash.unstashAll(active('unstashed', new Set()));
      if (message === 'open-2') return stash.unstash(active('unstashed', new Set()), 2);
      try {
        stash.stash(message);
      } catch (error) {
        if (error instanceof StashOverflowError) log.tell(`${error.code} ${message} size:${stash.size}`);
        else throw error;
      }
      return Behaviors.same();
    });
    return closed;
  });
}

describe('stash (STASH)', () => {
  it('STASH-01 FIFO and bounded: stashing beyond capacity fails and leaves the content unchanged', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(gate(log.ref, 2));
    await log.expectMessage('new stash');
    for (const m of ['a', 'b', 'c', 'open']) actor.tell(m);
    await log.expectMessage('STASH_OVERFLOW c size:2');
    await log.expectMessage('unstashed a');
    await log.expectMessage("unstashed' b");
  });

  it('STASH-01 property: any capacity and message sequence keeps the first `capacity` messages in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 6 }), fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 10 }), async (capacity, values) => {
        const kit = testKit();
        const log = kit.createTestProbe<string>();
        const overflowed: number[] = [];
        const actor = kit.spawn(
          Behaviors.withStash<string>(capacity, (stash: StashBuffer<string>) =>
            Behaviors.receiveMessage<string>((message) => {
              if (message !== 'open') {
                if (stash.isFull) overflowed.push(Number(message));
                else stash.stash(message);
                return Behaviors.same();
              }
              return stash.unstashAll(
                Behaviors.receiveMessage<string>((m) => {
                  log.ref.tell(m);
                  return Behaviors.same();
                }),
              );
            }),
          ),
        );
        for (const value of values) actor.tell(String(value));
        actor.tell('open');
        actor.tell('after');
        const kept = values.slice(0, capacity).map(String);
        expect(await log.receiveMessages(kept.length + 1)).toEqual([...kept, 'after']);
        expect(overflowed).toEqual(values.slice(capacity));
        await kit.shutdown();
      }),
      { numRuns: 30 },
    );
  });

  it('STASH-02 unstashAll runs the stashed messages before the mailbox; re-stashed ones wait; unstash(n) takes at most n', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(gate(log.ref, 10));
    await log.expectMessage('new stash');
    for (const m of ['a', 'restash-1', 'b', 'open', 'mailbox', 'size', 'again']) actor.tell(m);
    expect(await log.receiveMessages(6)).toEqual([
      'unstashed a',
      'restashed restash-1',
      "unstashed' b",
      "unstashed'' mailbox",
      'size:1',
      "unstashed'''' restash-1",
    ]);

    const partial = kit.spawn(gate(log.ref, 10));
    await log.expectMessage('new stash');
    for (const m of ['a', 'b', 'c', 'open-2', 'size']) partial.tell(m);
    expect(await log.receiveMessages(3)).toEqual(['unstashed a', "unstashed' b", 'size:1']);
  });

  it('STASH-03 stopping during unstashing dead-letters the rest; clearing skips it', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const stopping = kit.spawn(gate(log.ref, 10), 'stopping');
    await log.expectMessage('new stash');
    for (const m of ['a', 'stop', 'b', 'c', 'open']) stopping.tell(m);
    await log.expectMessage('unstashed a');
    await log.expectMessage("PostStop to unstashed'");
    await log.expectTerminated(stopping);
    expect(events.flatMap((e) => (e.type === 'DeadLetter' ? [e.message] : []))).toEqual(['b', 'c']);

    const clearing = kit.spawn(gate(log.ref, 10));
    await log.expectMessage('new stash');
    for (const m of ['a', 'clear', 'b', 'open', 'size']) clearing.tell(m);
    expect(await log.receiveMessages(2)).toEqual(['unstashed a', 'size:0']);
  });

  it('STASH-04 an unhandled message during unstashing is published as unhandled and unstashing continues', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(gate(log.ref, 10));
    await log.expectMessage('new stash');
    for (const m of ['a', 'unhandled', 'b', 'open']) actor.tell(m);
    expect(await log.receiveMessages(2)).toEqual(['unstashed a', "unstashed' b"]);
    expect(events.some((e) => e.type === 'UnhandledMessage' && e.message === 'unhandled')).toBe(true);
  });

  it('STASH-05 failure while unstashing: restart signals the latest behavior and discards a stash of the restarted setup; resume keeps the rest', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const restarted = kit.spawn(Behaviors.supervise(gate(log.ref, 10)).onFailure(SupervisorStrategy.restart()));
    await log.expectMessage('new stash');
    for (const m of ['a', 'fail', 'b', 'c', 'open']) restarted.tell(m);
    await log.expectMessage('unstashed a');
    await log.expectMessage("PreRestart to unstashed'");
    await log.expectMessage('new stash');
    restarted.tell('open');
    restarted.tell('size');
    await log.expectMessage('size:0');

    const resumed = kit.spawn(Behaviors.supervise(gate(log.ref, 10)).onFailure(SupervisorStrategy.resume()));
    await log.expectMessage('new stash');
    for (const m of ['a', 'fail', 'b', 'c', 'open', 'size']) resumed.tell(m);
    await log.expectMessage('unstashed a');
    await log.expectMessage('size:2');
  });

  it('STASH-06 failure while unstashing under stop delivers PostStop to the latest unstashed behavior', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const actor = kit.spawn(gate(log.ref, 10));
    await log.expectMessage('new stash');
    for (const m of ['a', 'b', 'fail', 'c', 'open']) actor.tell(m);
    await log.expectMessage('unstashed a');
    await log.expectMessage("unstashed' b");
    await log.expectMessage("PostStop to unstashed''");
    await log.expectTerminated(actor);
  });

  it('STASH-01 buffer accessors report content without consuming it', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    kit.spawn(
      Behaviors.withStash<string>(3, (stash) => {
        stash.stash('x');
        stash.stash('y');
        const seen: string[] = [];
        stash.forEach((m) => seen.push(m));
        log.ref.tell(
          [stash.head(), seen.join(''), stash.exists((m) => m === 'y'), stash.size, stash.isEmpty, stash.isFull, stash.capacity].join(' '),
        );
        stash.clear();
        log.ref.tell(String(stash.isEmpty));
        return Behaviors.ignore();
      }),
    );
    await log.expectMessage('x xy true 2 false false 3');
    await log.expectMessage('true');
  });

  it('STASH-05 a stash created by a behavior returned inside the restarted part is discarded with it', async () => {
    const kit = testKit();
    const events = recordEvents(kit);
    const log = kit.createTestProbe<string>();
    const holding = Behaviors.withStash<string>(5, (stash) => {
      stash.stash('held');
      return Behaviors.receiveMessage<string>((message) => {
        if (message === 'fail') throw new Boom();
        if (message === 'stop') return Behaviors.stopped();
        return Behaviors.same();
      });
    });
    const outer = Behaviors.withStash<string>(5, (kept) =>
      Behaviors.supervise(
        Behaviors.receiveMessage<string>((message) => {
          if (message === 'make') return holding;
          kept.stash(message);
          return Behaviors.same();
        }),
      ).onFailure(SupervisorStrategy.restart()),
    );
    const actor = kit.spawn(outer);
    for (const m of ['kept', 'make', 'fail', 'stop-not-yet']) actor.tell(m);
    await kit.settled();
    kit.stop(actor);
    await log.expectTerminated(actor);
    expect(events.flatMap((e) => (e.type === 'DeadLetter' ? [e.message] : []))).toEqual(['kept', 'stop-not-yet']);
  });
});
