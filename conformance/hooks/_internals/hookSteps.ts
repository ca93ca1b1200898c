import fc from 'fast-check';
import type { Capability } from '../../../spec/index.js';
import {
  blameRules,
  checkHistory,
  checkLookups,
  describeEvent,
  describeExtensionLookup,
  describeHookCommand,
  describeHookedActor,
  predictHooks,
  predictHooksMatching,
  type HookCommand,
  type HookDirective,
  type HookedActorBlueprint,
  type HookModelState,
  type HookOperation,
  type HookPolicy,
  type HookPrediction,
  type HistoryCheck,
  type HistoryEvent,
} from '../../../spec/model/index.js';
import type { RemoteRun } from '../../engine/AdapterPort.js';
import type { Action } from '../../harness/protocol/messages.js';
import { ConformanceViolation } from '../../engine/ConformanceViolation.js';
import { PositionalStep } from '../../engine/_internals/PositionalStep.js';
import type { HookCommandKind, HookProfile, HookStepKind } from '../HookProfile.js';

type Directive = HookDirective | 'none';
interface ActorTemplate {
  readonly name: number;
  readonly delay: number;
  readonly directive: number;
  readonly extensions: readonly boolean[];
  readonly children: readonly { readonly directive: number; readonly extensions: readonly boolean[] }[];
}
type CommandTemplate =
  | { readonly kind: 'add'; readonly by: number; readonly flush: boolean }
  | { readonly kind: 'crash' }
  | { readonly kind: 'watch'; readonly target: number };
type HookTemplate =
  | { readonly t: 'spawn'; readonly actor: ActorTemplate }
  | { readonly t: 'send'; readonly target: number; readonly commands: readonly CommandTemplate[] }
  | { readonly t: 'stop'; readonly target: number }
  | { readonly t: 'failNextRead' }
  | { readonly t: 'failNextWrite' }
  | { readonly t: 'advance'; readonly ms: number };

/** The fast-check model of a hooks run. */
export interface HookRunModel {
  state: HookModelState;
  nextId: number;
  readonly profile: HookProfile;
  /** Directives available to top-level actors and to children, reduced to the adapter's capabilities. */
  readonly directives: { readonly top: readonly Directive[]; readonly child: readonly Directive[] };
  /** Every resolution of the open choices the adapter's declaration allows. */
  readonly policies: readonly HookPolicy[];
}

/** The real side of a hooks run. */
export interface HookRunReal {
  readonly run: RemoteRun;
  readonly exercised: Set<string>;
  readonly log: string[];
}

