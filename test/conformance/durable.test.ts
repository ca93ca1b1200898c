import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../conformance/adapters/reference-runtime.js';
import type { DurableProbe } from '../../conformance/contract/DurableEnvironment.js';
import type { RuntimeAdapter } from '../../conformance/contract/RuntimeAdapter.js';
import { durableFamilies, sideEffects } from '../../conformance/durable/durableFamilies.js';
import { runDurableProperty } from '../../conformance/durable/runDurableProperty.js';

describe('durable state on the reference runtime', () => {
  it.each(durableFamilies.map((f) => [f.id, f] as const))('%s passes and reaches every rule it claims', async (_id, family) => {
    const result = await runDurableProperty(referenceRuntimeAdapter, family, { seed: 11 });
    expect(result.counterexample?.message).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(family.rules.filter((r) => !result.exercised.includes(r))).toEqual([]);
  });
});

/** A mutant seen through its durable probe: every side effect reported twice (not at most once). */
function twiceRun(base: RuntimeAdapter): RuntimeAdapter {
  return {
    ...base,
    name: 'mutant: side effects run twice',
    start(env) {
      const real = env.durable.probe;
      const probe: DurableProbe = {
        recovered: (path, state, revision) => real.recovered(path, state, revision),
        recoveryFailed: (path) => real.recoveryFailed(path),
        handled: (path, id, state, revision) => real.handled(path, id, state, revision),
        callback: (path, id, step, state) => {
          real.callback(path, id, step, state);
          real.callback(path, id, step, state);
        },
        reply: (path, id, state) => real.reply(path, id, state),
        dropped: (path, id) => real.dropped(path, id),
      };
      return base.start({ ...env, durable: { ...env.durable, probe } });
    },
  };
}

describe('durable mutants', () => {
  it('catches side effects that run twice, blaming DS-06', async () => {
    const result = await runDurableProperty(twiceRun(referenceRuntimeAdapter), sideEffects, { seed: 11 });
    expect(result.status).toBe('failed');
    expect(result.counterexample!.suspects).toContain('DS-06');
    expect(result.counterexample!.message).toMatch(/unexpected event .*callback/);
  });
});
