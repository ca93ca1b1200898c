/** Red-team: nested supervision stacks with limits against a small model (catalog hard cases 9 and 11). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { ActorRef } from '../../../src/ActorRef.js';
import type { Behavior } from '../../../src/Behavior.js';
import { Behaviors } from '../../../src/Behaviors.js';
import { PostStop, PreRestart } from '../../../src/Signal.js';
import { SupervisorStrategy } from '../../../src/SupervisorStrategy.js';
import { testKit } from '../fixtures.js';

class Exc1 extends Error {}
class Exc2 extends Exc1 {}
class Other extends Error {}

const classes = [Error, Exc1, Exc2, Other] as const;
const thrown = { exc1: Exc1, exc2: Exc2, other: Other } as const;
type Kind = 'stop' | 'resume' | 'restart' | 'limit1' | 'limit2';
interface Layer {
  readonly cls: number;
  readonly kind: Kind;
}
type Op = 'inc' | keyof typeof thrown;

function strategyOf(kind: Kind) {
  if (kind === 'stop') return SupervisorStrategy.stop();
  if (kind === 'resume') return SupervisorStrategy.resume();
  if (kind === 'restart') return SupervisorStrategy.restart();
  return SupervisorStrategy.restart().withLimit(kind === 'limit1' ? 1 : 2, 1_000_000);
}

/** A counter that throws the named error class and reports restarts and stops. */
function leaf(log: ActorRef<string>, count = 0): Behavior<string> {
  return Behaviors.receiveMessage<string>((message) => {
    if (message === 'inc') return leaf(log, count + 1);
    if (message === 'get') log.tell(`count:${count}`);
    else if (message in thrown) throw new thrown[message as keyof typeof thrown]();
    return Behaviors.same();
  }).receiveSignal((_c, signal) => {
    if (signal === PreRestart || signal === PostStop) log.tell(signal.signalName);
    return Behaviors.same();
  });
}

/**
 * The model: the innermost matching layer decides; a limited restart over its limit passes
 * the failure outwards (Pekko rethrows); a restart by layer i re-creates the layers inside
 * it (their counts start over) and resets the counter; no matching layer left: stop.
 */
function expectedLog(stack: ReadonlyArray<Layer>, ops: ReadonlyArray<Op>): string[] {
  const counts = stack.map(() => 0);
  let value = 0;
  const out: string[] = [];
  for (const op of ops) {
    if (op === 'inc') {
      value++;
      continue;
    }
    const error = new thrown[op]();
    let decision: 'stop' | 'resume' | { restartAt: number } = 'stop';
    for (let i = 0; i < stack.length; i++) {
      const layer = stack[i] as Layer;
      if (!(error instanceof (classes[layer.cls] as typeof Error))) continue;
      if (layer.kind === 'stop' || layer.kind === 'resume') {
        decision = layer.kind;
        break;
      }
      if (layer.kind !== 'restart') {
        counts[i] = (counts[i] as number) + 1;
        if ((counts[i] as number) > (layer.kind === 'limit1' ? 1 : 2)) continue;
      }
      decision = { restartAt: i };
      break;
    }
    if (decision === 'stop') {
      out.push('PostStop');
      return out;
    }
    if (decision !== 'resume') {
      for (let j = 0; j < decision.restartAt; j++) counts[j] = 0;
      value = 0;
      out.push('PreRestart');
    }
    out.push(`count:${value}`);
  }
  return out;
}

describe('red team: supervision model', () => {
  it('SUP-05 property: nested stacks with stop, resume, restart and restart.withLimit agree with the model (limits pass failures outwards)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ cls: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom<Kind>('stop', 'resume', 'restart', 'limit1', 'limit2') }), { maxLength: 4 }),
        fc.array(fc.constantFrom<Op>('inc', 'exc1', 'exc2', 'other'), { minLength: 1, maxLength: 10 }),
        async (stack, ops) => {
          const kit = testKit();
          const log = kit.createTestProbe<string>();
          let behavior: Behavior<string> = leaf(log.ref);
          for (const layer of stack) {
            behavior = Behaviors.supervise(behavior).onFailure(classes[layer.cls] as typeof Error, strategyOf(layer.kind));
          }
          const actor = kit.spawn(behavior);
          for (const op of ops) {
            actor.tell(op);
            if (op !== 'inc') actor.tell('get');
          }
          const expected = expectedLog(stack, ops);
          for (const entry of expected) await log.expectMessage(entry);
          await log.expectNoMessage();
          await kit.shutdown();
        },
      ),
      { numRuns: 60 },
    );
  });
});
