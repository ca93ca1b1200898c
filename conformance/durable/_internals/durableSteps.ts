import fc from 'fast-check';
import type { Capability } from '../../../spec/index.js';
import {
  checkHistory,
  describeEntityCommand,
  describeEvent,
  predictDurable,
  type DurableModelState,
  type DurableOperation,
  type EffectStep,
  type EntityCommand,
} from '../../../spec/model/index.js';
import { advanceClock } from '../../_internals/advanceClock.js';
import type { ControlledStore } from '../../_internals/ControlledStore.js';
import type { VirtualClock } from '../../_internals/VirtualClock.js';
import { defaultSettle } from '../../_internals/defaultSettle.js';
import type { HistoryRecorder } from '../../_internals/HistoryRecorder.js';
import type { SystemUnderTest } from '../../contract/RuntimeAdapter.js';
import { ConformanceViolation } from '../../engine/ConformanceViolation.js';
import { PositionalStep } from '../../engine/_internals/PositionalStep.js';
import type { DurableProfile, DurableStepKind, EntityCommandKind } from '../DurableProfile.js';

type CommandTemplate =
  | { readonly kind: 'add'; readonly by: number; readonly then: readonly EffectStep[] }
  | { readonly kind: 'remove'; readonly then: readonly EffectStep[] }
  | { readonly kind: 'read' | 'park' | 'release' | 'crash' };
type DurableTemplate =
  | { readonly t: 'spawn'; readonly pid: number }
  | { readonly t: 'send'; readonly target: number; readonly commands: readonly CommandTemplate[] }
  | { readonly t: 'failNextWrite' }
  | { readonly t: 'failNextRead' }
  | { readonly t: 'advance'; readonly ms: number }
  | { readonly t: 'externalWrite'; readonly pid: number; readonly value: number };

/** The fast-check model of a durable run. */
export interface DurableRunModel {
  state: DurableModelState;
  nextEntity: number;
  nextId: number;
  readonly persistenceIds: number;
  readonly stashCapacity: number | undefined;
  readonly persistFailureBackoff: { readonly minMs: number; readonly maxMs: number } | undefined;
}

/** The real side of a durable run. */
export interface DurableRunReal {
  readonly sut: SystemUnderTest;
  readonly clock: VirtualClock;
  readonly recorder: HistoryRecorder;
  readonly store: ControlledStore;
  readonly exercised: Set<string>;
  readonly log: string[];
}

function resolve(template: DurableTemplate, m: DurableRunModel): DurableOperation | undefined {
  const pid = (index: number) => `d${index % m.persistenceIds}`;
  switch (template.t) {
    case 'spawn':
      return {
        op: 'spawn',
        entity: {
          name: `e${m.nextEntity++}`,
          persistenceId: pid(template.pid),
          tag: 'entities',
          ...(m.stashCapacity !== undefined ? { stashCapacity: m.stashCapacity } : {}),
          ...(m.persistFailureBackoff !== undefined ? { persistFailureBackoff: m.persistFailureBackoff } : {}),
        },
      };
    case 'failNextWrite':
      return { op: 'failNextWrite' };
    case 'failNextRead':
      return { op: 'failNextRead' };
    case 'advance':
      return { op: 'advance', ms: template.ms };
    case 'externalWrite':
      return { op: 'externalWrite', persistenceId: pid(template.pid), value: template.value };
    case 'send': {
      const live = Object.keys(m.state.entities);
      if (live.length === 0) return undefined;
      const path = live[template.target % live.length]!;
      const commands = template.commands.map((c): EntityCommand => ({ ...c, id: m.nextId++ }) as EntityCommand);
      return { op: 'send', path, commands };
    }
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
    case 'advance':
      return `advance ${operation.ms} ms`;
    case 'externalWrite':
      return `another writer stores ${operation.value} for ${operation.persistenceId}`;
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
    switch (operation.op) {
      case 'spawn':
        real.sut.spawnEntity!(operation.entity);
        break;
      case 'send':
        for (const command of operation.commands) real.sut.tellEntity!(operation.path, command);
        break;
      case 'failNextWrite':
        real.store.failNextWrite();
        break;
      case 'failNextRead':
        real.store.failNextRead();
        break;
      case 'externalWrite':
        real.store.writeBehind(operation.persistenceId, operation.value);
        break;
    }
    const settle = () => (real.sut.settle ? real.sut.settle() : defaultSettle(() => real.recorder.history.length));
    if (operation.op === 'advance') await advanceClock(real.clock, operation.ms, settle);
    await settle();
    const observed = real.recorder.takeNew();
    const prediction = predictDurable(m.state, operation);
    const verdict = checkHistory(prediction.expected, observed);
    real.log.push(`${shown}${observed.length > 0 ? `\n    ${observed.map(describeEvent).join('\n    ')}` : ''}`);
    if (!verdict.ok) {
      throw new ConformanceViolation(
        shown,
        verdict.problems,
        prediction.exercised,
        observed.map(describeEvent),
        prediction.expected.events.map((e) => describeEvent(e.event)),
        real.log.slice(-12),
      );
    }
    m.state = prediction.next;
    for (const rule of prediction.exercised) real.exercised.add(rule);
  }
}

