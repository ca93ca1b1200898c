import { runThenShutdown } from '../engine/_internals/runThenShutdown.js';
import fc from 'fast-check';
import type { Capability } from '../../spec/index.js';
import { initialHookState, type HookPolicy } from '../../spec/model/index.js';
import { advanceClock } from '../_internals/advanceClock.js';
import { defaultSettle } from '../_internals/defaultSettle.js';
import { suiteEnvironment } from '../_internals/suiteEnvironment.js';
import type { SuiteExtension } from '../contract/HookEnvironment.js';
import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import type { PropertyResult } from '../engine/results.js';
import type { RunOptions } from '../engine/runProperty.js';
import type { RunnableProperty } from '../engine/runtimeProperties.js';
import { checkProperty } from '../engine/_internals/checkProperty.js';
import { hookFamilies } from './hookFamilies.js';
import type { HookFamily, HookProfile } from './HookProfile.js';
import { HookRecorder } from './_internals/HookRecorder.js';
import { availableDirectives, firstHookedActor, hookStepArbitrary, type HookRunModel, type HookRunReal } from './_internals/hookSteps.js';

/**
 * Every resolution of the choices the HOOK rules leave open that the adapter's declaration
 * allows: its child policy (both when it declares none) and whether the stop hook runs
 * before a restart (both unless declared).
 *
 * @public
 */
export function allowedHookPolicies(adapter: RuntimeAdapter): HookPolicy[] {
  const declared = adapter.hookPolicy;
  const children = declared ? [declared.restartedChildren] : (['stopped', 'rebuilt'] as const);
  const stopHook = declared?.stopHookOnRestart === undefined ? [false, true] : [declared.stopHookOnRestart === 'always'];
  return children.flatMap((restartedChildren) => stopHook.map((stopHookOnRestart) => ({ restartedChildren, stopHookOnRestart })));
}

/** The profile without what the adapter cannot express: extensions, start hook time limits. */
function reducedProfile(profile: HookProfile, declared: ReadonlySet<Capability>, adapter: RuntimeAdapter): HookProfile {
  const { startTimeoutMs: _limit, ...withoutLimit } = profile;
  const limited = adapter.hookPolicy?.startTimeout === true ? profile : withoutLimit;
  return declared.has('extensions') ? limited : { ...limited, extensions: [] };
}

/**
 * Runs one model-based hooks property against an adapter: hooked actors (with children,
 * directives and extensions) loading from and flushing to the suite's resource, bursts of
 * commands, graceful stops, failed reads and writes, and a clock that slow start hooks wait
 * on. Never throws for a non-conforming runtime.
 *
 * @public
 */
export async function runHookProperty(adapter: RuntimeAdapter, family: HookFamily, options: RunOptions = {}): Promise<PropertyResult> {
  const policies = allowedHookPolicies(adapter);
  return checkProperty(adapter, family, options, (declared) => ({
    scenarios: fc.constant('hooked actors'),
    steps: (replayPath) =>
      fc.commands([hookStepArbitrary(family.profile, declared)], {
        maxCommands: family.profile.maxSteps,
        size: 'max',
        ...(replayPath !== undefined ? { replayPath } : {}),
      }),
    run: async (_scenario: string, commands, exercised) => {
      const { env, recorder, store, clock } = suiteEnvironment([{ name: 'E0' }], adapter.runtimeErrors);
      // Fresh instances per run: the suite knows which object each id must resolve to (HOOK-08).
      const extensions: SuiteExtension[] = declared.has('extensions') ? family.profile.extensions.map((id) => ({ id })) : [];
      const hooks = new HookRecorder(recorder, extensions);
      const sut = await adapter.start({ ...env, hooks: { resource: store, extensions, probe: hooks } });
      const real: HookRunReal = { sut, clock, recorder, hooks, store, exercised: new Set(), log: [], ...(options.patienceMs !== undefined ? { patienceMs: options.patienceMs } : {}) };
      const model: HookRunModel = {
        state: initialHookState(),
        nextId: 1,
        profile: reducedProfile(family.profile, declared, adapter),
        directives: availableDirectives(family.profile, declared),
        policies,
      };
      await runThenShutdown(
        sut,
        async () => {
          await firstHookedActor(model.profile).run(model, real);
          await fc.asyncModelRun(() => ({ model, real }), commands);
        },
        async () => {
          for (const rule of real.exercised) exercised.add(rule);
          hooks.close();
          // Start hooks still waiting for the clock would hold up the shutdown: let them finish unobserved.
          await advanceClock(clock, 1_000_000, () => (sut.settle ? sut.settle() : defaultSettle(() => recorder.history.length, options.patienceMs)));
        },
      );
    },
    describeScenario: (scenario: string) => [scenario],
  }));
}

/** The hooks properties bound to an adapter, for the engine's list of runtime properties. @public */
export function hookProperties(adapter: RuntimeAdapter): RunnableProperty[] {
  return hookFamilies.map((family) => ({ id: family.id, rules: family.rules, run: (o: RunOptions) => runHookProperty(adapter, family, o) }));
}
