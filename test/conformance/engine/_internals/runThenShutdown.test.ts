import { describe, expect, it } from 'vitest';
import type { SystemUnderTest } from '../../../../conformance/contract/RuntimeAdapter.js';
import { runThenShutdown } from '../../../../conformance/engine/_internals/runThenShutdown.js';

function system(shutdown: () => Promise<void>): SystemUnderTest & { calls: number } {
  const sut = {
    calls: 0,
    spawn: () => undefined,
    tell: () => undefined,
    shutdown: async () => {
      sut.calls += 1;
      await shutdown();
    },
  };
  return sut;
}

describe('runThenShutdown', () => {
  it('reports the run’s own error when the shutdown fails too', async () => {
    const sut = system(() => Promise.reject(new Error('not implemented yet: shutdown')));
    await expect(runThenShutdown(() => sut.shutdown(), () => Promise.reject(new Error('not implemented yet: spawn')), () => undefined)).rejects.toThrow('spawn');
    expect(sut.calls).toBe(1);
  });

  it('reports a failing shutdown when the run itself succeeded', async () => {
    const sut = system(() => Promise.reject(new Error('shutdown broke')));
    await expect(runThenShutdown(() => sut.shutdown(), () => Promise.resolve(), () => undefined)).rejects.toThrow('shutdown broke');
  });

  it('cleans up and shuts down after a successful run, in that order', async () => {
    const order: string[] = [];
    const sut = system(async () => void order.push('shutdown'));
    await runThenShutdown(() => sut.shutdown(), async () => void order.push('body'), () => void order.push('clean-up'));
    expect(order).toEqual(['body', 'clean-up', 'shutdown']);
  });
});
