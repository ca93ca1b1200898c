import fc from 'fast-check';
import type { Capability } from '../../../spec/index.js';
import {
  blameRules,
  checkHistory,
  describeEntityCommand,
  describeEvent,
  predictDurable,
  predictDurableMatching,
  resolveDurable,
  type DurableModelState,
  type DurableOperation,
  type EffectStep,
  type EntityCommand,
} from '../../../spec/model/index.js';
import type { RemoteRun } from '../../engine/AdapterPort.js';
import type { Action } from '../../harness/protocol/messages.js';
import { ConformanceViolation } from '../../engine/ConformanceViolation.js';
import { PositionalStep } from '../../engine/_internals/PositionalStep.js';
import type { DurableProfile, DurableStepKind, EntityCommandKind } from '../DurableProfile.js';

type DeferredTemplate = { readonly kind: 'add'; readonly by: number; readonly then: readonly EffectStep[] } | { readonly kind: 'read' };
type CommandTemplate =
  | DeferredTemplate
  | { readonly kind: 'remove'; readonly then: readonly EffectStep[] }
  | { readonly kind: 'ask' | 'unsupported' | 'park' | 'release' | 'crash' | 'passivate' }
  | { readonly kind: 'watch'; readonly target: number; readonly deathPact: boolean }
  | { readonly kind: 'later'; readonly delayMs: number; readonly command: DeferredTemplate };
type DurableTemplate =
  | { readonly t: 'spawn'; readonly pid: number }
  | { readonly t: 'send'; readonly target: number; readonly commands: readonly CommandTemplate[] }
  | { readonly t: 'flood'; readonly target: number; readonly reads: number }
  | { readonly t: 'halt'; readonly target: number }
  | { readonly t: 'failNextWrite' }
  | { readonly t: 'failNextRead' }
  | { readonly t: 'slowNextRead' }
  | { readonly t: 'advance'; readonly ms: number }
  | { readonly t: 'externalWrite'; readonly pid: number; readonly value: number };

/** The tag of every entity the suite spawns: each of their upserts must carry it (DS-05). */
export const ENTITY_TAG = 'entities';

/** The fast-check model of a durable run. */
export interface DurableRunModel {
  state: DurableModelState;
  nextEntity: number;
  nextId: number;
  readonly persistenceIds: number;
  readonly stashCapacity: number | undefined;
  readonly stashOverflow: 'drop' | 'fail' | undefined;
  readonly persistFailureBackoff: { readonly minMs: number; readonly maxMs: number } | undefined;
  readonly restartOnFailure: boolean;
  /** Recovery timeout of odd-numbered entities, if the adapter can set it. */
  readonly recoveryTimeoutMs: number | undefined;
}

/** The real side of a durable run. */
export interface DurableRunReal {
  readonly run: RemoteRun;
  readonly exercised: Set<string>;
  readonly log: string[];
}

function resolve(template: DurableTemplate, m: DurableRunModel): DurableOperation | undefined {
  const pid = (index: number) => `d${index % m.persistenceIds}`;
  switch (template.t) {
    case 'spawn': {
      // Odd-numbered entities get the family's recovery timeout, the others keep the default (DS-03).
      const timeout = m.recoveryTimeoutMs !== undefined && m.nextEntity % 2 === 1 ? m.recoveryTimeoutMs : undefined;
      return {
        op: 'spawn',
        entity: {
          name: `e${m.nextEntity++}`,
          persistenceId: pid(template.pid),
          tag: ENTITY_TAG,
          ...(m.stashCapacity !== undefined ? { stashCapacity: m.stashCapacity } : {}),
          ...(m.stashOverflow !== undefined ? { stashOverflow: m.stashOverflow } : {}),
          ...(m.persistFailureBackoff !== undefined ? { persistFailureBackoff: m.persistFailureBackoff } : {}),
          ...(m.restartOnFailure ? { restartOnFailure: true } : {}),
          ...(timeout !== undefined ? { recoveryTimeoutMs: timeout } : {}),
        },
      };
    }
    case 'failNextWrite':
      return { op: 'failNextWrite' };
    case 'failNextRead':
      return { op: 'failNextRead' };
    case 'slowNextRead':
      return { op: 'slowNextRead' };
    case 'advance':
      return { op: 'advance', ms: template.ms };
    case 'externalWrite':
      return { op: 'externalWrite', persistenceId: pid(template.pid), value: template.value };
    case 'halt': {
      const live = Object.keys(m.state.entities);
      if (live.length === 0) return undefined;
      return { op: 'halt', path: live[template.target % live.length]!, id: m.nextId++ };
    }
    case 'send': {
      const live = Object.keys(m.state.entities);
      if (live.length === 0) return undefined;
      const path = live[template.target % live.length]!;
      // Any entity spawned so far but this one, alive or not (a stopped one sends its notice at once).
      const others = Array.from({ length: m.nextEntity }, (_, k) => `e${k}`).filter((name) => name !== path);
      const commands = template.commands.map((c) => command(c, others, m));
      return { op: 'send', path, commands };
    }
    case 'flood': {
      // One write, then many reads arriving behind it: a long internal stash, replayed in order (DS-04).
      const live = Object.keys(m.state.entities);
      if (live.length === 0) return undefined;
      const path = live[template.target % live.length]!;
      const add: EntityCommand = { kind: 'add', id: m.nextId++, by: 1, then: [] };
      const reads = Array.from({ length: template.reads }, (): EntityCommand => ({ kind: 'read', id: m.nextId++ }));
      return { op: 'send', path, commands: [add, ...reads] };
    }
  }
}

