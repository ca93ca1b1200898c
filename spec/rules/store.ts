import type { Rule } from '../Rule.js';
import { allows, rulesOf, src } from '../_internals/defineRule.js';

const rule = rulesOf('STORE');
const testkitSkipsChecks = {
  runtime: 'pekko',
  note: 'The Pekko testkit store does not check revisions; the Pekko TCK makes the check optional; the R2DBC store enforces it.',
} as const;

/** Durable-state store contract rules (STORE), checked through the store plugin adapter. */
export const storeRules: readonly Rule[] = [
  rule({
    id: 'STORE-01',
    slug: 'store.get.unknown-id',
    level: 'MUST',
    title: 'Reading an unknown id yields nothing at revision 0',
    statement: 'Reading an id that was never written returns no value and revision 0.',
    capabilities: ['store'],
    sources: [src.pekkoTest('TCK "not find a non-existing object"'), src.pekkoTest('R2 "produce None when fetching a non-existing key"')],
    hints: ['Does the read throw for a missing id instead of returning an empty result?'],
  }),
  rule({
    id: 'STORE-02',
    slug: 'store.upsert.read-back',
    level: 'MUST',
    title: 'An upsert is read back with its revision',
    statement:
      'After upserting value v at revision 1 a read returns v with revision 1; after upserting v2 at revision n + 1 over revision n a read returns v2 with revision n + 1.',
    capabilities: ['store'],
    sources: [
      src.pekkoTest('TCK "persist a state and retrieve it"'),
      src.pekkoTest('TCK "update a state"'),
      src.akka('akka-persistence/src/main/scala/akka/persistence/state/scaladsl/DurableStateUpdateStore.scala'),
    ],
    hints: ['Is the stored revision the one passed in, or a counter of its own?', 'Is the value copied so later mutation does not leak in?'],
  }),
  rule({
    id: 'STORE-03',
    slug: 'store.ids.independent',
    level: 'MUST',
    title: 'Different ids are independent',
    statement: 'Writes and deletes for one id never change what is read for another id.',
    capabilities: ['store'],
    sources: [src.pekkoTest('TCK "handle different persistence IDs independently"')],
    hints: ['Is the key derived from a prefix that two ids can share?'],
  }),
  rule({
    id: 'STORE-04',
    slug: 'store.upsert.revision-check',
    level: 'SHOULD',
    title: 'An upsert at the wrong revision is rejected without change',
    statement:
      'An upsert whose revision is not the current revision plus one (including a second insert at revision 1) fails and leaves the stored value and revision unchanged.',
    capabilities: ['store', 'store.revision-check'],
    sources: [src.seed('S001'), src.pekkoTest('TCK "fail to upsert a state when the revision is stale"'), src.pekkoTest('R2 "detect and reject concurrent updates"')],
    differences: [testkitSkipsChecks],
    hints: ['Is the comparison done outside the same transaction as the write?', 'Is a second insert at revision 1 accepted?'],
  }),
  rule({
    id: 'STORE-05',
    slug: 'store.delete.soft',
    level: 'MUST',
    title: 'Delete at revision + 1 is a soft delete',
    statement:
      'Deleting at the current revision plus one r removes the value but keeps the revision: a read returns no value with revision r, and a later upsert at r + 1 succeeds.',
    capabilities: ['store'],
    sources: [src.pekkoTest('R2 "delete payload but keep revision"'), src.pekkoTest('TCK "upsert again after a deletion"')],
    hints: ['Is the row removed entirely, losing the revision?', 'Is an upsert after a delete rejected as a duplicate insert?'],
  }),
  rule({
    id: 'STORE-06',
    slug: 'store.delete.revision-check',
    level: 'SHOULD',
    title: 'A delete at the wrong revision is rejected without change',
    statement: 'A delete whose revision is not the current revision plus one fails and leaves the stored value and revision unchanged.',
    capabilities: ['store', 'store.delete-revision-check'],
    sources: [
      src.akka('akka-persistence/src/main/scala/akka/persistence/state/scaladsl/DurableStateUpdateStore.scala'),
      src.pekkoTest('R2 "detect and reject concurrent deletes"'),
      src.pekkoTest('TCK "fail to delete a state when the revision does not match"'),
    ],
    differences: [testkitSkipsChecks],
    hints: ['Is the delete revision ignored?'],
  }),
  rule({
    id: 'STORE-07',
    slug: 'store.delete.hard',
    level: 'MAY',
    title: 'A hard delete forgets value and revision',
    statement: 'A store may offer a hard delete; after it, a read returns no value and revision 0.',
    capabilities: ['store', 'store.hard-delete'],
    sources: [src.pekkoTest('R2 "support deletions"'), src.pekkoTest('R2 "hard delete when revision=0"')],
    differences: [{ runtime: 'pekko', note: 'The testkit store treats the deprecated hard delete as a no-op.' }],
    hints: ['Does the hard delete leave a tombstone revision behind?'],
  }),
  rule({
    id: 'STORE-08',
    slug: 'store.delete.unknown-id',
    level: 'MAY',
    title: 'Deleting an unknown id: tombstone or no-op',
    statement:
      'Deleting an id that was never written may either record a tombstone (a read returns no value with the delete revision) or be ignored (a read returns no value with revision 0); the suite accepts both unless the adapter fixes one.',
    capabilities: ['store'],
    sources: [src.pekkoTest('R2 "update revision when deleting"'), src.pekko('persistence-testkit/src/main/scala/org/apache/pekko/persistence/testkit/state/scaladsl/PersistenceTestKitDurableStateStore.scala')],
    determinism: allows('a tombstone at the delete revision, or revision 0'),
    hints: ['Does the delete of an unknown id throw?', 'Is the result something other than the two allowed outcomes?'],
  }),
  rule({
    id: 'STORE-09',
    slug: 'store.failure.invisible',
    level: 'MUST',
    title: 'A failed write leaves no trace',
    statement: 'An upsert or delete that fails leaves no visible effect: no partial state and no entry in any change stream.',
    capabilities: ['store'],
    sources: [
      src.pekkoTest('TCK "fail to upsert a state when the revision is stale"'),
      src.pekkoTest('TCK "fail to delete a state when the revision does not match"'),
    ],
    hints: ['Is the change-stream entry published before the write is committed?', 'Is a partial write left behind on error?'],
  }),
];
