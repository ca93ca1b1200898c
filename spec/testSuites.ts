/**
 * The public test suites that `pekko-test` sources name by a short tag (`SupSpec "…"`), with
 * the file each tag stands for, and the GoAkt test files that `goakt-test` sources name by path.
 * Paths are in apache/pekko unless they name another repository.
 *
 * @packageDocumentation
 */

const typed = 'actor-typed-tests/src/test/scala/org/apache/pekko/actor/typed/';
const state = 'persistence-typed-tests/src/test/scala/org/apache/pekko/persistence/typed/state/scaladsl/';

/** Where one upstream suite lives: repository, path and, when a file holds several suites, the class. */
export interface UpstreamSuite {
  readonly repo: string;
  readonly path: string;
  /** The Scala classes of the file whose tests belong to this tag; all of the file's when absent. */
  readonly classes?: readonly string[];
}

const pekko = (path: string, classes?: readonly string[]): UpstreamSuite => ({
  repo: 'apache/pekko',
  path,
  ...(classes === undefined ? {} : { classes }),
});

/** Test-suite tags and where each suite lives. */
export const upstreamSuites = {
  SupSpec: pekko(`${typed}SupervisionSpec.scala`),
  WatchSpec: pekko(`${typed}WatchSpec.scala`),
  CtxSpec: pekko(`${typed}ActorContextSpec.scala`),
  TimerSpec: pekko(`${typed}TimerSpec.scala`),
  BehaviorSpec: pekko(`${typed}BehaviorSpec.scala`),
  InterceptSpec: pekko(`${typed}InterceptSpec.scala`),
  StopSpec: pekko(`${typed}scaladsl/StopSpec.scala`),
  GStop: pekko(`${typed}scaladsl/GracefulStopSpec.scala`),
  SBSpec: pekko(`${typed}scaladsl/StashBufferSpec.scala`),
  StashSpec: pekko(`${typed}scaladsl/StashSpec.scala`, ['AbstractStashSpec']),
  Unstash: pekko(`${typed}scaladsl/StashSpec.scala`, ['UnstashingSpec']),
  PipeToSelf: pekko(`${typed}scaladsl/ActorContextPipeToSelfSpec.scala`),
  CtxAsk: pekko(`${typed}scaladsl/ActorContextAskSpec.scala`),
  MsgAdapter: pekko(`${typed}scaladsl/MessageAdapterSpec.scala`),
  DSBSpec: pekko(`${state}DurableStateBehaviorSpec.scala`),
  DSReply: pekko(`${state}DurableStateBehaviorReplySpec.scala`),
  DSRev: pekko(`${state}DurableStateRevisionSpec.scala`),
  DSOvf: pekko(`${state}DurableStateBehaviorStashOverflowSpec.scala`),
  DSTimer: pekko(`${state}DurableStateBehaviorTimersSpec.scala`),
  DSIntercept: pekko(`${state}DurableStateBehaviorInterceptorSpec.scala`),
  NullEmpty: pekko(`${state}NullEmptyStateSpec.scala`),
  Primitive: pekko(`${state}PrimitiveStateSpec.scala`),
  RuntimeStore: pekko(`${state}RuntimeDurableStateStoreSpec.scala`),
  TCK: pekko('persistence-tck/src/main/scala/org/apache/pekko/persistence/state/DurableStateStoreSpec.scala'),
  TkStoreSpec: pekko(
    'persistence-testkit/src/test/scala/org/apache/pekko/persistence/testkit/state/scaladsl/PersistenceTestKitDurableStateStoreSpec.scala',
  ),
  R2: {
    repo: 'apache/pekko-persistence-r2dbc',
    path: 'core/src/test/scala/org/apache/pekko/persistence/r2dbc/state/DurableStateStoreSpec.scala',
  },
} as const satisfies Record<string, UpstreamSuite>;

/** A test-suite tag. */
export type TestSuiteTag = keyof typeof upstreamSuites;

/** Test-suite tags and the file each names, as one line of text. */
export const testSuites: Readonly<Record<TestSuiteTag, string>> = Object.fromEntries(
  Object.entries(upstreamSuites).map(([tag, suite]: [string, UpstreamSuite]) => [tag, describeSuite(suite)]),
) as Record<TestSuiteTag, string>;

function describeSuite(suite: UpstreamSuite): string {
  const where = suite.repo === 'apache/pekko' ? suite.path : `${suite.repo}:${suite.path}`;
  return suite.classes === undefined ? where : `${where} (class ${suite.classes.join(', ')})`;
}

/** The GoAkt test files that `goakt-test` sources name (`"<path> <Test> / <subtest>"`). */
export const goaktTestFiles = [
  'actor/pid_test.go',
  'actor/stash_test.go',
  'actor/context_test.go',
  'actor/receive_context_test.go',
  'actor/actor_system_test.go',
  'testkit/probe_test.go',
] as const;

/** The suite tag a `pekko-test` reference starts with, or `undefined` when it names no known suite. */
export function testSuiteOf(ref: string): TestSuiteTag | undefined {
  const tag = /^[A-Za-z0-9]+/.exec(ref)?.[0];
  return tag !== undefined && Object.hasOwn(upstreamSuites, tag) ? (tag as TestSuiteTag) : undefined;
}
