import fc from 'fast-check';
import type { Capability } from '../../../spec/index.js';
import { decodeReplayToken } from '../ReplayToken.js';
import type { PropertyResult } from '../results.js';
import type { RunOptions } from '../runProperty.js';
import { counterexampleOf } from './counterexample.js';

/** What every model-based property shares: identity, needs and run count. */
interface CheckedProperty {
  readonly id: string;
  readonly requires: readonly Capability[];
  readonly numRuns: number;
}

/** The commands of one run, as fast-check generates them. */
type Commands<M extends object, R> = Iterable<fc.AsyncCommand<M, R, boolean>>;

/** How to build and run a property once the engine has decided to run it. */
export interface PropertyPlan<S, M extends object, R> {
  /** Scenarios (what exists before the steps). */
  readonly scenarios: fc.Arbitrary<S>;
  /** The step commands, given the replay path to follow when replaying. */
  readonly steps: (replayPath: string | undefined) => fc.Arbitrary<Commands<M, R>>;
  /** Runs one scenario with its steps, adding the rules it reached to `exercised`. */
  readonly run: (scenario: S, steps: Commands<M, R>, exercised: Set<string>) => Promise<void>;
  /** Renders a scenario for a counterexample. */
  readonly describeScenario: (scenario: S) => readonly string[];
}

/**
 * The common frame of runtime and store properties: skip when capabilities are missing,
 * check a replay token belongs here, run fast-check (or replay one case), and turn the outcome
 * into a {@link PropertyResult}.
 */
export async function checkProperty<S, M extends object, R>(
  target: {
    readonly name: string;
    readonly capabilities: readonly Capability[];
    /** False when a failing case replays against any implementation (store cases): tokens then do not name the target. */
    readonly bindsReplayTokens?: boolean;
  },
  property: CheckedProperty,
  options: RunOptions,
  plan: (declared: ReadonlySet<Capability>) => PropertyPlan<S, M, R>,
): Promise<PropertyResult> {
  const started = performance.now();
  const declared = new Set(target.capabilities);
  const missing = property.requires.filter((c) => !declared.has(c));
  if (missing.length > 0) {
    return { property: property.id, status: 'skipped', reason: `${target.name} does not declare ${missing.join(', ')}`, runs: 0, exercised: [], durationMs: 0 };
  }
  const replay = options.replay === undefined ? undefined : decodeReplayToken(options.replay);
  const bound = target.bindsReplayTokens !== false;
  if (replay && (replay.family !== property.id || (bound && replay.adapter !== target.name))) {
    throw new TypeError(`replay token is for ${replay.family}${replay.adapter !== undefined ? ` on ${replay.adapter}` : ''}, not ${property.id}${bound ? ` on ${target.name}` : ''}`);
  }
  const { scenarios, steps, run, describeScenario } = plan(declared);
  const exercised = new Set<string>();
  const details = await fc.check(
    fc.asyncProperty(scenarios, steps(replay?.replayPath), (scenario, commands) => run(scenario, commands, exercised)),
    {
      numRuns: replay ? 1 : (options.numRuns ?? property.numRuns),
      ...(replay ? { seed: replay.seed, path: replay.path, endOnFailure: true } : options.seed !== undefined ? { seed: options.seed } : {}),
    },
  );
  const base = { property: property.id, runs: details.numRuns, exercised: [...exercised].sort() };
  if (!details.failed) return { ...base, status: 'passed', durationMs: performance.now() - started };
  // Steps print what they did in the last run they took part in, which after shrinking may be an
  // attempt that did not fail: run the shrunk case once more so the counterexample shows it.
  if (details.counterexample && !replay) {
    const [scenario, commands] = details.counterexample;
    await run(scenario, commands, new Set()).catch(() => undefined);
  }
  const counterexample = counterexampleOf(bound ? target.name : undefined, property.id, details, describeScenario);
  return { ...base, status: 'failed', counterexample, durationMs: performance.now() - started };
}
