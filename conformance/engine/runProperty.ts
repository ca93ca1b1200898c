import { runThenShutdown } from './_internals/runThenShutdown.js';
import fc from 'fast-check';
import { describeBlueprint, initialModelState, type ActorBlueprint, type ErrorHierarchy } from '../../spec/model/index.js';
import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import { portOf } from '../harness/protocol/inProcessPort.js';
import type { AdapterPort } from './AdapterPort.js';
import type { PropertyFamily } from './PropertyFamily.js';
import type { PropertyResult } from './results.js';
import { checkProperty } from './_internals/checkProperty.js';
import { patienceOf } from './_internals/patienceOf.js';
import { blueprintArbitrary, hierarchyArbitrary, stepArbitrary } from './_internals/arbitraries.js';
import { effectiveProfile } from './_internals/effectiveProfile.js';
import { runModel } from './_internals/resolve.js';
import { RunDriver } from './_internals/RunDriver.js';
import { Step } from './_internals/Step.js';

/** Knobs of {@link runProperty}. @public */
export interface RunOptions {
  /** Overrides the property's own number of runs. */
  readonly numRuns?: number;
  /** Fixes fast-check's seed (default: random). */
  readonly seed?: number;
  /** Reruns exactly the case a failure reported; the token must name this property and adapter. */
  readonly replay?: string;
  /**
   * Real milliseconds of quiet after which the suite judges that nothing more will happen: the
   * generic `settle()` of a runtime without one (default 2 ms), and a store's live query
   * (overrides a store plugin's own `patienceMs`; default {@link DEFAULT_PATIENCE_MS}).
   */
  readonly patienceMs?: number;
}

/**
 * The default patience of a store's live query when neither the run nor the plugin sets one:
 * several round trips to a database on localhost, even on a loaded machine (a PostgreSQL live query answers in about 1 ms; see bench and docs).
 *
 * @public
 */
export const DEFAULT_PATIENCE_MS = 100;

interface Scenario {
  readonly hierarchy: ErrorHierarchy;
  readonly initial: readonly ActorBlueprint[];
}

/**
 * Runs one model-based property against an adapter and returns a structured result; never
 * throws for a non-conforming runtime. Runner-agnostic: the vitest wrapper and the CLI both
 * build on it.
 *
 * @public
 */
export async function runProperty(adapter: RuntimeAdapter | AdapterPort, family: PropertyFamily, options: RunOptions = {}): Promise<PropertyResult> {
  const port = portOf(adapter);
  return checkProperty(port, family, options, (declared) => {
    const { profile, matchers } = effectiveProfile(family.profile, declared);
    return {
      scenarios: fc.record({
        hierarchy: hierarchyArbitrary(),
        initial: fc.array(blueprintArbitrary(profile, matchers, profile.maxDepth), {
          minLength: profile.initialActors.min,
          maxLength: profile.initialActors.max,
        }),
      }),
      steps: (replayPath) =>
        fc.commands([stepArbitrary(profile, matchers).map((t) => new Step(t))], {
          maxCommands: profile.maxSteps,
          ...(replayPath !== undefined ? { replayPath } : {}),
        }),
      run: async (scenario: Scenario, commands, exercised) => {
        const run = await port.openRun({ errors: scenario.hierarchy, writeLatencyMs: 0, ...patienceOf(options) });
        const driver = new RunDriver(run, declared);
        const model = runModel(initialModelState(scenario.hierarchy), profile.deepReplacement !== false, profile.tellStopped === true);
        await runThenShutdown(
          () => run.stop(),
          async () => {
            for (const blueprint of scenario.initial) await new Step({ step: 'spawn', blueprint }).run(model, driver);
            await fc.asyncModelRun(() => ({ model, real: driver }), commands);
          },
          () => {
            for (const rule of driver.exercised) exercised.add(rule);
          },
        );
      },
      describeScenario,
    };
  });
}

function describeScenario(scenario: Scenario): string[] {
  const hierarchy = scenario.hierarchy.map((d) => (d.parent ? `${d.name} extends ${d.parent}` : d.name)).join(', ');
  return [`errors: ${hierarchy}`, ...scenario.initial.map((b, i) => `spawn ${describeBlueprint({ ...b, name: `a${i}` })}`)];
}
