import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  describeEvent,
  initialDurableState,
  ModelError,
  predictDurable,
  resolveDurable,
  type DeferredCommand,
  type DurableModelState,
  type DurableOperation,
  type DurablePrediction,
  type EntityCommand,
  type HistoryEvent,
} from '../../../../spec/model/index.js';

const spawn = (name: string, persistenceId = `p-${name}`): DurableOperation => ({
  op: 'spawn',
  entity: { name, persistenceId, tag: 't' },
});
const send = (path: string, ...commands: EntityCommand[]): DurableOperation => ({ op: 'send', path, commands });
const add = (id: number, by: number, then: ('run' | 'reply' | 'stop')[] = []): DeferredCommand => ({ kind: 'add', id, by, then });
const read = (id: number): DeferredCommand => ({ kind: 'read', id });

/** Applies operations in order, each step's history taken as the model's own listing (required events only). */
function play(operations: readonly DurableOperation[], latency = 5): { state: DurableModelState; last: DurablePrediction } {
  let state = initialDurableState(latency);
  let last: DurablePrediction | undefined;
  for (const operation of operations) {
    last = predictDurable(state, operation);
    const observed = last.expected.events.filter((e) => !e.optional).map((e) => e.event);
    state = resolveDurable(last.next, observed);
  }
  return { state, last: last! };
}

const shown = (p: DurablePrediction) => p.expected.events.map((e) => `${describeEvent(e.event)}${e.optional ? ' (optional)' : ''}`);

describe('DS-18: signals during a write', () => {
  it('hands a termination notice to the watcher at once, with its last written state, while its write is in flight', () => {
    const { state } = play([spawn('e0'), spawn('e1'), send('e0', { kind: 'watch', id: 1, target: 'e1', deathPact: false }, add(2, 7))]);
    expect(state.entities.e0!.inFlight?.state).toBe(7);
    const halted = predictDurable(state, { op: 'halt', path: 'e1', id: 3 });
    expect(shown(halted)).toEqual(['e1: PostStop', 'e0: callback 1.0 sees 0']);
    expect(halted.expected.before).toContainEqual([0, 1]);
    expect(halted.exercised).toContain('DS-18');
    const landed = predictDurable(halted.next, { op: 'advance', ms: 5 });
    expect(shown(landed)).toEqual(['store/p-e0: upsert r1 ok']);
  });

  it('turns an unhandled notice into a death pact: the watcher stops and its write becomes an orphan that may land', () => {
    const { state } = play([spawn('e0'), spawn('e1'), send('e0', { kind: 'watch', id: 1, target: 'e1', deathPact: true }, add(2, 7, ['run']))]);
    const halted = predictDurable(state, { op: 'halt', path: 'e1', id: 3 });
    expect(shown(halted)).toEqual(['e1: PostStop', 'e0: PostStop']);
    const landed = predictDurable(halted.next, { op: 'advance', ms: 5 });
    expect(shown(landed)).toEqual(['store/p-e0: upsert r1 ok (optional)']);
    const written = landed.expected.events.map((e) => e.event);
    expect(resolveDurable(landed.next, written).store['p-e0']).toEqual({ state: 7, revision: 1 });
    expect(resolveDurable(landed.next, []).store['p-e0']).toBeUndefined();
  });

  it('delivers the notice of an entity already gone after what waited before it', () => {
    const { state } = play([spawn('e0'), spawn('e1'), { op: 'halt', path: 'e1', id: 1 }]);
    const watched = predictDurable(state, send('e0', { kind: 'watch', id: 2, target: 'e1', deathPact: false }, read(3)));
    expect(shown(watched)).toEqual(['e0: handled 2 on 0 at r0', 'e0: handled 3 on 0 at r0', 'e0: callback 3.0 sees 0', 'e0: callback 2.0 sees 0']);
  });
});

describe('DS-19: passivation and abrupt stops', () => {
  it('lets passivation wait for the write, its side effects and the commands held before it, and discards what follows', () => {
    const { state } = play([spawn('e0'), send('e0', add(1, 2, ['run']), read(2), { kind: 'passivate', id: 3 }, read(4))]);
    expect(state.entities.e0!.mailbox.map((c) => c.kind)).toEqual(['read', 'passivate']);
    const later = predictDurable(state, send('e0', read(5)));
    expect(later.expected.events).toEqual([]);
    expect(later.exercised).toContain('DS-19');
    const landed = predictDurable(later.next, { op: 'advance', ms: 5 });
    expect(shown(landed)).toEqual([
      'store/p-e0: upsert r1 ok',
      'e0: callback 1.0 sees 2',
      'e0: handled 2 on 2 at r1',
      'e0: callback 2.0 sees 2',
      'e0: PostStop',
    ]);
    // PostStop comes after the write it waited for.
    expect(landed.expected.before).toContainEqual([0, 4]);
    expect(landed.next.entities.e0).toBeUndefined();
  });

  it('runs nothing of the write an abrupt stop interrupts, and leaves old or new state to the next incarnation', () => {
    const { state } = play([spawn('e0', 'p'), send('e0', add(1, 2, ['run', 'reply']), read(2))]);
    const halted = predictDurable(state, { op: 'halt', path: 'e0', id: 3 });
    expect(shown(halted)).toEqual(['e0: PostStop']);
    expect(halted.exercised).toEqual(expect.arrayContaining(['DS-18', 'DS-19']));
    const landed = predictDurable(halted.next, { op: 'advance', ms: 5 });
    expect(shown(landed)).toEqual(['store/p: upsert r1 ok (optional)']);
    for (const [observed, recovered] of [
      [landed.expected.events.map((e) => e.event), 'e1: recovered 2 at r1'],
      [[] as HistoryEvent[], 'e1: recovered 0 at r0'],
    ] as const) {
      const next = predictDurable(resolveDurable(landed.next, observed), spawn('e1', 'p'));
      expect(shown(next)).toEqual([recovered]);
    }
  });

  it('accepts either outcome of the orphan write in the history check', () => {
    const { state } = play([spawn('e0', 'p'), send('e0', add(1, 2))]);
    const landed = predictDurable(predictDurable(state, { op: 'halt', path: 'e0', id: 2 }).next, { op: 'advance', ms: 5 });
    expect(checkHistory(landed.expected, []).ok).toBe(true);
    expect(checkHistory(landed.expected, [{ kind: 'write', path: 'store/p', op: 'upsert', revision: 1, ok: true }]).ok).toBe(true);
  });

  it('never takes a halt as part of a burst', () => {
    const { state } = play([spawn('e0')]);
    expect(() => predictDurable(state, send('e0', read(1), { kind: 'halt', id: 2 }))).toThrow(ModelError);
  });
});

