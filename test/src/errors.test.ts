import { describe, expect, it } from 'vitest';
import { AskTerminatedError, AskTimeoutError, InvalidAskTimeoutError, StashOverflowError, ThrownValueError } from '../../src/errors.js';
import { InvalidStoreArgumentError, RevisionConflictError } from '../../src/persistence/errors.js';

describe('errors', () => {
  it('are named after their class (set once by the base classes) and carry a stable code', () => {
    const errors = [
      new StashOverflowError(3),
      new AskTimeoutError('/user/a', 100),
      new AskTerminatedError('/user/a', 'system-terminated'),
      new InvalidAskTimeoutError(Number.NaN),
      new ThrownValueError('null', null),
      new RevisionConflictError('p1', 2, 5),
      new InvalidStoreArgumentError('bad offset'),
    ];
    expect(errors.map((e) => [e.name, e.code])).toEqual([
      ['StashOverflowError', 'STASH_OVERFLOW'],
      ['AskTimeoutError', 'ASK_TIMEOUT'],
      ['AskTerminatedError', 'ASK_TERMINATED'],
      ['InvalidAskTimeoutError', 'INVALID_ASK_TIMEOUT'],
      ['ThrownValueError', 'THROWN_VALUE'],
      ['RevisionConflictError', 'REVISION_CONFLICT'],
      ['InvalidStoreArgumentError', 'INVALID_STORE_ARGUMENT'],
    ]);
    for (const error of errors) expect(String(error)).toMatch(new RegExp(`^${error.name}: `));
  });
});
