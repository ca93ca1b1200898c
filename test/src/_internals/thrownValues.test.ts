import { describe, expect, it } from 'vitest';
import { describeValue, errorMessage } from '../../../src/_internals/describeValue.js';
import { isInstanceOf, toError } from '../../../src/_internals/thrownValues.js';
import { ThrownValueError } from '../../../src/errors.js';
import { trapEverything } from '../_hostile.js';

const refusing = trapEverything();

describe('thrown values', () => {
  it('describes primitives by value and objects only by kind, never running their code', () => {
    expect(describeValue('boom')).toBe('boom');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    expect(describeValue(12n)).toBe('12n');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue({ toString: () => 'never called' })).toBe('a non-Error object');
    expect(describeValue(refusing)).toBe('a function');
    expect(describeValue(() => 1)).toBe('a function');
    const long = describeValue('x'.repeat(5000));
    expect(long.length).toBeLessThan(1100);
    expect(long).toMatch(/… \(5000 characters\)$/);
  });

  it('reads an error message only inside a try', () => {
    const hidden = new Error('hidden');
    Object.defineProperty(hidden, 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(errorMessage(new Error('plain'))).toBe('plain');
    expect(errorMessage(hidden)).toBe('a value whose message cannot be read');
    expect(errorMessage(refusing)).toBe('a value whose message cannot be read');
    expect(errorMessage('text')).toBe('text');
  });

  it('keeps Errors, wraps anything else with the value untouched, and answers instanceof without throwing', () => {
    const error = new RangeError('r');
    expect(toError(error)).toBe(error);
    const wrapped = toError(refusing);
    expect(wrapped).toBeInstanceOf(ThrownValueError);
    expect((wrapped as ThrownValueError).thrown).toBe(refusing);
    expect(wrapped.cause).toBe(refusing);
    expect(toError('boom').message).toBe('boom');
    expect(isInstanceOf(refusing, Error)).toBe(false);
    expect(isInstanceOf(error, RangeError)).toBe(true);
  });
});
