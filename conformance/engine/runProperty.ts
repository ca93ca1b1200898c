import fc from 'fast-check';
import { describeBlueprint, initialModelState, type ActorBlueprint, type ErrorHierarchy } from '../../spec/model/index.js';
import { HistoryRecorder } from '../_internals/HistoryRecorder.js';
import { realiseErrors } from '../_internals/realiseErrors.js';
import { VirtualClock } from '../_internals/VirtualClock.js';
import type { RuntimeAdapter } from '../contract/RuntimeAdapter.js';
import type { PropertyFamily } from './PropertyFamily.js';
import { decodeReplayToken } from './ReplayToken.js';
import type { PropertyResult } from './results.js';
import { counterexampleOf } from './_internals/counterexample.js';
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
}

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
export async function runProperty(adapter: RuntimeAdapter, family: PropertyFamily, options: RunOptions = {}): Promise<PropertyResult> {
  const started = performance.now();
  const declared = new Set(adapter.capabilities);
  const missing = family.requires.filter((c) => !declared.has(c));
  if (missing.length > 0) {
    return { property: family.id, status: 'skipped', reason: `adapter does not declare ${missing.join(', ')}`, runs: 0, exercised: [], durationMs: 0 };
  }
  const replay = options.replay === undefined ? undefined : decodeReplayToken(options.replay);
  if (replay && (replay.family !== family.id || replay.adapter !== adapter.name)) {
    throw new TypeError(`replay token is for ${replay.family} on ${replay.adapter}, not ${family.id} on ${adapter.name}`);
  }
  const { profile, matchers } = effectiveProfile(family.profile, declared);
  const scenarios: fc.Arbitrary<Scenario> = fc.record({
    hierarchy: hierarchyArbitrary(),
    initial: fc.array(blueprintArbitrary(profile, matchers, profile.maxDepth), {
      minLength: profile.initialActors.min,
      maxLength: profile.initialActors.max,
    }),
  });
  const steps = fc.commands([stepArbitrary(profile, matchers).map((t) => new Step(t))], {
    maxCommands: profile.maxSteps,
    ...(replay?.replayPath !== undefined ? { replayPath: replay.replayPath } : {}),
  });
  const exercised = new Set<string>();
  const property = fc.asyncProperty(scenarios, steps, async (scenario, commands) => {
    const errors = realiseErrors(scenario.hierarchy, adapter.runtimeErrors);
    const clock = new VirtualClock();
    const recorder = new HistoryRecorder(errors);
    const sut = await adapter.start({ clock, errors, probe: recorder });
    const driver = new RunDriver(sut, recorder, clock, declared);
    const model = runModel(initialModelState(scenario.hierarchy));
    try {
      for (const blueprint of scenario.initial) await new Step({ step: 'spawn', blueprint }).run(model, driver);
      await fc.asyncModelRun(() => ({ model, real: driver }), commands);
    } finally {
      for (const rule of driver.exercised) exercised.add(rule);
      recorder.close();
      await sut.shutdown();
    }
  });
  const details = await fc.check(property, {
    numRuns: replay ? 1 : (options.numRuns ?? family.numRuns),
    ...(replay ? { seed: replay.seed, path: replay.path, endOnFailure: true } : options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const base = { property: family.id, runs: details.numRuns, exercised: [...exercised].sort() };
  if (!details.failed) return { ...base, status: 'passed', durationMs: performance.now() - started };
  return { ...base, status: 'failed', counterexample: counterexampleOf(adapter.name, family.id, details, describeScenario), durationMs: performance.now() - started };
}

function describeScenario(scenario: Scenario): string[] {
  const hierarchy = scenario.hierarchy.map((d) => (d.parent ? `${d.name} extends ${d.parent}` : d.name)).join(', ');
  return [`errors: ${hierarchy}`, ...scenario.initial.map((b, i) => `spawn ${describeBlueprint({ ...b, name: `a${i}` })}`)];
}
