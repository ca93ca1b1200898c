import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import type { Probe } from '../../conformance/contract/Probe.js';
import type { RuntimeAdapter } from '../../conformance/contract/RuntimeAdapter.js';
import { decodeReplayToken } from '../../conformance/engine/ReplayToken.js';
import { runProperty } from '../../conformance/engine/runProperty.js';
import { strategies } from '../../conformance/families/supervision.js';

/** A mutant is just another adapter: here the reference runtime seen through a probe that also reports PostStop on restart. */
function postStopOnRestart(base: RuntimeAdapter): RuntimeAdapter {
  return {
    ...base,
    name: 'mutant: PostStop on restart',
    start(env) {
      const real = env.probe;
      const probe: Probe = {
        setupStarted: (path) => real.setupStarted(path),
        received: (path, id, count) => real.received(path, id, count),
        signal: (path, signal) => {
          if (signal === 'PreRestart') real.signal(path, 'PostStop');
          real.signal(path, signal);
        },
        terminated: (path, of) => real.terminated(path, of),
        childFailed: (path, of, cause) => real.childFailed(path, of, cause),
        watchMessage: (path, of) => real.watchMessage(path, of),
        deadLetter: (path, id) => real.deadLetter(path, id),
      };
      return base.start({ ...env, probe });
    },
  };
}

describe('failures and replay tokens', () => {
  const mutant = postStopOnRestart(referenceRuntimeAdapter);

  it('catches the mutant with a short counterexample that blames LIF-05', async () => {
    const result = await runProperty(mutant, strategies, { seed: 42 });
    expect(result.status).toBe('failed');
    const c = result.counterexample!;
    expect(c.suspects).toContain('LIF-05');
    expect(c.message).toContain('unexpected event');
    expect(c.message).toContain('PostStop');
    expect(c.steps.length).toBeLessThanOrEqual(4);
    expect(decodeReplayToken(c.replayToken)).toMatchObject({ family: strategies.id, adapter: mutant.name, seed: 42 });
  });

  it('reproduces exactly the same failure from its replay token, in one run', async () => {
    const first = await runProperty(mutant, strategies, { seed: 4242 });
    const token = first.counterexample!.replayToken;
    const replayed = await runProperty(mutant, strategies, { replay: token });
    expect(replayed.status).toBe('failed');
    expect(replayed.runs).toBe(1);
    expect(replayed.counterexample!.message).toBe(first.counterexample!.message);
    expect(replayed.counterexample!.steps).toEqual(first.counterexample!.steps);
  });

  it('refuses a token made for another property or adapter', async () => {
    const first = await runProperty(mutant, strategies, { seed: 7 });
    await expect(runProperty(referenceRuntimeAdapter, strategies, { replay: first.counterexample!.replayToken })).rejects.toThrow(/not supervision.strategies on reference-runtime/);
  });
});
