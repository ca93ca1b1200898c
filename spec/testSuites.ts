/**
 * The public test suites that `pekko-test` sources name by a short tag (`SupSpec "…"`), with
 * the file each tag stands for. Paths are in apache/pekko unless they name another repository.
 *
 * @packageDocumentation
 */

const typed = 'actor-typed-tests/src/test/scala/org/apache/pekko/actor/typed/';
const state = 'persistence-typed-tests/src/test/scala/org/apache/pekko/persistence/typed/state/scaladsl/';

/** Test-suite tags and the file each names. */
export const testSuites = {
  SupSpec: `${typed}SupervisionSpec.scala`,
  WatchSpec: `${typed}WatchSpec.scala`,
  CtxSpec: `${typed}ActorContextSpec.scala`,
  StopSpec: `${typed}scaladsl/StopSpec.scala`,
  GStop: `${typed}scaladsl/GracefulStopSpec.scala`,
  SBSpec: `${typed}scaladsl/StashBufferSpec.scala`,
  StashSpec: `${typed}scaladsl/StashSpec.scala`,
  Unstash: `${typed}scaladsl/StashSpec.scala (class UnstashingSpec)`,
  DSBSpec: `${state}DurableStateBehaviorSpec.scala`,
  DSReply: `${state}DurableStateBehaviorReplySpec.scala`,
  DSRev: `${state}DurableStateRevisionSpec.scala`,
  DSOvf: `${state}DurableStateBehaviorStashOverflowSpec.scala`,
  DSTimer: `${state}DurableStateBehaviorTimersSpec.scala`,
  TCK: 'persistence-tck/src/main/scala/org/apache/pekko/persistence/state/DurableStateStoreSpec.scala',
  TkStoreSpec:
    'persistence-testkit/src/test/scala/org/apache/pekko/persistence/testkit/state/scaladsl/PersistenceTestKitDurableStateStoreSpec.scala',
  R2: 'apache/pekko-persistence-r2dbc:core/src/test/scala/org/apache/pekko/persistence/r2dbc/state/DurableStateStoreSpec.scala',
} as const;

/** A test-suite tag. */
export type TestSuiteTag = keyof typeof testSuites;

/** The suite tag a `pekko-test` reference starts with, or `undefined` when it names no known suite. */
export function testSuiteOf(ref: string): TestSuiteTag | undefined {
  const tag = /^[A-Za-z0-9]+/.exec(ref)?.[0];
  return tag !== undefined && Object.hasOwn(testSuites, tag) ? (tag as TestSuiteTag) : undefined;
}
