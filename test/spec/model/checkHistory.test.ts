import { describe, expect, it } from 'vitest';
import { checkHistory, type ExpectedHistory, type HistoryEvent } from '../../../spec/model/index.js';

const ok: HistoryEvent = { kind: 'write', path: 'store/d0', op: 'upsert', revision: 1, ok: true };
const failed: HistoryEvent = { kind: 'write', path: 'store/d0', op: 'upsert', revision: 1, ok: false };
const postStop: HistoryEvent = { kind: 'signal', path: 'e1', signal: 'PostStop' };

// Two orphan writes that may land or not, then a required write equal to the second orphan's
// (seed 1996985902 of durable-state.signals-during-writes): ok?, FAILED?, FAILED, PostStop.
const expected: ExpectedHistory = {
  events: [{ event: ok, optional: true }, { event: failed, optional: true }, { event: failed }, { event: postStop }],
  before: [
    [0, 1],
    [1, 2],
    [2, 3],
  ],
};

describe('checkHistory: equal events, an optional one before a required one', () => {
  it('pairs the first of two equal events with the optional predecessor', () => {
    expect(checkHistory(expected, [ok, failed, failed, postStop]).problems).toEqual([]);
  });

  it('pairs a single event with the required candidate', () => {
    expect(checkHistory(expected, [ok, failed, postStop]).problems).toEqual([]);
    expect(checkHistory(expected, [failed, postStop]).problems).toEqual([]);
  });

  it('still reports a missing required event and an extra one', () => {
    expect(checkHistory(expected, [ok, postStop]).ok).toBe(false);
    expect(checkHistory(expected, [ok, failed, failed, failed, postStop]).ok).toBe(false);
  });
});
