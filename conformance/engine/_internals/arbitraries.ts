import fc from 'fast-check';
import type {
  ActorBlueprint,
  ErrorHierarchy,
  SupervisionLayer,
  SupervisorStrategy,
} from '../../../spec/model/index.js';
import type { GenerationProfile, StashedCommandKind, StepKind } from '../GenerationProfile.js';
import type { CommandTemplate, StepTemplate } from './StepTemplate.js';

/** Every run uses four test errors; only their subclass relations vary. */
export const errorCount = 4;

/** Random hierarchies over E0..E3, each declaring a parent among the ones before it (or none). */
export function hierarchyArbitrary(): fc.Arbitrary<ErrorHierarchy> {
  const parents = Array.from({ length: errorCount }, (_, i) => fc.integer({ min: -1, max: i - 1 }));
  return fc.tuple(...parents).map((picked) =>
    picked.map((parent, i) => (parent < 0 ? { name: `E${i}` } : { name: `E${i}`, parent: `E${parent}` })),
  );
}

function strategyArbitrary(kind: SupervisorStrategy['kind'], profile: GenerationProfile): fc.Arbitrary<SupervisorStrategy> {
  switch (kind) {
    case 'stop':
      return fc.constant({ kind: 'stop' });
    case 'resume':
      return fc.constant({ kind: 'resume' });
    case 'restart':
      return fc
        .record({
          limit: profile.limits
            ? // Half limited, half not: a first start is retried only with a limit (SUP-08).
              fc.option(fc.record({ max: fc.integer({ min: 0, max: 3 }), withinMs: fc.constantFrom(50, 100, 200) }), { nil: undefined, freq: 2 })
            : fc.constant(undefined),
          keep: profile.keepChildren ? fc.boolean() : fc.constant(false),
        })
        .map(({ limit, keep }) => ({
          kind: 'restart' as const,
          ...(limit ? { limit } : {}),
          ...(keep ? { stopChildren: false } : {}),
        }));
    case 'backoff':
      return fc
        .record({
          minMs: fc.constantFrom(10, 20),
          maxMs: fc.constantFrom(40, 80),
          // 0 included: such a backoff stops at the first failure (SUP-11).
          maxRestarts: profile.limits ? fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }) : fc.constant(undefined),
          // Mostly long enough for a few failures to come before the count resets (SUP-11).
          resetAfterMs: fc.option(fc.constantFrom(100, 30, 200), { nil: undefined, freq: 3 }),
          // Room for one or two messages: what else arrives during the delay is dropped (SUP-10).
          bufferCapacity: profile.smallRestartBuffers === true ? fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined, freq: 4 }) : fc.constant(undefined),
          // Drawn last, and only where restarts may keep children, so other profiles' cases stay put (SUP-13).
          keep: profile.keepChildren ? fc.boolean() : fc.constant(false),
        })
        .map(({ minMs, maxMs, maxRestarts, resetAfterMs, bufferCapacity, keep }) => ({
          kind: 'backoff' as const,
          minMs,
          maxMs,
          ...(maxRestarts !== undefined ? { maxRestarts } : {}),
          ...(resetAfterMs !== undefined ? { resetAfterMs } : {}),
          ...(bufferCapacity !== undefined ? { bufferCapacity } : {}),
          ...(keep ? { stopChildren: false } : {}),
        }));
  }
}

function layerArbitrary(profile: GenerationProfile, matchers: readonly string[]): fc.Arbitrary<SupervisionLayer> {
  const strategy = fc.oneof(...profile.strategies.map((kind) => strategyArbitrary(kind, profile)));
  return fc.record({ on: fc.constantFrom(...matchers), strategy });
}

/**
 * Keeps stacks within what the rules decide: with several restarting layers, only plain
 * unlimited restarts, because the rules do not say whether an outer restart re-creates the
 * inner supervisors (and so resets their counters).
 */
function withinRules(layers: readonly SupervisionLayer[]): SupervisionLayer[] {
  const restarting = layers.filter((l) => l.strategy.kind === 'restart' || l.strategy.kind === 'backoff');
  if (restarting.length <= 1) return [...layers];
  return layers.map((l) =>
    l.strategy.kind === 'restart' || l.strategy.kind === 'backoff'
      ? { on: l.on, strategy: l.strategy.stopChildren === false ? { kind: 'restart', stopChildren: false } : { kind: 'restart' } }
      : l,
  );
}