describe('DS-20: timers and messages to itself during a write', () => {
  it('holds a message to itself that arrives during a write and handles it on the written state', () => {
    const { last } = play([spawn('e0'), send('e0', { kind: 'later', id: 1, delayMs: 0, command: read(2) }, add(3, 4))]);
    expect(last.exercised).toContain('DS-20');
    const { last: landed } = play([spawn('e0'), send('e0', { kind: 'later', id: 1, delayMs: 0, command: read(2) }, add(3, 4)), { op: 'advance', ms: 5 }]);
    expect(shown(landed)).toEqual(['store/p-e0: upsert r1 ok', 'e0: handled 2 on 4 at r1', 'e0: callback 2.0 sees 4']);
  });

  it('holds a timer message that fires during a write', () => {
    const { state } = play([spawn('e0'), send('e0', { kind: 'later', id: 1, delayMs: 3, command: add(2, 1) }), send('e0', add(3, 4))]);
    const fired = predictDurable(state, { op: 'advance', ms: 4 });
    expect(fired.expected.events).toEqual([]);
    expect(fired.exercised).toContain('DS-20');
    const landed = predictDurable(fired.next, { op: 'advance', ms: 1 });
    expect(shown(landed)).toEqual(['store/p-e0: upsert r1 ok', 'e0: handled 2 on 4 at r1']);
  });

  it('discards a timer message that arrives once passivation waits', () => {
    const { state } = play([spawn('e0'), send('e0', { kind: 'later', id: 1, delayMs: 2, command: read(2) }, add(3, 1), { kind: 'passivate', id: 4 })]);
    const all = predictDurable(state, { op: 'advance', ms: 10 });
    expect(shown(all)).toEqual(['store/p-e0: upsert r1 ok', 'e0: PostStop']);
    expect(all.exercised).toContain('DS-19');
  });
});

describe('the durable model with watches, passivation and timers', () => {
  const command: fc.Arbitrary<EntityCommand> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), id: fc.constant(0), by: fc.integer({ min: 1, max: 5 }), then: fc.constant([]) }),
    fc.record({ kind: fc.constant('read' as const), id: fc.constant(0) }),
    fc.record({ kind: fc.constant('passivate' as const), id: fc.constant(0) }),
    fc.record({ kind: fc.constant('watch' as const), id: fc.constant(0), target: fc.constantFrom('e0', 'e1', 'e2'), deathPact: fc.boolean() }),
    fc.record({ kind: fc.constant('later' as const), id: fc.constant(0), delayMs: fc.nat({ max: 8 }), command: fc.constant(read(0)) }),
  );
  const operation: fc.Arbitrary<DurableOperation> = fc.oneof(
    fc.record({ op: fc.constant('send' as const), path: fc.constantFrom('e0', 'e1', 'e2'), commands: fc.array(command, { minLength: 1, maxLength: 3 }) }),
    fc.record({ op: fc.constant('halt' as const), path: fc.constantFrom('e0', 'e1', 'e2'), id: fc.constant(0) }),
    fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 9 }) }),
  );

  it('never handles a command twice, never after its entity stopped, and settles everything once time runs out', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 12 }), (operations) => {
        let id = 1;
        const numbered = operations.map((o): DurableOperation =>
          o.op === 'send'
            ? { ...o, commands: o.commands.map((c) => (c.kind === 'later' ? { ...c, id: id++, command: { ...c.command, id: id++ } } : { ...c, id: id++ })) }
            : o.op === 'halt'
              ? { ...o, id: id++ }
              : o,
        );
        const { state } = play([spawn('e0'), spawn('e1'), spawn('e2'), ...numbered, { op: 'advance', ms: 100 }]);
        const handled: number[] = [];
        const stopped = new Set<string>();
        let replay = initialDurableState(5);
        for (const operation of [spawn('e0'), spawn('e1'), spawn('e2'), ...numbered]) {
          const p = predictDurable(replay, operation);
          for (const { event } of p.expected.events) {
            if (event.kind === 'handled') {
              expect(stopped.has(event.path), `${event.path} handled a command after it stopped`).toBe(false);
              handled.push(event.id);
            }
            if (event.kind === 'signal' && event.signal === 'PostStop') stopped.add(event.path);
          }
          replay = resolveDurable(p.next, p.expected.events.filter((e) => !e.optional).map((e) => e.event));
        }
        expect(new Set(handled).size).toBe(handled.length);
        expect(state.orphans).toEqual([]);
        for (const entity of Object.values(state.entities)) {
          expect(entity.inFlight).toBeNull();
          expect(entity.timers).toEqual([]);
          expect(entity.mailbox).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