const pick = <T>(choices: readonly T[], index: number): T => choices[index % choices.length]!;
const isWithin = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}/`);

function blueprint(template: ActorTemplate, m: HookRunModel): HookedActorBlueprint {
  const { profile, directives } = m;
  const used = (flags: readonly boolean[]) => profile.extensions.filter((_, k) => flags[k] === true);
  const directive = (d: Directive) => (d === 'none' ? {} : { directive: d });
  const top = pick(directives.top, template.directive);
  const timeout = profile.startTimeoutMs;
  // A hook that never finishes is only given to an actor that stops when it fails: a restarting one would retry forever.
  const hangs = timeout !== undefined && template.delay % 4 === 3 && (top === 'none' || top === 'stop');
  return {
    name: `h${template.name % profile.names}`,
    startDelayMs: hangs ? 0 : pick(profile.startDelaysMs, template.delay),
    ...(hangs ? { startHangs: true } : {}),
    ...(timeout !== undefined ? { startTimeoutMs: timeout } : {}),
    ...directive(top),
    extensions: used(template.extensions),
    children: template.children.slice(0, profile.maxChildren).map((child, k) => ({
      name: `c${k}`,
      startDelayMs: 0,
      ...directive(pick(directives.child, child.directive)),
      extensions: used(child.extensions),
      children: [],
    })),
  };
}

function command(template: CommandTemplate, path: string, m: HookRunModel): HookCommand | undefined {
  if (template.kind === 'add') return { kind: 'add', id: m.nextId++, by: template.by, flush: template.flush };
  if (template.kind === 'crash') return { kind: 'crash', id: m.nextId++ };
  // Watching an ancestor or a descendant mixes the watch with the stop of a subtree: left out.
  const targets = Object.keys(m.state.actors).filter((p) => !isWithin(p, path) && !isWithin(path, p));
  return targets.length === 0 ? undefined : { kind: 'watch', id: m.nextId++, target: pick(targets, template.target) };
}

function resolve(template: HookTemplate, m: HookRunModel): HookOperation | undefined {
  const actors = m.state.actors;
  switch (template.t) {
    case 'spawn': {
      const actor = blueprint(template.actor, m);
      return actors[actor.name] ? undefined : { op: 'spawn', actor };
    }
    case 'send': {
      const live = Object.keys(actors);
      if (live.length === 0) return undefined;
      const path = pick(live, template.target);
      const commands = template.commands.flatMap((c) => command(c, path, m) ?? []);
      return commands.length > 0 ? { op: 'send', path, commands } : undefined;
    }
    case 'stop': {
      const running = Object.values(actors).filter((a) => a.parent === undefined && a.starting === null);
      return running.length > 0 ? { op: 'stop', path: pick(running, template.target).path } : undefined;
    }
    case 'failNextRead':
    case 'failNextWrite':
      return { op: template.t };
    case 'advance':
      return { op: 'advance', ms: template.ms };
  }
}

function describe(operation: HookOperation): string {
  switch (operation.op) {
    case 'spawn':
      return `spawn hooked ${describeHookedActor(operation.actor)}`;
    case 'send':
      return `send ${operation.path}: ${operation.commands.map(describeHookCommand).join(', ')}`;
    case 'stop':
      return `stop ${operation.path}`;
    case 'failNextRead':
      return 'the resource fails its next read';
    case 'failNextWrite':
      return 'the resource fails its next write';
    case 'advance':
      return `advance ${operation.ms} ms`;
  }
}

/** One prediction checked against what was observed: the history and the extension lookups. */
interface Verdict {
  readonly prediction: HookPrediction;
  readonly history: HistoryCheck;
  readonly lookupProblems: readonly string[];
}

/** The first outcome, under any policy the adapter allows, that fits the observed history and lookups. */
function searchPolicies(m: HookRunModel, operation: HookOperation, observed: readonly HistoryEvent[], lookups: Parameters<typeof checkLookups>[1]): Verdict | undefined {
  for (const policy of m.policies) {
    const prediction = predictHooksMatching(m.state, operation, policy, observed, (p) => checkHistory(p.expected, observed).ok && checkLookups(p.lookups, lookups).length === 0);
    if (prediction) return { prediction, history: checkHistory(prediction.expected, observed), lookupProblems: [] };
  }
  return undefined;
}

/** What a hooks operation asks of the system, as protocol actions. */
function actionsOf(operation: HookOperation): Action[] {
  switch (operation.op) {
    case 'spawn':
      return [{ do: 'spawnHooked', actor: operation.actor }];
    case 'send':
      return operation.commands.map((command) => ({ do: 'tellHooked' as const, path: operation.path, command }));
    case 'stop':
      return [{ do: 'stopHooked', path: operation.path }];
    case 'advance':
      return [{ do: 'advance', ms: operation.ms }];
    case 'failNextRead':
    case 'failNextWrite':
      return [{ do: operation.op }];
  }
}

/** One hooks step: resolved by position, applied, and checked against every policy the adapter allows. */
class HookStep extends PositionalStep<HookTemplate, HookOperation, HookRunModel, HookRunReal> {
  protected resolve(m: HookRunModel): HookOperation | undefined {
    return resolve(this.template, m);
  }
  protected describe(operation: HookOperation): string {
    return describe(operation);
  }
  protected async apply(operation: HookOperation, m: HookRunModel, real: HookRunReal): Promise<void> {
    const shown = describe(operation);
    const { events: observed, lookups } = await real.run.step(actionsOf(operation));
    const verdicts: Verdict[] = m.policies.map((policy) => {
      const prediction = predictHooks(m.state, operation, policy);
      return { prediction, history: checkHistory(prediction.expected, observed), lookupProblems: checkLookups(prediction.lookups, lookups) };
    });
    real.log.push(`${shown}${observed.length > 0 ? `\n    ${observed.map(describeEvent).join('\n    ')}` : ''}`);
    // Another outcome the rules accept (a notice overtaking queued commands) may be the one
    // observed; searched for, guided by the observed events, only when no first outcome fits.
    const fits = (v: Verdict) => v.history.ok && v.lookupProblems.length === 0;
    const accepted = verdicts.find(fits) ?? searchPolicies(m, operation, observed, lookups);
    if (accepted) {
      m.state = accepted.prediction.next;
      for (const rule of accepted.prediction.exercised) real.exercised.add(rule);
      return;
    }
    // Report against the allowed outcome closest to what happened.
    const problems = (v: Verdict) => v.history.problems.length + v.lookupProblems.length;
    const closest = verdicts.reduce((best, v) => (problems(v) < problems(best) ? v : best));
    const { prediction, history } = closest;
    // Wrong lookups are HOOK-08's; a wrong history is blamed on the rules behind the diverging
    // events, and what they cannot explain on the rules the step reached.
    const suspects = new Set(history.ok ? [] : blameRules(prediction.expected, observed, history, prediction.exercised));
    if (closest.lookupProblems.length > 0) suspects.add('HOOK-08');
    throw new ConformanceViolation(
      shown,
      [...history.problems, ...closest.lookupProblems],
      [...suspects].sort(),
      [...observed.map(describeEvent), ...lookups.map(describeExtensionLookup)],
      prediction.expected.events.map((e) => `${describeEvent(e.event)}${e.optional === true ? ' (optional)' : ''}`),
      real.log.slice(-12),
      true,
    );
  }
}

/** The capabilities each command kind needs beyond `hooks`. */
const commandCapabilities: Readonly<Record<HookCommandKind, readonly Capability[]>> = { add: [], crash: [], watch: ['watch'] };
/** The capabilities each directive needs beyond `hooks`. */
const directiveCapabilities: Readonly<Record<Directive, readonly Capability[]>> = {
  none: [],
  stop: [],
  resume: ['supervision.resume'],
  restart: ['supervision.restart'],
  escalate: [],
};

/** The directives of a profile an adapter supports, for top-level actors and for children. */
export function availableDirectives(profile: HookProfile, declared: ReadonlySet<Capability>): HookRunModel['directives'] {
  const child = profile.directives.filter((d) => directiveCapabilities[d].every((c) => declared.has(c)));
  const top = child.filter((d) => d !== 'escalate');
  return { top: top.length > 0 ? top : ['none'], child: child.length > 0 ? child : ['none'] };
}

/** Weighted hooks steps for a profile reduced to the adapter's capabilities. */
export function hookStepArbitrary(profile: HookProfile, declared: ReadonlySet<Capability>): fc.Arbitrary<HookStep> {
  const flags = fc.array(fc.boolean(), { minLength: profile.extensions.length, maxLength: profile.extensions.length });
  const actor: fc.Arbitrary<ActorTemplate> = fc.record({
    name: fc.nat({ max: 9 }),
    delay: fc.nat({ max: 9 }),
    directive: fc.nat({ max: 9 }),
    extensions: flags,
    children: fc.array(fc.record({ directive: fc.nat({ max: 9 }), extensions: flags }), { maxLength: profile.maxChildren }),
  });
  const commandChoices: fc.WeightedArbitrary<CommandTemplate>[] = [];
  const commandArbitraries: Record<HookCommandKind, fc.Arbitrary<CommandTemplate>> = {
    // One add in three flushes: most state stays in memory, for stop hooks and crashes to matter.
    add: fc.record({ kind: fc.constant('add' as const), by: fc.integer({ min: 1, max: 9 }), flush: fc.nat({ max: 2 }).map((n) => n === 0) }),
    crash: fc.constant({ kind: 'crash' as const }),
    watch: fc.record({ kind: fc.constant('watch' as const), target: fc.nat({ max: 9 }) }),
  };
  for (const [kind, weight] of Object.entries(profile.commands) as [HookCommandKind, number][]) {
    if (weight > 0 && commandCapabilities[kind].every((c) => declared.has(c))) commandChoices.push({ weight, arbitrary: commandArbitraries[kind] });
  }
  const commands = fc.array(commandChoices.length > 0 ? fc.oneof(...commandChoices) : commandArbitraries.add, { minLength: 1, maxLength: profile.maxBurst });
  const stepArbitraries: Record<HookStepKind, fc.Arbitrary<HookTemplate>> = {
    spawn: fc.record({ t: fc.constant('spawn' as const), actor }),
    send: fc.record({ t: fc.constant('send' as const), target: fc.nat({ max: 9 }), commands }),
    stop: fc.record({ t: fc.constant('stop' as const), target: fc.nat({ max: 9 }) }),
    failNextRead: fc.constant({ t: 'failNextRead' as const }),
    failNextWrite: fc.constant({ t: 'failNextWrite' as const }),
    advance: fc.integer({ min: 1, max: 10 }).map((ms) => ({ t: 'advance' as const, ms })),
  };
  const stepChoices = (Object.entries(profile.steps) as [HookStepKind, number][])
    .filter(([, weight]) => weight > 0)
    .map(([kind, weight]) => ({ weight, arbitrary: stepArbitraries[kind] }));
  return fc.oneof(...stepChoices).map((t) => new HookStep(t));
}

/** The first step of every run: a hooked actor to talk to, with the profile's first directive and a child if it allows one. */
export function firstHookedActor(profile: HookProfile): HookStep {
  const extensions = profile.extensions.map(() => true);
  const children = profile.maxChildren > 0 ? [{ directive: 0, extensions }] : [];
  return new HookStep({ t: 'spawn', actor: { name: 0, delay: 0, directive: 0, extensions, children } });
}
