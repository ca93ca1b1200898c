import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { DurableStateBehavior } from '../../../src/persistence/DurableStateBehavior.js';
import { Effect } from '../../../src/persistence/Effect.js';
import { PersistenceId } from '../../../src/persistence/PersistenceId.js';
import type { ActorRef } from '../../../src/ActorRef.js';
import { gate, type GateCommand } from './_gate.js';
import { quiet, world, type World } from './_harness.js';

type Command = { readonly type: 'Add'; readonly id: number; readonly n: number } | { readonly type: 'Get'; readonly id: number };

/** What the test does next: send a command, let the oldest held write through, or let backoff time pass. */
type Step = { readonly kind: 'send'; readonly command: Command; readonly fails: boolean } | { readonly kind: 'release' } | { readonly kind: 'tick' };

const MAX_BACKOFF_MS = 1000;

const stepsArbitrary = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('send' as const), add: fc.boolean(), n: fc.integer({ min: 1, max: 9 }), fails: fc.boolean() }) },
      { weight: 2, arbitrary: fc.constant({ kind: 'release' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'tick' as const }) },
    ),
    { maxLength: 25 },
  )
  .map((raw) =>
    raw.map((step, id): Step => {
      if (step.kind !== 'send') return step;
      const command: Command = step.add ? { type: 'Add', id, n: step.n } : { type: 'Get', id };
      return { kind: 'send', command, fails: step.add && step.fails };
    }),
  );

/** Replies and side effects the entity produced, as `add#id total@revision` / `get#id total@revision`. */
function entity(log: string[], sideEffectsPerCommand: Map<number, number>) {
  return DurableStateBehavior.create<Command, number>({
    persistenceId: PersistenceId.ofUniqueId('model'),
    emptyState: 0,
    commandHandler: (total, command, context) => {
      const effect = command.type === 'Add' ? Effect.persist(total + command.n) : Effect.none<number>();
      return effect.thenRun((state) => {
        sideEffectsPerCommand.set(command.id, (sideEffectsPerCommand.get(command.id) ?? 0) + 1);
        log.push(`${command.type === 'Add' ? 'add' : 'get'}#${command.id} ${state}@${context.lastRevision}`);
      });
    },
  }).onPersistFailure(SupervisorStrategy.restartWithBackoff(100, MAX_BACKOFF_MS, 0));
}

/** The model: commands in order; a failing Add changes nothing and answers nothing. */
function expectedLog(steps: ReadonlyArray<Step>): string[] {
  let total = 0;
  let revision = 0;
  const out: string[] = [];
  for (const step of steps) {
    if (step.kind !== 'send') continue;
    const { command } = step;
    if (command.type === 'Get') out.push(`get#${command.id} ${total}@${revision}`);
    else if (!step.fails) {
      total += command.n;
      revision++;
      out.push(`add#${command.id} ${total}@${revision}`);
    }
  }
  return out;
}

/** Lets every write through and backoff time pass until each Add made its one write attempt and every reply arrived. */
async function finish(w: World, log: string[], expectedLength: number, adds: number): Promise<void> {
  w.store.resume('write');
  const complete = () => log.length >= expectedLength && w.store.writes.length >= adds && w.store.unfinishedCount === 0;
  // Each round lets every pending backoff restart happen; bounded so a bug fails instead of hanging.
  for (let round = 0; round < 60 && !complete(); round++) {
    await quiet(w);
    w.kit.manualTime.timePasses(MAX_BACKOFF_MS);
  }
  await quiet(w);
}

describe('Durable State against a model', () => {
  it('DS-04 DS-05 DS-06 DS-08 DS-09 random commands, write latencies and write failures: replies in command order, revisions gap-free, side effects at most once and only after success', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArbitrary, async (steps) => {
        const w = world();
        const log: string[] = [];
        const sideEffects = new Map<number, number>();
        let adds = 0;
        w.store.hold('write');
        const ref = w.kit.spawn(entity(log, sideEffects));
        for (const step of steps) {
          if (step.kind === 'send') {
            if (step.command.type === 'Add') {
              adds++;
              if (step.fails) w.store.failWriteNumber(adds);
            }
            ref.tell(step.command);
          } else if (step.kind === 'release') {
            await quiet(w);
            w.store.release(1);
          } else {
            await quiet(w);
            w.kit.manualTime.timePasses(MAX_BACKOFF_MS);
          }
        }
        const expected = expectedLog(steps);
        await finish(w, log, expected.length, adds);
        expect(log).toEqual(expected);
        for (const step of steps) {
          if (step.kind !== 'send') continue;
          const ran = sideEffects.get(step.command.id) ?? 0;
          expect(ran).toBe(step.fails ? 0 : 1);
        }
        const succeeded = w.store.writes.filter((write) => write.outcome === 'succeeded').map((write) => write.revision);
        expect(succeeded).toEqual(succeeded.map((_revision, index) => index + 1));
        expect(w.store.writes.filter((write) => write.outcome === 'failed')).toHaveLength(steps.filter((s) => s.kind === 'send' && s.fails).length);
      }),
      { numRuns: 100 },
    );
  });
});

type GateStep = { readonly kind: 'send'; readonly command: GateCommand } | { readonly kind: 'release' };

const gateStepsArbitrary = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.nat(99).map((i): GateStep => ({ kind: 'send', command: { type: 'Hold', name: `h${i}` } })) },
    { weight: 2, arbitrary: fc.nat(99).map((i): GateStep => ({ kind: 'send', command: { type: 'Note', name: `n${i}` } })) },
    { weight: 1, arbitrary: fc.constant<GateStep>({ kind: 'send', command: { type: 'Open' } }) },
    { weight: 1, arbitrary: fc.constant<GateStep>({ kind: 'send', command: { type: 'Close' } }) },
    { weight: 2, arbitrary: fc.constant<GateStep>({ kind: 'release' }) },
  ),
  { maxLength: 30 },
);

/** The sequential model: a closed gate stashes holds; opening logs, then replays every stashed hold in order. */
function gateModel(steps: ReadonlyArray<GateStep>): string[] {
  let open = false;
  let stashed: string[] = [];
  const out: string[] = [];
  for (const step of steps) {
    if (step.kind !== 'send') continue;
    const { command } = step;
    if (command.type === 'Hold') {
      if (open) out.push(`hold ${command.name}`);
      else stashed.push(command.name);
    } else if (command.type === 'Note') out.push(`note ${command.name}`);
    else if (command.type === 'Open') {
      open = true;
      out.push('opened', ...stashed.map((name) => `hold ${name}`));
      stashed = [];
    } else if (command.type === 'Close') {
      open = false;
      out.push('closed');
    }
  }
  return out;
}

describe('Durable State stashes against a model', () => {
  it('DS-14 DS-04 random holds, notes, opens and closes with random write latencies behave like the sequential model', async () => {
    await fc.assert(
      fc.asyncProperty(gateStepsArbitrary, async (steps) => {
        const w = world();
        const log: string[] = [];
        const recorder: ActorRef<string> = { name: 'log', path: '/log', tell: (line) => log.push(line) };
        w.store.hold('write');
        const ref = w.kit.spawn(gate('model', recorder));
        for (const step of steps) {
          if (step.kind === 'send') ref.tell(step.command);
          else {
            await quiet(w);
            w.store.release(1);
          }
        }
        w.store.resume('write');
        await quiet(w);
        expect(log).toEqual(gateModel(steps));
      }),
      { numRuns: 100 },
    );
  });
});
