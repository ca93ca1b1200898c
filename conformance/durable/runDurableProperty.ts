import { runThenShutdown } from '../engine/_internals/runThenShutdown.js';
import fc from 'fast-check';
import { initialDurableState } from '../../spec/model/index.js';
import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import type { AdapterPort } from '../engine/AdapterPort.js';
import { portOf } from '../harness/protocol/inProcessPort.js';
import type { PropertyResult } from '../engine/results.js';
import type { RunOptions } from '../engine/runProperty.js';
import { checkProperty } from '../engine/_internals/checkProperty.js';
import { patienceOf } from '../engine/_internals/patienceOf.js';
import type { DurableFamily } from './DurableProfile.js';
import { durableStepArbitrary, ENTITY_TAG, firstEntity, type DurableRunModel, type DurableRunReal } from './_internals/durableSteps.js';

/**
 * Runs one model-based durable-state property against an adapter: entities (several may share
 * a persistence id), bursts of commands with side-effect chains, write failures and writers
 * behind the entities' backs, all through the suite's store. Never throws for a
 * non-conforming runtime.
 *
 * @public
 */
export async function runDurableProperty(adapter: RuntimeAdapter | AdapterPort, family: DurableFamily, options: RunOptions = {}): Promise<PropertyResult> {
  const port = portOf(adapter);
  return checkProperty(port, family, options, (declared) => ({
    scenarios: fc.constant('one entity'),
    steps: (replayPath) =>
      fc.commands([durableStepArbitrary(family.profile, declared)], {
        maxCommands: family.profile.maxSteps,
        ...(replayPath !== undefined ? { replayPath } : {}),
      }),
    run: async (_scenario: string, commands, exercised) => {
      const run = await port.openRun({ errors: [{ name: 'E0' }], writeLatencyMs: family.profile.writeLatencyMs ?? 0, expectTag: ENTITY_TAG, ...patienceOf(options) });
      const real: DurableRunReal = { run, exercised: new Set(), log: [] };
      const model: DurableRunModel = {
        state: initialDurableState(family.profile.writeLatencyMs ?? 0, declared.has('durable-state.stash-overflow')),
        nextEntity: 0,
        nextId: 1,
        persistenceIds: family.profile.persistenceIds,
        stashCapacity: family.profile.stashCapacity,
        stashOverflow: family.profile.stashOverflow,
        persistFailureBackoff: family.profile.persistFailureBackoff,
        restartOnFailure: family.profile.restartOnFailure === true,
        recoveryTimeoutMs: declared.has('durable-state.recovery-timeout') ? family.profile.recoveryTimeoutMs : undefined,
      };
      await runThenShutdown(
        () => run.stop(),
        async () => {
          await firstEntity().run(model, real);
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