/**
 * Blueprint trees of up to `depth` levels below the root. Names are placeholders for the root
 * (the engine names top-level actors when it spawns them) and `c<i>` for children.
 */
export function blueprintArbitrary(
  profile: GenerationProfile,
  matchers: readonly string[],
  depth: number,
): fc.Arbitrary<ActorBlueprint> {
  const children: fc.Arbitrary<ActorBlueprint[]> =
    depth > 0 && profile.maxChildren > 0
      ? fc.array(blueprintArbitrary(profile, matchers, depth - 1), {
          minLength: Math.min(profile.minChildren ?? 0, profile.maxChildren),
          maxLength: profile.maxChildren,
        })
      : fc.constant([]);
  return fc
    .record({
      supervision: fc
        .array(layerArbitrary(profile, matchers), { minLength: Math.min(profile.minLayers ?? 0, profile.maxLayers), maxLength: profile.maxLayers })
        .map(withinRules),
      children,
      watchChildren: fc.constantFrom(...profile.watchModes),
      handlesTerminated: profile.unhandledTerminated ? fc.boolean() : fc.constant(true),
      stashCapacity: profile.stash ? fc.integer(profile.stashCapacity ?? { min: 1, max: 3 }) : fc.constant(0),
      failOnTerminated: profile.terminatedFailures ? fc.option(errorName, { nil: undefined, freq: 3 }) : fc.constant(undefined),
      signalHandlerFailure: profile.signalHandlerFailures ? fc.option(errorName, { nil: undefined, freq: 3 }) : fc.constant(undefined),
    })
    .map(({ failOnTerminated, signalHandlerFailure, ...r }) => ({
      name: 'root',
      ...r,
      ...(failOnTerminated !== undefined ? { failOnTerminated } : {}),
      ...(signalHandlerFailure !== undefined ? { signalHandlerFailure } : {}),
      children: r.children.map((c, i) => ({ ...c, name: `c${i}` })),
    }));
}

const pick = fc.nat({ max: 1000 });
const errorPick = fc.nat({ max: errorCount - 1 });
const errorName = errorPick.map((i) => `E${i}`);
/**
 * What a supervisor a handler adds may do (see `SuperviseCommand`): never restart. Handing the
 * failure on is the likeliest, as it is what shows whether a replaced supervisor is gone.
 */
const addedStrategy = fc.constantFrom<SupervisorStrategy>(
  { kind: 'restart', limit: { max: 0, withinMs: 100 } },
  { kind: 'restart', limit: { max: 0, withinMs: 100 } },
  { kind: 'resume' },
  { kind: 'stop' },
);

// clearStash last and off by default, so the profiles that do not weigh it generate as before.
const defaultStashedCommands: Readonly<Record<StashedCommandKind, number>> = { ping: 2, fail: 2, stop: 1, unhandled: 1, clearStash: 0 };

/** The command a `stash` step stashes, weighted by the profile's `stashedCommands`. */
function stashedCommandArbitrary(profile: GenerationProfile): fc.Arbitrary<StashedCommandKind> {
  const weights = { ...defaultStashedCommands, ...profile.stashedCommands };
  const choices = (Object.entries(weights) as [StashedCommandKind, number][])
    .filter(([, weight]) => weight > 0)
    .map(([kind, weight]) => ({ weight, arbitrary: fc.constant(kind) }));
  return fc.oneof(...choices);
}

