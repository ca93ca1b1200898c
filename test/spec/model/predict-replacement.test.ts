import { describe, expect, it } from 'vitest';
import {
  describeEvent,
  initialModelState,
  predict,
  type ActorBlueprint,
  type ModelState,
  type Operation,
  type Prediction,
  type SupervisionLayer,
} from '../../../spec/model/index.js';

const hierarchy = [{ name: 'E1' }, { name: 'E2', parent: 'E1' }, { name: 'F' }];

function actor(supervision: SupervisionLayer[]): ActorBlueprint {
  return { name: 'a', supervision, children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 0 };
}

/** Each operation's events, one line per event, after spawning `blueprint`. */
function eventsOf(blueprint: ActorBlueprint, ops: readonly Operation[]): { lines: string[][]; last: Prediction } {
  let state: ModelState = initialModelState(hierarchy);
  const lines: string[][] = [];
  let last: Prediction | undefined;
  for (const op of [{ op: 'spawn', blueprint } as const, ...ops]) {
    last = predict(state, op);
    lines.push(last.expected.events.map((e) => describeEvent(e.event)));
    state = last.next;
  }
  return { lines: lines.slice(1), last: last! };
}

const tell = (command: Extract<Operation, { op: 'tell' }>['command']): Operation => ({ op: 'tell', path: 'a', command });
const supervise = (layer: SupervisionLayer) => tell({ kind: 'supervise', layer });
const fail = (id: number, error = 'E1') => tell({ kind: 'fail', id, error });
const ping = (id: number) => tell({ kind: 'ping', id });
const escalate = { kind: 'restart', limit: { max: 0, withinMs: 100 } } as const;

describe('predict: supervisors added by a handler (SUP-06)', () => {
  it('an added resume for the same error type replaces a restart: the failure resumes, the count is kept', () => {
    const { lines, last } = eventsOf(actor([{ on: 'E1', strategy: { kind: 'restart' } }]), [
      ping(1),
      supervise({ on: 'E1', strategy: { kind: 'resume' } }),
      fail(2),
      ping(3),
    ]);
    expect(lines).toEqual([['a: received ping 1 (count 0)'], [], [], ['a: received ping 3 (count 1)']]);
    expect(last.next.actors.a!.dropped).toEqual([0]);
  });

  it('a replaced supervisor is gone, so a failure the replacement hands on goes past it', () => {
    // Stacked, the restart inside would catch what the limit-0 replacement hands outwards; replaced, nothing does.
    const { lines, last } = eventsOf(actor([{ on: 'E1', strategy: { kind: 'restart' } }]), [supervise({ on: 'E1', strategy: escalate }), fail(1, 'E2')]);
    expect(lines[1]).toEqual(['a: PostStop']);
    expect(last.exercised).toEqual(expect.arrayContaining(['SUP-06', 'SUP-07']));
    expect(last.expected.events[0]!.rules).toEqual(expect.arrayContaining(['SUP-06']));
  });

  it('replaces a same-type supervisor deeper in the stack too, keeping the others around the new one', () => {
    const blueprint = actor([
      { on: 'E1', strategy: { kind: 'resume' } },
      { on: 'any', strategy: { kind: 'restart' } },
    ]);
    const { lines } = eventsOf(blueprint, [
      supervise({ on: 'F', strategy: { kind: 'resume' } }),
      supervise({ on: 'E1', strategy: escalate }),
      fail(1, 'E1'),
      fail(2, 'F'),
    ]);
    // E1: the replacement hands it out, past the replaced resume, to the restart around everything.
    expect(lines[2]).toEqual(['a: PreRestart', 'a: setup #2']);
    // The restart reinstalled what it wraps: the blueprint's E1 resume is back, the added F resume is gone.
    expect(lines[3]).toEqual(['a: PreRestart', 'a: setup #3']);
  });

  it('a supervisor for another error type stacks inside and decides first (SUP-05)', () => {
    const { lines } = eventsOf(actor([{ on: 'E1', strategy: { kind: 'restart' } }]), [supervise({ on: 'E2', strategy: { kind: 'stop' } }), fail(1, 'E2'), ping(2)]);
    expect(lines[1]).toEqual(['a: PostStop']);
    expect(lines[2]).toEqual(['a: dead letter 2']);
  });

  it('refuses an added supervisor that would restart', () => {
    let state: ModelState = initialModelState(hierarchy);
    state = predict(state, { op: 'spawn', blueprint: actor([]) }).next;
    expect(() => predict(state, supervise({ on: 'any', strategy: { kind: 'restart' } }))).toThrow(/limit 0/);
  });
});
