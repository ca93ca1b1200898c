import { describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../../conformance/_internals/HistoryRecorder.js';
import { realiseErrors } from '../../../conformance/_internals/realiseErrors.js';
import { VirtualClock } from '../../../conformance/_internals/VirtualClock.js';
import { decodeReplayToken, encodeReplayToken, InvalidReplayTokenError } from '../../../conformance/engine/ReplayToken.js';

class RuntimeDeathPact extends Error {}

describe('VirtualClock', () => {
  it('fires timers in due then creation order, one instant at a time', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimer(10, () => fired.push('b@10'));
    clock.setTimer(5, () => fired.push('a@5'));
    clock.setTimer(10, () => fired.push('c@10'));
    clock.setTimer(20, () => fired.push('d@20')).cancel();
    expect(clock.nextDue()).toBe(5);
    clock.fireUntil(5);
    expect(fired).toEqual(['a@5']);
    expect(clock.nextDue()).toBe(10);
    clock.fireUntil(10);
    expect(fired).toEqual(['a@5', 'b@10', 'c@10']);
    expect(clock.nextDue()).toBeUndefined();
  });

  it('runs a timer a callback creates for the same instant within the same step', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimer(3, () => clock.setTimer(0, () => fired.push(clock.now())));
    clock.fireUntil(3);
    expect(fired).toEqual([3]);
  });
});

describe('realiseErrors', () => {
  const errors = realiseErrors([{ name: 'E0' }, { name: 'E1', parent: 'E0' }], { DeathPact: RuntimeDeathPact });

  it('realises the hierarchy as real subclasses', () => {
    const e1 = errors.create('E1');
    expect(e1).toBeInstanceOf(errors.classOf('E0'));
    expect(e1).toBeInstanceOf(Error);
    expect(errors.create('E0')).not.toBeInstanceOf(errors.classOf('E1'));
    expect(e1.name).toBe('E1');
  });

  it('names caught errors: hierarchy names, runtime kinds, then constructor names', () => {
    expect(errors.nameOf(errors.create('E1'))).toBe('E1');
    expect(errors.nameOf(new RuntimeDeathPact())).toBe('DeathPact');
    expect(errors.nameOf(new RangeError('x'))).toBe('RangeError');
    expect(() => errors.classOf('E9')).toThrow(/no error class named E9/);
  });

  it('refuses a hierarchy whose parent is declared later', () => {
    expect(() => realiseErrors([{ name: 'E1', parent: 'E0' }, { name: 'E0' }], {})).toThrow(/not declared before it/);
  });
});

describe('HistoryRecorder', () => {
  it('numbers setups per path and throws the armed failures in order', () => {
    const recorder = new HistoryRecorder(realiseErrors([{ name: 'E0' }], {}));
    recorder.armSetupFailure('a', 'E0');
    expect(() => recorder.setupStarted('a')).toThrow('test error E0');
    recorder.setupStarted('a');
    recorder.setupStarted('b');
    expect(recorder.takeNew()).toEqual([
      { kind: 'setup', path: 'a', incarnation: 1 },
      { kind: 'setup', path: 'a', incarnation: 2 },
      { kind: 'setup', path: 'b', incarnation: 1 },
    ]);
    recorder.close();
    recorder.received('a', 1, 0);
    expect(recorder.takeNew()).toEqual([]);
  });
});

describe('replay tokens', () => {
  it('round-trips and rejects what it did not make', () => {
    const data = { family: 'f', adapter: 'a', seed: -12, path: '3:1', replayPath: 'AB:C' };
    expect(decodeReplayToken(encodeReplayToken(data))).toEqual(data);
    expect(() => decodeReplayToken('nope')).toThrow(InvalidReplayTokenError);
    expect(() => decodeReplayToken('acr1.e30')).toThrow(/missing family/);
  });
});
