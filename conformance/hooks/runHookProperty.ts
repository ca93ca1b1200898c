import { runThenShutdown } from '../engine/_internals/runThenShutdown.js';
import fc from 'fast-check';
import type { Capability } from '../../spec/index.js';
import { initialHookState, type HookPolicy } from '../../spec/model/index.js';
import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import type { AdapterPort } from '../engine/AdapterPort.js';
import { portOf } from '../harness/protocol/inProcessPort.js';
import type { PropertyResult } from '../engine/results.js';
import type { RunOptions } from '../engine/runProperty.js';
import type { RunnableProperty } from '../engine/runtimeProperties.js';
import { checkProperty } from '../engine/_internals/checkProperty.js';
import { patienceOf } from '../engine/_internals/patienceOf.js';
import { hookFamilies } from './hookFamilies.js';
import type { HookFamily, HookProfile } from './HookProfile.js';
import { availableDirectives, firstHookedActor, hookStepArbitrary, type HookRunModel, type HookRunReal } from './_internals/hookSteps.js';

/**
 * Every resolution of the choices the HOOK rules leave open that the adapter's declaration
 * allows: its child policy (both when it declares none) and whether the stop hook runs
 * before a restart (both unless declared).
 *
 * @public
 */
export function allowedHookPolicies(adapter: Pick<RuntimeAdapter, 'hookPolicy' | 'capabilities'>): HookPolicy[] {
  const declared = adapter.hookPolicy;
  const children = declared ? [declared.restartedChildren] : (['stopped', 'rebuilt'] as const);
  const stopHook = declared?.stopHookOnRestart === undefined ? [false, true] : [declared.stopHookOnRestart === 'always'];
  return children.flatMap((restartedChildren) => stopHook.map((stopHookOnRestart) => ({ restartedChildren, stopHookOnRestart })));
}

/** The profile without what the adapter cannot express: extensions, start hook time limits. */
function reducedProfile(profile: HookProfile, declared: ReadonlySet<Capability>, adapter: Pick<RuntimeAdapter, 'hookPolicy' | 'capabilities'>): HookProfile {
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
export async function runHookProperty(adapter: RuntimeAdapter | AdapterPort, family: HookFamily, options: RunOptions = {}): Promise<PropertyResult> {
  const port = portOf(adapter);
  const policies = allowedHookPolicies(port);
  return checkProperty(port, family, options, (declared) => ({
    scenarios: fc.constant('hooked actors'),
    steps: (replayPath) =>
      fc.commands([hookStepArbitrary(family.profile, declared)], {
        maxCommands: family.profile.maxSteps,
        size: 'max',
        ...(replayPath !== undefined ? { replayPath } : {}),
      }),
    run: async (_scenario: string, commands, exercised) => {
      const extensions = declared.has('extensions') ? family.profile.extensions : [];
      const run = await port.openRun({ errors: [{ name: 'E0' }], writeLatencyMs: 0, hooks: { extensions }, ...patienceOf(options) });
      const real: HookRunReal = { run, exercised: new Set(), log: [] };
      const model: HookRunModel = {
        state: initialHookState(),
        nextId: 1,
        profile: reducedProfile(family.profile, declared, port),
        directives: availableDirectives(family.profile, declared),
        policies,
      };
      await runThenShutdown(
        // Start hooks still waiting for the clock would hold up the shutdown: the host lets them finish unobserved.
        () => run.stop(1_000_000),
        async () => {
          await firstHookedActor(model.profile).run(model, real);
          await fc.asyncModelRun(() => ({ model, real }), commands);
        },
        () => {
          for (const rule of real.exercised) exercised.add(rule);
        },
      );
    },
    describeScenario: (scenario: string) => [scenario],
  }));
}

/** The hooks properties bound to an adapter, for the engine's list of runtime properties. @public */
export function hookProperties(adapter: RuntimeAdapter | AdapterPort): RunnableProperty[] {
  return hookFamilies.map((family) => ({ id: family.id, rules: family.rules, run: (o: RunOptions) => runHookProperty(adapter, family, o) }));
}