/** The capabilities each command kind needs beyond `durable-state`. */
const commandCapabilities: Readonly<Record<EntityCommandKind, readonly Capability[]>> = {
  add: [],
  remove: ['durable-state.delete'],
  read: [],
  park: ['durable-state.user-stash'],
  release: ['durable-state.user-stash'],
  crash: [],
};

/** Weighted durable steps for a profile reduced to the adapter's capabilities. */
export function durableStepArbitrary(profile: DurableProfile, declared: ReadonlySet<Capability>): fc.Arbitrary<DurableStep> {
  const userStash = declared.has('durable-state.user-stash');
  const steps: EffectStep[] = userStash ? ['run', 'reply', 'unstashAll'] : ['run', 'reply'];
  // `stop` only ends a chain: what runs after thenStop is left open by the rules (DS-16).
  const chain = fc
    .tuple(fc.array(fc.constantFrom(...steps), { maxLength: profile.maxChain }), fc.boolean())
    .map(([then, stop]) => (stop && then.length > 0 ? [...then.slice(0, -1), 'stop' as const] : then));
  const commandChoices: fc.WeightedArbitrary<CommandTemplate>[] = [];
  for (const [kind, weight] of Object.entries(profile.commands) as [EntityCommandKind, number][]) {
    if (!(weight > 0) || !commandCapabilities[kind].every((c) => declared.has(c))) continue;
    const arbitrary: fc.Arbitrary<CommandTemplate> =
      kind === 'add'
        ? fc.record({ kind: fc.constant('add' as const), by: fc.integer({ min: 1, max: 9 }), then: chain })
        : kind === 'remove'
          ? fc.record({ kind: fc.constant('remove' as const), then: chain })
          : fc.constant({ kind });
    commandChoices.push({ weight, arbitrary });
  }
  const command = commandChoices.length > 0 ? fc.oneof(...commandChoices) : fc.constant<CommandTemplate>({ kind: 'read' });
  const stepChoices: fc.WeightedArbitrary<DurableTemplate>[] = [];
  const arbitraries: Record<DurableStepKind, fc.Arbitrary<DurableTemplate>> = {
    spawn: fc.record({ t: fc.constant('spawn' as const), pid: fc.nat({ max: 9 }) }),
    send: fc.record({ t: fc.constant('send' as const), target: fc.nat({ max: 99 }), commands: fc.array(command, { minLength: 1, maxLength: profile.maxBurst }) }),
    failNextWrite: fc.constant({ t: 'failNextWrite' as const }),
    failNextRead: fc.constant({ t: 'failNextRead' as const }),
    advance: fc.integer({ min: 1, max: 60 }).map((ms) => ({ t: 'advance' as const, ms })),
    externalWrite: fc.record({ t: fc.constant('externalWrite' as const), pid: fc.nat({ max: 9 }), value: fc.integer({ min: 100, max: 199 }) }),
  };
  for (const [kind, weight] of Object.entries(profile.steps) as [DurableStepKind, number][]) {
    if (weight > 0) stepChoices.push({ weight, arbitrary: arbitraries[kind] });
  }
  return fc.oneof(...stepChoices).map((t) => new DurableStep(t));
}

/** The first step of every run: an entity to talk to. */
export function firstEntity(): DurableStep {
  return new DurableStep({ t: 'spawn', pid: 0 });
}
