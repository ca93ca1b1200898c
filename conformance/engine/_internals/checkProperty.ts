import fc from 'fast-check';
import type { Capability } from '../../../spec/index.js';
import { decodeReplayToken } from '../ReplayToken.js';
import { ConformanceViolation } from '../ConformanceViolation.js';
import type { Counterexample, PropertyResult } from '../results.js';
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

/** Rounds after a failure in which the property runs again with the rules already failed set aside. */
const setAsideRounds = 3;

/**
 * Runs a set-aside round may skip per run it counts: enough that a property breaking the failed
 * rule in most runs still reaches its other rules, bounded so it does not search forever.
 */
const setAsideSkipsPerRun = 4;

/**
 * Whether a violation blames a rule already failed: the run breaks that rule, and what else it
 * blames with it may only be its consequence, so it is set aside without a verdict.
 */
function touchesSetAside(error: unknown, setAside: ReadonlySet<string>): boolean {
  return setAside.size > 0 && error instanceof ConformanceViolation && error.pinpointed && error.suspects.some((rule) => setAside.has(rule));
}

/**
 * The common frame of runtime and store properties: skip when capabilities are missing,
 * check a replay token belongs here, run fast-check (or replay one case), and turn the outcome
 * into a {@link PropertyResult}.
 *
 * Verdicts are independent: after a failure the property runs again (same seed) with the failed
 * rules' checks set aside (a run that breaks only them ends there without a verdict), so the
 * other rules it checks still get theirs, until a round passes or finds nothing new. Every
 * round's counterexample is kept, the first one first.
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
  const exercisedRuns = new Map<string, number>();
  const counterexamples: Counterexample[] = [];
  const setAside = new Set<string>();
  let runs = 0;
  for (let round = 0; round <= (replay ? 0 : setAsideRounds); round++) {
    const details = await fc.check(
      fc.asyncProperty(scenarios, steps(replay?.replayPath), async (scenario, commands) => {
        const reached = new Set<string>();
        try {
          await run(scenario, commands, reached);
        } catch (error) {
          fc.pre(!touchesSetAside(error, setAside));
          throw error;
        } finally {
          for (const rule of reached) exercisedRuns.set(rule, (exercisedRuns.get(rule) ?? 0) + 1);
        }
      }),
      {
        numRuns: replay ? 1 : (options.numRuns ?? property.numRuns),
        // A round with rules set aside skips the runs that break them, up to a bound.
        ...(round > 0 ? { maxSkipsPerRun: setAsideSkipsPerRun } : {}),
        ...(replay ? { seed: replay.seed, path: replay.path, endOnFailure: true } : options.seed !== undefined ? { seed: options.seed } : {}),
      },
    );
    runs += details.numRuns;
    // Passed, or (with rules set aside) too many runs broke only those: nothing new to find.
    if (!details.failed || details.counterexample === null) break;
    // Steps print what they did in the last run they took part in, which after shrinking may be an
    // attempt that did not fail: run the shrunk case once more so the counterexample shows it.
    if (details.counterexample && !replay) {
      const [scenario, commands] = details.counterexample;
      await run(scenario, commands, new Set()).catch(() => undefined);
    }
    const counterexample = counterexampleOf(bound ? target.name : undefined, property.id, details, describeScenario);
    // Rounds past the first count only for what they blame anew.
    if (round > 0 && (counterexample.suspects.length === 0 || counterexample.suspects.some((rule) => setAside.has(rule)))) break;
    counterexamples.push(counterexample);
    // A failure that names no rule (the adapter broke) leaves nothing to set aside.
    if (counterexample.pinpointed !== true || counterexample.suspects.length === 0) break;
    for (const rule of counterexample.suspects) setAside.add(rule);
  }
  const exercised = [...exercisedRuns.keys()].sort();
  const base = { property: property.id, runs, exercised, exercisedRuns: Object.fromEntries(exercised.map((r) => [r, exercisedRuns.get(r)!])) };
  const [first, ...more] = counterexamples;
  if (first === undefined) return { ...base, status: 'passed', durationMs: performance.now() - started };
  return { ...base, status: 'failed', counterexample: first, ...(more.length > 0 ? { moreCounterexamples: more } : {}), durationMs: performance.now() - started };
}
