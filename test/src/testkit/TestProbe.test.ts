import { describe, expect, it } from 'vitest';
import { Behaviors } from '../../../src/Behaviors.js';
import { ActorTestKit, ProbeAssertionError } from '../../../src/testkit/index.js';
import { testKit } from '../fixtures.js';

describe('TestProbe', () => {
  it('LIF-02 expectMessage compares deeply and fails on a different message', async () => {
    const kit = testKit();
    const probe = kit.createTestProbe<{ n: number }>();
    probe.ref.tell({ n: 1 });
    await probe.expectMessage({ n: 1 });
    probe.ref.tell({ n: 2 });
    await expect(probe.expectMessage({ n: 3 })).rejects.toBeInstanceOf(ProbeAssertionError);
  });

  it('LIF-02 expectNoMessage fails when a message is waiting; receiveMessage times out in real time', async () => {
    const kit = testKit();
    const probe = kit.createTestProbe<string>();
    probe.ref.tell('surprise');
    await expect(probe.expectNoMessage()).rejects.toThrow(/surprise/);
    await expect(probe.receiveMessage(5)).rejects.toThrow(/timeout/);
  });

  it('WATCH-01 expectTerminated fails for a live actor within its bound', async () => {
    const kit = testKit();
    const probe = kit.createTestProbe<string>();
    const alive = kit.spawn(Behaviors.ignore<string>());
    await expect(probe.expectTerminated(alive, 5)).rejects.toThrow(/timeout/);
    probe.stop();
    await probe.expectNoMessage();
  });

  it('LIF-07 manualTime requires the option', async () => {
    const kit = ActorTestKit.create();
    expect(() => kit.manualTime).toThrow(/manualTime/);
    await kit.shutdown();
  });
});
