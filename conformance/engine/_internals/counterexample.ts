import { ConformanceViolation } from '../ConformanceViolation.js';
import { encodeReplayToken } from '../ReplayToken.js';
import type { Counterexample } from '../results.js';

/** The parts of fast-check's run details a counterexample is built from. */
interface FailedRun<S> {
  readonly seed: number;
  readonly counterexamplePath: string | null;
  /** The value fast-check shrank to: a scenario and the commands that ran on it. */
  readonly counterexample: readonly [S, Iterable<{ toString(): string; hasRan?: boolean }>] | null;
  readonly errorInstance: unknown;
}

/** fast-check marks each command of a run that was executed. */
function ran(command: { toString(): string; hasRan?: boolean }): boolean {
  return command.hasRan !== false;
}

/**
 * Turns a failed `fc.check` of a model-based property into a {@link Counterexample}: the
 * shrunk steps (scenario first), the violation, and a replay token carrying seed, path and the
 * commands' replay path.
 */
export function counterexampleOf<S>(
  /** The adapter the token is bound to; undefined for a case that replays against any implementation. */
  adapter: string | undefined,
  property: string,
  details: FailedRun<S>,
  describeScenario: (scenario: S) => readonly string[],
): Counterexample {
  const [scenario, commands] = details.counterexample ?? [undefined, undefined];
  const replayPath = commands === undefined ? undefined : /replayPath="([^"]*)"/.exec(String(commands))?.[1];
  const replayToken = encodeReplayToken({
    family: property,
    ...(adapter !== undefined ? { adapter } : {}),
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    ...(replayPath !== undefined ? { replayPath } : {}),
  });
  const steps = [
    ...(scenario === undefined ? [] : describeScenario(scenario)),
    // Only the steps that ran: the ones after the failing step never did.
    ...(commands === undefined ? [] : [...commands].filter(ran).map((c) => c.toString()).filter((s) => s !== '(no-op)')),
  ];
  const error = details.errorInstance;
  if (error instanceof ConformanceViolation) {
    return {
      steps,
      message: error.message,
      historyExcerpt: error.excerpt,
      replayToken,
      suspects: error.suspects,
      ...(error.pinpointed ? { pinpointed: true } : {}),
    };
  }
  return {
    steps,
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    historyExcerpt: [],
    replayToken,
    suspects: [],
  };
}
