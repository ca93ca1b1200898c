import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  initialModelState,
  predict,
  predictMatching,
  predictOutcomes,
  type HistoryEvent,
  type ModelState,
  type Operation,
} from '../../../spec/model/index.js';
import { timerNoticeRace } from '../../fixtures/timerNoticeRace.js';

// The two freedoms composed: timers of several actors due at one instant race, and a notice
// that arrives meanwhile may overtake the timer messages still waiting for its watcher (a
// runtime with system-message priority), never a restart buffer's replay.

const received = (path: string, id: number, count: number): HistoryEvent => ({ kind: 'received', path, id, count });
const terminated = (path: string, of: string): HistoryEvent => ({ kind: 'terminated', path, of });
const postStop = (path: string): HistoryEvent => ({ kind: 'signal', path, signal: 'PostStop' });
const setup = (path: string, incarnation: number): HistoryEvent => ({ kind: 'setup', path, incarnation });

function after(ops: readonly Operation[]): ModelState {
  return ops.reduce((state, op) => predict(state, op).next, initialModelState([{ name: 'E0' }]));
}

function accepts(state: ModelState, operation: Operation, observed: readonly HistoryEvent[]) {
  return predictMatching(state, operation, observed, (p) => checkHistory(p.expected, observed).ok);
}

describe('a notice reaching an actor whose timers race another actor’s', () => {
  const state = after(timerNoticeRace);
  const advance: Operation = { op: 'advance', ms: 10 };
  const cStops = [setup('c', 2), postStop('c')];

  it('is accepted behind the timer messages (arrival order, the model’s first outcome)', () => {
    const observed = [received('w', 1, 0), received('w', 2, 1), ...cStops, terminated('w', 'c')];
    expect(checkHistory(predict(state, advance).expected, observed).ok).toBe(true);
    expect(accepts(state, advance, observed)).toBeDefined();
  });

  it('is accepted ahead of timer messages still waiting (system-message priority)', () => {
    const between = [received('w', 1, 0), ...cStops, terminated('w', 'c'), received('w', 2, 1)];
    const ahead = [...cStops, terminated('w', 'c'), received('w', 1, 0), received('w', 2, 1)];
    expect(accepts(state, advance, between), 'between the pings').toBeDefined();
    expect(accepts(state, advance, ahead), 'ahead of both').toBeDefined();
    const outcomes = predictOutcomes(state, advance);
    for (const observed of [between, ahead]) expect(outcomes.some((o) => checkHistory(o.expected, observed).ok)).toBe(true);
  });

  it('still never comes before the stop it reports, nor twice, nor without the pings', () => {
    expect(accepts(state, advance, [terminated('w', 'c'), ...cStops, received('w', 1, 0), received('w', 2, 1)])).toBeUndefined();
    expect(accepts(state, advance, [...cStops, terminated('w', 'c'), received('w', 1, 0), terminated('w', 'c'), received('w', 2, 1)])).toBeUndefined();
    expect(accepts(state, advance, [...cStops, terminated('w', 'c'), received('w', 1, 0)])).toBeUndefined();
    expect(accepts(state, advance, [received('w', 2, 0), received('w', 1, 1), ...cStops, terminated('w', 'c')])).toBeUndefined();
  });
});