/** A command with fresh ids; a watch with nobody else to watch becomes a read. */
function command(template: CommandTemplate, others: readonly string[], m: DurableRunModel): EntityCommand {
  switch (template.kind) {
    case 'watch':
      if (others.length === 0) return { kind: 'read', id: m.nextId++ };
      return { kind: 'watch', id: m.nextId++, target: others[template.target % others.length]!, deathPact: template.deathPact };
    case 'later': {
      const id = m.nextId++;
      return { kind: 'later', id, delayMs: template.delayMs, command: { ...template.command, id: m.nextId++ } };
    }
    default:
      return { ...template, id: m.nextId++ };
  }
}

function describe(operation: DurableOperation): string {
  switch (operation.op) {
    case 'spawn':
      return `spawn entity ${operation.entity.name} (${operation.entity.persistenceId})`;
    case 'send':
      return `send ${operation.path}: ${operation.commands.map(describeEntityCommand).join(', ')}`;
    case 'failNextWrite':
      return 'the store fails its next write';
    case 'failNextRead':
      return 'the store fails its next read';
    case 'slowNextRead':
      return 'the store answers its next read late';
    case 'advance':
      return `advance ${operation.ms} ms`;
    case 'externalWrite':
      return `another writer stores ${operation.value} for ${operation.persistenceId}`;
    case 'halt':
      return `halt ${operation.path} (its parent stops it at once)`;
  }
}

/** What a durable operation asks of the system, as protocol actions. */
function actionsOf(operation: DurableOperation): Action[] {
  switch (operation.op) {
    case 'spawn':
      return [{ do: 'spawnEntity', entity: operation.entity }];
    case 'send':
      return operation.commands.map((command) => ({ do: 'tellEntity' as const, path: operation.path, command }));
    case 'halt':
      return [{ do: 'tellEntity', path: operation.path, command: { kind: 'halt', id: operation.id } }];
    case 'externalWrite':
      return [{ do: 'writeBehind', persistenceId: operation.persistenceId, value: operation.value }];
    case 'advance':
      return [{ do: 'advance', ms: operation.ms }];
    case 'failNextWrite':
    case 'failNextRead':
    case 'slowNextRead':
      return [{ do: operation.op }];
  }
}

/** One durable step: resolved by position, applied, and checked against the durable oracle. */
class DurableStep extends PositionalStep<DurableTemplate, DurableOperation, DurableRunModel, DurableRunReal> {
  protected resolve(m: DurableRunModel): DurableOperation | undefined {
    return resolve(this.template, m);
  }
  protected describe(operation: DurableOperation): string {
    return describe(operation);
  }
  protected async apply(operation: DurableOperation, m: DurableRunModel, real: DurableRunReal): Promise<void> {
    const shown = describe(operation);
    const { events: observed, wrongTags } = await real.run.step(actionsOf(operation));
    const prediction = predictDurable(m.state, operation);
    const verdict = checkHistory(prediction.expected, observed);
    real.log.push(`${shown}${observed.length > 0 ? `\n    ${observed.map(describeEvent).join('\n    ')}` : ''}`);
    // Another outcome the rules accept (a notice overtaking queued commands) may be the one
    // observed; searched for, guided by the observed events, only when the first does not fit.
    const outcome = verdict.ok ? prediction : predictDurableMatching(m.state, operation, observed, (other) => checkHistory(other.expected, observed).ok);
    if (outcome === undefined) {
      throw new ConformanceViolation(
        shown,
        verdict.problems,
        // The rules behind the diverging events; what they cannot explain falls to the step's rules.
        blameRules(prediction.expected, observed, verdict, prediction.exercised),
        observed.map(describeEvent),
        prediction.expected.events.map((e) => `${describeEvent(e.event)}${e.optional === true ? ' (optional)' : ''}`),
        real.log.slice(-12),
        true,
      );
    }
    // Every upsert carries the entity's tag (DS-05); the history does not show tags.
    if (wrongTags.length > 0) {
      const expected = [`every upsert of the entity carries the tag it was built with, ${JSON.stringify(ENTITY_TAG)}`];
      throw new ConformanceViolation(shown, wrongTags, ['DS-05'], observed.map(describeEvent), expected, real.log.slice(-12), true);
    }
    m.state = resolveDurable(outcome.next, observed);
    for (const rule of outcome.exercised) real.exercised.add(rule);
  }
}

