import type { Rule } from '../Rule.js';
import { allows, rulesOf, src } from '../_internals/defineRule.js';

const rule = rulesOf('TAG');
const query = src.pekko('persistence-query/src/main/scala/org/apache/pekko/persistence/query/scaladsl/DurableStateStoreQuery.scala');

/** Tagging and change-query rules (TAG), checked through the store plugin adapter. */
export const taggingRules: readonly Rule[] = [
  rule({
    id: 'TAG-01',
    slug: 'tagging.tag.single-per-entity',
    level: 'MUST',
    title: 'An entity has at most one tag, carried by every write',
    statement:
      'A durable-state entity has at most one tag (untagged by default); every upsert carries it, and a delete record keeps the entity’s tag.',
    capabilities: ['durable-state.tags', 'store.tag-queries'],
    sources: [src.seed('S001'), src.pekko('persistence-testkit/src/main/scala/org/apache/pekko/persistence/testkit/state/scaladsl/PersistenceTestKitDurableStateStore.scala')],
    hints: ['Does the delete record lose the tag, so deletes vanish from tag queries?'],
  }),
  rule({
    id: 'TAG-02',
    slug: 'tagging.current-changes.latest-then-complete',
    level: 'MUST',
    title: 'Current changes emit the latest change per id, then complete',
    statement:
      'A finite change query for a tag from the beginning emits, for every id with that tag, at least its latest change as of the start of the query, and then completes.',
    capabilities: ['store.tag-queries'],
    sources: [query, src.pekkoTest('TkStoreSpec "find tagged current state changes ordered by upsert"')],
    determinism: allows('which intermediate revisions appear'),
    hints: ['Does the query miss ids whose latest change is a delete?', 'Does it never complete?'],
  }),
  rule({
    id: 'TAG-03',
    slug: 'tagging.live-changes.eventually-latest',
    level: 'MUST',
    title: 'Live changes never complete and eventually emit the latest change',
    statement:
      'A live change query for a tag never completes and eventually emits the latest change of each object; intermediate changes may be skipped.',
    capabilities: ['store.tag-queries', 'store.live-changes'],
    sources: [query],
    determinism: allows('skipped intermediate changes'),
    hints: ['Does the live query stop after catching up?', 'Is a change written during catch-up lost?'],
  }),
  rule({
    id: 'TAG-04',
    slug: 'tagging.offsets.monotonic-resumable',
    level: 'MUST',
    title: 'Offsets are monotonic and resuming loses nothing',
    statement:
      'Offsets never decrease within a stream, and resuming from an emitted offset loses no later change; a store may deliver a change again, so consumers deduplicate on id and revision.',
    capabilities: ['store.tag-queries'],
    sources: [query, src.pekkoTest('TkStoreSpec "find tagged state changes ordered by upsert"')],
    determinism: allows('duplicate deliveries after resuming'),
    hints: ['Is the resume filter >= where > is meant, or the reverse?', 'Are offsets assigned before commit, out of order?'],
  }),
  rule({
    id: 'TAG-05',
    slug: 'tagging.revisions.increasing-and-exact',
    level: 'MUST',
    title: 'Revisions per id increase and values match the store',
    statement:
      'Within one stream the revisions emitted for one id strictly increase, and each emitted update carries exactly the value stored at that revision.',
    capabilities: ['store.tag-queries'],
    sources: [src.pekkoTest('TkStoreSpec "find tagged state changes ordered by upsert"')],
    hints: ['Is the current value emitted with an older revision?'],
  }),
  rule({
    id: 'TAG-06',
    slug: 'tagging.deletes.visible-failures-not',
    level: 'MUST',
    title: 'Soft deletes appear as delete changes; failed writes never appear',
    statement:
      'A soft delete appears in the change stream as a deleted change with the delete’s revision; a failed write never appears.',
    capabilities: ['store.tag-queries'],
    sources: [
      src.pekko('persistence-query/src/main/scala/org/apache/pekko/persistence/query/DurableStateChange.scala'),
      src.pekkoTest('TkStoreSpec "find tagged state changes for deleted object"'),
    ],
    hints: ['Is a delete published as an update with an empty value?', 'Is the change published before the write commits?'],
  }),
  rule({
    id: 'TAG-07',
    slug: 'tagging.queries.optional',
    level: 'MAY',
    title: 'Tag queries are an optional store capability',
    statement:
      'A store may offer no tag queries; an adapter that does not declare them has every tag-query rule skipped with a reason instead of failed.',
    capabilities: ['store'],
    sources: [src.docs('doc.akka.io API page for R2dbcDurableStateStore')],
    differences: [{ runtime: 'akka', note: 'The R2DBC store offers only by-slice queries, no tag queries.' }],
    hints: ['Does the adapter declare store.tag-queries although the store has none?'],
  }),
];
