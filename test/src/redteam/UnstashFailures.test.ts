/** Red-team: failures while unstashing, under resume and under a restart that waits for a slow child (STASH-05/06). */
import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import type { Behavior } from '../../../src/Behavior.js';
import { Behaviors } from '../../../src/Behaviors.js';
import { PostStop, PreRestart } from '../../../src/Signal.js';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { Boom, testKit } from '../fixtures.js';
import { child, gate, macrotask, type Gate } from './_target.js';

/**
 * Pekko's UnstashingSpec actor in our words: stashes `stash*` messages; `unstash` unstashes
 * all into `unstashing(n)`, which counts handled `stash` messages and fails on `stash-fail`.
 */
function stashing(log: ActorRef<string>, slow?: Gate): Behavior<string> {
  return Behaviors.setup<string>((context) => {
    if (slow) context.spawn(child(log, 'kid', slow), 'kid');
    return Behaviors.withStash<string>(10, (stash) => {
      const unstashing = (n: number): Behavior<string> =>
        Behaviors.receiveMessage<string>((m) => {
          if (m === 'stash') {
            log.tell(`unstashing-${n}`);
            return unstashing(n + 1);
          }
          if (m === 'stash-fail') {
            log.tell(`stash-fail-${n}`);
            throw new Boom('unstash-fail');
          }
          if (m === 'get-current') log.tell(`current-${n}`);
          if (m === 'get-stash-size') log.tell(`stash-size-${stash.size}`);
          if (m === 'unstash') return stash.unstashAll(unstashing(n));
          return Behaviors.same();
        }).receiveSignal((_c, signal) => {
          if (signal === PreRestart) log.tell(`pre-restart-${n}`);
          if (signal === PostStop) log.tell(`post-stop-${n}`);
          return Behaviors.same();
        });
      return Behaviors.receiveMessage<string>((m) => {
        if (m.startsWith('stash')) stash.stash(m);
        else if (m === 'unstash') return stash.unstashAll(unstashing(0));
        else if (m === 'get-current') log.tell('current-00');
        else if (m === 'get-stash-size') log.tell(`stash-size-${stash.size}`);
        return Behaviors.same();
      });
    });
  });
}

describe('red team: failures while unstashing', () => {
  it('STASH-05 resume keeps the latest unstashed behavior and the unprocessed rest stashed, twice over', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const ref = kit.spawn(Behaviors.supervise(stashing(log.ref)).onFailure(SupervisorStrategy.resume()));
    for (const m of ['stash', 'stash', 'stash-fail', 'stash', 'stash', 'stash', 'stash-fail', 'stash', 'unstash', 'get-current', 'get-stash-size']) ref.tell(m);
    expect(await log.receiveMessages(5)).toEqual(['unstashing-0', 'unstashing-1', 'stash-fail-2', 'current-2', 'stash-size-5']);
    for (const m of ['unstash', 'get-current', 'get-stash-size']) ref.tell(m);
    expect(await log.receiveMessages(6)).toEqual(['unstashing-2', 'unstashing-3', 'unstashing-4', 'stash-fail-5', 'current-5', 'stash-size-1']);
    for (const m of ['unstash', 'get-current', 'get-stash-size']) ref.tell(m);
    expect(await log.receiveMessages(3)).toEqual(['unstashing-5', 'current-6', 'stash-size-0']);
  });

  it('STASH-05 restart behind a slow child: PreRestart to the latest unstashed behavior, mail buffered, the stash of the restarted setup gone', async () => {
    for (const strategy of [SupervisorStrategy.restart(), SupervisorStrategy.restartWithBackoff(100, 100, 0)]) {
      const kit = testKit();
      const log = kit.createTestProbe<string>();
      const slow = gate();
      const ref = kit.spawn(Behaviors.supervise(stashing(log.ref, slow)).onFailure(strategy));
      for (const m of ['stash', 'stash', 'stash-fail', 'stash', 'unstash', 'get-current']) ref.tell(m);
      expect(await log.receiveMessages(4)).toEqual(['unstashing-0', 'unstashing-1', 'stash-fail-2', 'pre-restart-2']);
      await macrotask();
      kit.manualTime.timePasses(100);
      slow.open();
      expect(await log.receiveMessages(2)).toEqual(['kid:PostStop', 'current-00']);
      ref.tell('get-stash-size');
      await log.expectMessage('stash-size-0');
      await log.expectNoMessage();
      await kit.shutdown();
    }
  });

  it('STASH-06 stop: PostStop goes to the latest unstashed behavior, the rest of the stash to dead letters', async () => {
    const kit = testKit();
    const log = kit.createTestProbe<string>();
    const ref = kit.spawn(Behaviors.supervise(stashing(log.ref)).onFailure(SupervisorStrategy.stop()));
    for (const m of ['stash', 'stash', 'stash-fail', 'stash', 'unstash']) ref.tell(m);
    expect(await log.receiveMessages(4)).toEqual(['unstashing-0', 'unstashing-1', 'stash-fail-2', 'post-stop-2']);
    await log.expectTerminated(ref);
  });
});
