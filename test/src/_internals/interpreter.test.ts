import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import type { Behavior } from '../../../src/Behavior.js';
import { Behaviors } from '../../../src/Behaviors.js';
import { PostStop } from '../../../src/Signal.js';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { testKit } from '../fixtures.js';

// Unrelated classes: a supervisor for one never catches another's errors (no subclass matching here).
class ErrorA extends Error {}
class ErrorB extends Error {}
class ErrorC extends Error {}
const classes = { A: ErrorA, B: ErrorB, C: ErrorC } as const;
type ClassName = keyof typeof classes;

/** `handOn` restarts with limit 0: the supervisor passes every failure to the one around it. */
type Decision = 'resume' | 'stop' | 'handOn';
interface Layer {
  readonly on: ClassName;
  readonly decision: Decision;
}
type Message =
  | { readonly kind: 'fail'; readonly on: ClassName }
  | { readonly kind: 'supervise'; readonly layers: readonly Layer[] }
  | { readonly kind: 'ping'; readonly id: number };

function strategyOf(decision: Decision): SupervisorStrategy {
  if (decision === 'resume') return SupervisorStrategy.resume();
  if (decision === 'stop') return SupervisorStrategy.stop();
  return SupervisorStrategy.restart().withLimit(0, 1000);
}

/** `inner` inside `layers`, innermost first. */
function superviseIn(inner: Behavior<Message>, layers: readonly Layer[]): Behavior<Message> {
  let wrapped = inner;
  for (const layer of layers) wrapped = Behaviors.supervise(wrapped).onFailure(classes[layer.on], strategyOf(layer.decision));
  return wrapped;
}

/** Throws on `fail`, answers `ping`, and on `supervise` returns itself inside the given supervisors. */
function leaf(log: ActorRef<string>): Behavior<Message> {
  const self: Behavior<Message> = Behaviors.receiveMessage<Message>((message) => {
    switch (message.kind) {
      case 'fail':
        throw new classes[message.on]();
      case 'supervise':
        return superviseIn(self, message.layers);
      case 'ping':
        log.tell(`ok:${message.id}`);
        return Behaviors.same();
    }
  }).receiveSignal((_context, signal) => {
    if (signal === PostStop) log.tell('PostStop');
    return Behaviors.same();
  });
  return self;
}

/**
 * Oracle (Pekko's interceptor deduplication): the supervisors a handler returns go innermost and
 * every active one for a class among them leaves the stack, whatever sits in between.
 */
function afterReturn(active: readonly Layer[], returned: readonly Layer[]): Layer[] {
  return [...returned, ...active.filter((layer) => !returned.some((r) => r.on === layer.on))];
}

/** Oracle: whether the actor survives a failure of class `on` (innermost matching supervisor first). */
function survives(active: readonly Layer[], on: ClassName): boolean {
  for (const layer of active) {
    if (layer.on !== on || layer.decision === 'handOn') continue;
    return layer.decision === 'resume';
  }
  return false;
}

/** Runs `commands` against an actor spawned with `blueprint`, checking each failure's outcome against the oracle. */
async function runScenario(blueprint: readonly Layer[], commands: readonly Message[]): Promise<void> {
  const kit = testKit();
  const log = kit.createTestProbe<string>();
  const actor = kit.spawn(superviseIn(leaf(log.ref), blueprint));
  let active: Layer[] = [...blueprint];
  let id = 0;
  for (const command of commands) {
    actor.tell(command);
    if (command.kind === 'supervise') active = afterReturn(active, command.layers);
    if (command.kind !== 'fail') continue;
    // A stopped actor reports PostStop and never answers the ping (it goes to dead letters).
    actor.tell({ kind: 'ping', id });
    const alive = survives(active, command.on);
    expect(await log.receiveMessage()).toBe(alive ? `ok:${id++}` : 'PostStop');
    if (!alive) {
      await log.expectTerminated(actor);
      break;
    }
  }
  await kit.shutdown();
}

const a = (decision: Decision): Layer => ({ on: 'A', decision });
const b = (decision: Decision): Layer => ({ on: 'B', decision });

describe('interpreter: supervisors a handler returns (SUP-06)', () => {
  it('SUP-06 a returned supervisor replaces a same-class one that is not directly around it, keeping the others', async () => {
    // [B resume, A resume] innermost first: the A supervisor sits outside the B one.
    // After the return the stack is [A hand-on, B resume]: the failure handed on reaches B, which
    // does not match, so the actor stops; had the outer A stayed, it would have resumed.
    await runScenario([b('resume'), a('resume')], [
      { kind: 'fail', on: 'B' },
      { kind: 'supervise', layers: [a('handOn')] },
      { kind: 'fail', on: 'B' },
      { kind: 'fail', on: 'A' },
    ]);
  });

  it('SUP-06 a same-class supervisor deep inside a returned chain replaces the active one', async () => {
    // The returned chain is [A hand-on, B resume]: its head supervises B, yet the active A goes.
    await runScenario([a('resume')], [
      { kind: 'supervise', layers: [a('handOn'), b('resume')] },
      { kind: 'fail', on: 'B' },
      { kind: 'fail', on: 'A' },
    ]);
  });

  it('SUP-06 property: after any returns, the stack is the returned supervisors innermost, then the active ones of other classes', async () => {
    // Two of the three classes keep same-class meetings frequent; hand-on supervisors make replacements visible.
    const className = fc.constantFrom<ClassName>('A', 'B', 'C', 'A', 'B');
    // One supervisor per class in a stack built at once: Pekko would already merge duplicates there.
    const layers = (decisions: readonly Decision[], minLength: number) =>
      fc.uniqueArray(fc.record({ on: className, decision: fc.constantFrom(...decisions) }), { minLength, maxLength: 3, selector: (l) => l.on });
    const command: fc.Arbitrary<Message> = fc.oneof(
      fc.record({ kind: fc.constant('fail' as const), on: className }),
      fc.record({ kind: fc.constant('supervise' as const), layers: layers(['handOn', 'handOn', 'resume', 'stop'], 1) }),
    );
    await fc.assert(
      fc.asyncProperty(layers(['resume', 'stop'], 0), fc.array(command, { maxLength: 8 }), runScenario),
      { numRuns: 100 },
    );
  });
});