function commandArbitrary(kind: StepKind, profile: GenerationProfile, matchers: readonly string[]): fc.Arbitrary<CommandTemplate> | undefined {
  switch (kind) {
    case 'ping':
      return fc.constant({ kind: 'ping' });
    case 'fail':
      return errorPick.map((error) => ({ kind: 'fail', error }));
    case 'stop':
      return fc.constant({ kind: 'stop' });
    case 'unhandled':
      return fc.constant({ kind: 'unhandled' });
    case 'spawnChild':
      return blueprintArbitrary(profile, matchers, Math.max(0, profile.maxDepth - 1)).map((child) => ({ kind: 'spawn', child }));
    case 'stopChild':
      return pick.map((child) => ({ kind: 'stopChild', child }));
    case 'watch':
    case 'watchWith':
    case 'unwatch':
      return pick.map((target) => ({ kind, target }));
    case 'stash':
      return fc.record({ command: stashedCommandArbitrary(profile), error: errorPick }).map(({ command, error }) => ({ kind: 'stash', command, error }));
    case 'unstash':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constant<CommandTemplate>({ kind: 'unstashAll' }) },
        // Mostly fewer than a full buffer holds, so part of the stash stays behind (STASH-02).
        { weight: 2, arbitrary: fc.constantFrom(1, 1, 2, 3).map<CommandTemplate>((n) => ({ kind: 'unstash', n })) },
      );
    case 'timer':
      return fc.oneof(
        fc
          .record({ key: fc.nat({ max: 1 }), delayMs: fc.integer({ min: 1, max: profile.maxAdvanceMs }) })
          .map<CommandTemplate>(({ key, delayMs }) => ({ kind: 'startTimer', key, delayMs })),
        fc.nat({ max: 1 }).map<CommandTemplate>((key) => ({ kind: 'cancelTimer', key })),
      );
    case 'supervise':
      return fc
        .record({ on: fc.constantFrom(...matchers), strategy: addedStrategy, replacing: fc.constantFrom(true, true, false) })
        .map<CommandTemplate>(({ replacing, ...layer }) => ({ kind: 'supervise', layer, replacing }));
    case 'become':
      return fc.constantFrom('empty' as const, 'ignore' as const).map<CommandTemplate>((marker) => ({ kind: 'become', marker }));
    case 'advance':
    case 'failNextSetup':
    case 'spawnFailing':
    case 'burst':
      return undefined;
  }
}

/**
 * Any single command the profile may send, weighted like its steps (for bursts). `stopChild`
 * is left out: a child whose stop is still in flight when the parent restarts may or may not
 * have its notice consumed by the restart, and the rules do not settle that race.
 */
function anyCommandArbitrary(profile: GenerationProfile, matchers: readonly string[]): fc.Arbitrary<CommandTemplate> {
  const choices: fc.WeightedArbitrary<CommandTemplate>[] = [];
  for (const [kind, weight] of Object.entries(profile.steps) as [StepKind | 'spawn', number][]) {
    if (kind === 'spawn' || kind === 'stopChild' || !(weight > 0)) continue;
    const arbitrary = commandArbitrary(kind, profile, matchers);
    if (arbitrary) choices.push({ weight, arbitrary });
  }
  return choices.length > 0 ? fc.oneof(...choices) : fc.constant({ kind: 'ping' });
}

/** The weighted arbitrary of one generated step of a profile (already reduced to the adapter's capabilities). */
export function stepArbitrary(profile: GenerationProfile, matchers: readonly string[]): fc.Arbitrary<StepTemplate> {
  const choices: fc.WeightedArbitrary<StepTemplate>[] = [];
  for (const [kind, weight] of Object.entries(profile.steps) as [StepKind | 'spawn', number][]) {
    if (!(weight > 0)) continue;
    if (kind === 'spawn') {
      choices.push({ weight, arbitrary: blueprintArbitrary(profile, matchers, profile.maxDepth).map((blueprint) => ({ step: 'spawn', blueprint })) });
    } else if (kind === 'advance') {
      choices.push({ weight, arbitrary: fc.integer({ min: 1, max: profile.maxAdvanceMs }).map((ms) => ({ step: 'advance', ms })) });
    } else if (kind === 'burst') {
      const commands = fc.array(anyCommandArbitrary(profile, matchers), { minLength: 2, maxLength: 4 });
      choices.push({ weight, arbitrary: fc.record({ target: pick, commands }).map((r) => ({ step: 'burst', ...r })) });
    } else if (kind === 'spawnFailing') {
      const spawn = fc.record({ blueprint: blueprintArbitrary(profile, matchers, profile.maxDepth), failing: errorPick });
      choices.push({ weight, arbitrary: spawn.map(({ blueprint, failing }) => ({ step: 'spawn', blueprint, failing })) });
    } else if (kind === 'failNextSetup') {
      choices.push({ weight, arbitrary: fc.record({ target: pick, error: errorPick }).map((r) => ({ step: 'failNextSetup', ...r })) });
    } else {
      const command = commandArbitrary(kind, profile, matchers);
      if (command) choices.push({ weight, arbitrary: fc.record({ target: pick, command }).map((r) => ({ step: 'tell', ...r })) });
    }
  }
  if (choices.length === 0) choices.push({ weight: 1, arbitrary: fc.record({ target: pick, command: fc.constant<CommandTemplate>({ kind: 'ping' }) }).map((r) => ({ step: 'tell', ...r })) });
  return fc.oneof(...choices);
}
