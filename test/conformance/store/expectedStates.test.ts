import { describe, expect, it } from 'vitest';
import { emptyStoreBelief, type StoreBelief } from '../../../spec/model/store/index.js';
import { expectedStates } from '../../../conformance/store/_internals/expectedStates.js';

const p0 = { value: { n: 1, by: 'w0' }, revision: 1, tag: 't0' };
const belief: StoreBelief = [
  { entities: { p0, p1: { value: undefined, revision: 2, tag: '' } }, log: [] },
  { entities: { p0: { value: { n: 2, by: 'w1' }, revision: 1, tag: 't0' } }, log: [] },
];

describe('what a store failure says was expected', () => {
  it('names the state of the ids a write or read touches, one alternative per allowed state', () => {
    expect(expectedStates(emptyStoreBelief, { op: 'get', id: 'p3' })).toEqual(['a store that held, before it: p3 never written (r0)']);
    expect(expectedStates(belief, { op: 'concurrent', writes: [{ op: 'delete', id: 'p1', revision: 3 }, { op: 'delete', id: 'p0', revision: 2 }] })).toEqual([
      `a store that held, before it: p0 = {"n":1,"by":"w0"} at r1, tag 't0', p1 deleted at r2, tag ''`,
      `p0 = {"n":2,"by":"w1"} at r1, tag 't0', p1 never written (r0)`,
    ]);
  });

  it('names the entities of the queried tag, the untagged ones for tag ""', () => {
    expect(expectedStates(belief, { op: 'query', tag: '', resumeAt: 0 })).toEqual([`a store that held, before it: p1 deleted at r2, tag ''`, 'p1 never written (r0)']);
    expect(expectedStates(emptyStoreBelief, { op: 'query', tag: 't1', resumeAt: 0 })).toEqual(['a store that held, before it: no entity with that tag']);
  });
});
