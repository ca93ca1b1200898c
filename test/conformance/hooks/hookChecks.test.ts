import { describe, expect, it } from 'vitest';
import { referenceRuntimeAdapter } from '../../../conformance/adapters/reference-runtime.js';
import type { RuntimeAdapter } from '../../../conformance/contract/RuntimeAdapter.js';
import { crashAndRestart, sharedExtensions, startAndStop } from '../../../conformance/hooks/hookFamilies.js';
import { allowedHookPolicies, runHookProperty } from '../../../conformance/hooks/runHookProperty.js';

/** The reference runtime registering copies of the suite's extensions: hooks see other instances. */
const copiedExtensions: RuntimeAdapter = {
  ...referenceRuntimeAdapter,
  name: 'mutant: extensions copied',
  start: (env) => referenceRuntimeAdapter.start({ ...env, hooks: { ...env.hooks!, extensions: env.hooks!.extensions.map((e) => ({ ...e })) } }),
};

describe('hooks properties catch broken runtimes', () => {
  it('HOOK-08 blames extension instances other than the registered ones', async () => {
    const result = await runHookProperty(copiedExtensions, sharedExtensions, { seed: 4 });
    expect(result.status).toBe('failed');
    expect(result.counterexample!.suspects).toEqual(['HOOK-08']);
    expect(result.counterexample!.message).toMatch(/ANOTHER INSTANCE/);
  });

  it('HOOK-07 fails an adapter that declares a child policy its runtime does not implement', async () => {
    const misdeclared: RuntimeAdapter = { ...referenceRuntimeAdapter, name: 'misdeclared', hookPolicy: { restartedChildren: 'rebuilt', stopHookOnRestart: 'never' } };
    const result = await runHookProperty(misdeclared, crashAndRestart, { seed: 4 });
    expect(result.status).toBe('failed');
    expect(result.counterexample!.suspects).toContain('HOOK-07');
  });

  it('a failure replays from its token', async () => {
    const failed = await runHookProperty(copiedExtensions, sharedExtensions, { seed: 4 });
    const replayed = await runHookProperty(copiedExtensions, sharedExtensions, { replay: failed.counterexample!.replayToken });
    expect(replayed.status).toBe('failed');
    expect(replayed.counterexample!.message).toBe(failed.counterexample!.message);
  });
});

describe('hooks contract', () => {
  it('skips every hooks property for a runtime without hooks, never starting it', async () => {
    let started = 0;
    const hookless: RuntimeAdapter = {
      ...referenceRuntimeAdapter,
      name: 'hookless',
      capabilities: referenceRuntimeAdapter.capabilities.filter((c) => c !== 'hooks' && c !== 'extensions'),
      start: (env) => {
        started += 1;
        return referenceRuntimeAdapter.start(env);
      },
    };
    const result = await runHookProperty(hookless, startAndStop, { seed: 1 });
    expect(result).toMatchObject({ status: 'skipped', runs: 0 });
    expect(result.reason).toMatch(/does not declare hooks/);
    expect(started).toBe(0);
  });

  it('accepts the reference when it declares nothing about its policy: every open choice is then allowed', async () => {
    const { hookPolicy: _declared, ...undeclared } = referenceRuntimeAdapter;
    const result = await runHookProperty({ ...undeclared, name: 'undeclared' }, crashAndRestart, { seed: 5, numRuns: 30 });
    expect(result.counterexample?.message).toBeUndefined();
    expect(result.status).toBe('passed');
  });

  it('checks every open choice an adapter leaves undeclared, and only the declared ones otherwise', () => {
    const { hookPolicy: _declared, ...undeclared } = referenceRuntimeAdapter;
    expect(allowedHookPolicies(undeclared)).toHaveLength(4);
    expect(allowedHookPolicies({ ...referenceRuntimeAdapter, hookPolicy: { restartedChildren: 'stopped' } })).toEqual([
      { restartedChildren: 'stopped', stopHookOnRestart: false },
      { restartedChildren: 'stopped', stopHookOnRestart: true },
    ]);
    expect(allowedHookPolicies({ ...referenceRuntimeAdapter, hookPolicy: { restartedChildren: 'rebuilt', stopHookOnRestart: 'always' } })).toEqual([
      { restartedChildren: 'rebuilt', stopHookOnRestart: true },
    ]);
  });
});
