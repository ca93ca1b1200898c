import { describe, expect, it } from 'vitest';
import { checkLookups, type ExpectedLookup, type ExtensionLookup } from '../../../../spec/model/index.js';

const expected = (site: ExpectedLookup['site'], optional = false): ExpectedLookup => ({ path: 'h0', site, id: 'x', optional });
const seen = (site: ExtensionLookup['site'], same = true): ExtensionLookup => ({ path: 'h0', site, id: 'x', same });

describe('checkLookups', () => {
  it('HOOK-08 accepts the expected lookups in any order, each handed the registered instance', () => {
    expect(checkLookups([expected('preStart'), expected('receive')], [seen('receive'), seen('preStart')])).toEqual([]);
  });

  it('HOOK-08 rejects another instance, a missing lookup and an extra one', () => {
    expect(checkLookups([expected('receive')], [seen('receive', false)])).toEqual(['h0: receive looked up x (ANOTHER INSTANCE): not the instance registered at system creation']);
    expect(checkLookups([expected('receive')], [])).toEqual(['missing lookup: h0: receive looked up x']);
    expect(checkLookups([], [seen('postStop')])).toEqual(['unexpected lookup: h0: postStop looked up x']);
  });

  it('lets optional lookups be missing but never counts one twice', () => {
    expect(checkLookups([expected('postStop', true)], [])).toEqual([]);
    expect(checkLookups([expected('postStop', true), expected('postStop')], [seen('postStop')])).toEqual([]);
    expect(checkLookups([expected('postStop', true)], [seen('postStop'), seen('postStop')])).toEqual(['unexpected lookup: h0: postStop looked up x']);
  });
});