/** The capabilities each command kind needs beyond `durable-state`. */
const commandCapabilities: Readonly<Record<EntityCommandKind, readonly Capability[]>> = {
  add: [],
  remove: ['durable-state.delete'],
  read: [],
  ask: ['durable-state.reply-unhandled'],
  unsupported: ['durable-state.reply-unhandled'],
  park: ['durable-state.user-stash'],
  release: ['durable-state.user-stash'],
  crash: [],
  watch: ['watch'],
  later: [],
  passivate: [],
};

/** The capabilities each step kind needs beyond `durable-state`. */
const stepCapabilities: Readonly<Partial<Record<DurableStepKind, readonly Capability[]>>> = {
  halt: ['lifecycle.stop-child'],
};

/** Weighted durable steps for a profile reduced to the adapter's capabilities. */
export function durableStepArbitrary(profile: DurableProfile, declared: ReadonlySet<Capability>): fc.Arbitrary<DurableStep> {
  const userStash = declared.has('durable-state.user-stash');
  const steps: EffectStep[] = userStash ? ['run', 'reply', 'unstashAll'] : ['run', 'reply'];
  // `stop` only ends a chain: what runs after thenStop is left open by the rules (DS-16).
  const chain = fc
    .tuple(fc.array(fc.constantFrom(...steps), { maxLength: profile.maxChain }), fc.boolean())
    .map(([then, stop]) => (stop && then.length > 0 ? [...then.slice(0, -1), 'stop' as const] : then));
  const add = fc.record({ kind: fc.constant('add' as const), by: fc.integer({ min: 1, max: 9 }), then: chain });
  const deferred: fc.Arbitrary<DeferredTemplate> = fc.oneof(add, fc.constant({ kind: 'read' as const }));
  // A delay of 0 is a message to itself; longer ones need timers (DS-20).
  const delay = declared.has('timers') ? fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })) : fc.constant(0);
  const commandArbitraries: Record<EntityCommandKind, fc.Arbitrary<CommandTemplate>> = {
    add,
    remove: fc.record({ kind: fc.constant('remove' as const), then: chain }),
    read: fc.constant({ kind: 'read' as const }),
    ask: fc.constant({ kind: 'ask' as const }),
    unsupported: fc.constant({ kind: 'unsupported' as const }),
    park: fc.constant({ kind: 'park' as const }),
    release: fc.constant({ kind: 'release' as const }),
    crash: fc.constant({ kind: 'crash' as const }),
    passivate: fc.constant({ kind: 'passivate' as const }),
    watch: fc.record({
      kind: fc.constant('watch' as const),
      target: fc.nat({ max: 9 }),
      deathPact: declared.has('watch.death-pact') ? fc.boolean() : fc.constant(false),
    }),
    later: fc.record({ kind: fc.constant('later' as const), delayMs: delay, command: deferred }),
  };
  const commandChoices: fc.WeightedArbitrary<CommandTemplate>[] = [];
  for (const [kind, weight] of Object.entries(profile.commands) as [EntityCommandKind, number][]) {
    if (!(weight > 0) || !commandCapabilities[kind].every((c) => declared.has(c))) continue;
    commandChoices.push({ weight, arbitrary: commandArbitraries[kind] });
  }
  const command = commandChoices.length > 0 ? fc.oneof(...commandChoices) : fc.constant<CommandTemplate>({ kind: 'read' });
  const stepChoices: fc.WeightedArbitrary<DurableTemplate>[] = [];
  const arbitraries: Record<DurableStepKind, fc.Arbitrary<DurableTemplate>> = {
    spawn: fc.record({ t: fc.constant('spawn' as const), pid: fc.nat({ max: 9 }) }),
    send: fc.record({ t: fc.constant('send' as const), target: fc.nat({ max: 99 }), commands: fc.array(command, { minLength: 1, maxLength: profile.maxBurst }) }),
    flood: fc.record({ t: fc.constant('flood' as const), target: fc.nat({ max: 99 }), reads: fc.constant(profile.floodReads ?? 0) }),
    failNextWrite: fc.constant({ t: 'failNextWrite' as const }),
    failNextRead: fc.constant({ t: 'failNextRead' as const }),
    slowNextRead: fc.constant({ t: 'slowNextRead' as const }),
    advance: fc.integer({ min: 1, max: profile.maxAdvanceMs ?? 60 }).map((ms) => ({ t: 'advance' as const, ms })),
    externalWrite: fc.record({ t: fc.constant('externalWrite' as const), pid: fc.nat({ max: 9 }), value: fc.integer({ min: 100, max: 199 }) }),
    halt: fc.record({ t: fc.constant('halt' as const), target: fc.nat({ max: 99 }) }),
  };
  for (const [kind, weight] of Object.entries(profile.steps) as [DurableStepKind, number][]) {
    if (weight > 0 && (stepCapabilities[kind] ?? []).every((c) => declared.has(c))) stepChoices.push({ weight, arbitrary: arbitraries[kind] });
  }
  return fc.oneof(...stepChoices).map((t) => new DurableStep(t));
}

/** The first step of every run: an entity to talk to. */
export function firstEntity(): DurableStep {
  return new DurableStep({ t: 'spawn', pid: 0 });
}
