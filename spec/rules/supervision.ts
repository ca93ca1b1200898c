import type { Rule } from '../Rule.js';
import { allows, rulesOf, src } from '../_internals/defineRule.js';

const rule = rulesOf('SUP');
const supImpl = 'actor-typed/src/main/scala/org/apache/pekko/actor/typed/internal/Supervision.scala';
const supStrat = 'actor-typed/src/main/scala/org/apache/pekko/actor/typed/SupervisorStrategy.scala';

/** Supervision rules (SUP). */
export const supervisionRules: readonly Rule[] = [
  rule({
    id: 'SUP-01',
    slug: 'supervision.default.stop',
    level: 'MUST',
    title: 'Without supervision a failure stops the actor',
    statement:
      'An actor without a supervisor strategy stops when its handler throws a non-fatal error: it receives PostStop and handles no further message.',
    capabilities: ['lifecycle.post-stop'],
    sources: [src.seed('S003'), src.pekkoTest('SupSpec "default to stop when no strategy"')],
    hints: [
      'Is the default strategy restart (the classic-actor default) instead of stop?',
      'Is the error swallowed so the actor keeps running?',
    ],
  }),
  rule({
    id: 'SUP-02',
    slug: 'supervision.resume.keeps-state',
    level: 'MUST',
    title: 'Resume drops the failing message and keeps state',
    statement:
      'Under resume, the message whose handling failed is dropped, the current behavior and its state are kept, no lifecycle signal is delivered, and the next message is handled normally.',
    capabilities: ['supervision.resume'],
    sources: [
      src.seed('S003'),
      src.pekkoTest('SupSpec "resume when handled exception"'),
      src.pekkoTest('CtxSpec "not reset behavior upon resume"'),
    ],
    hints: [
      'Is the behavior reset to its initial value on resume?',
      'Is the failing message retried?',
    ],
  }),
  rule({
    id: 'SUP-03',
    slug: 'supervision.restart.reinstalls-initial',
    level: 'MUST',
    title: 'Restart reinstalls the supervised behavior without redelivery',
    statement:
      'Under restart, the behavior originally passed to the supervisor is installed again (its setup runs again) and all state held by the failed behavior is discarded; the failing message is not delivered again.',
    capabilities: ['supervision.restart'],
    sources: [src.seed('S003'), src.pekkoTest('CtxSpec "reset behavior upon restart"')],
    hints: [
      'Is the last returned behavior restarted instead of the one given to supervise?',
      'Is the failing message pushed back into the mailbox?',
    ],
  }),
  rule({
    id: 'SUP-04',
    slug: 'supervision.error-type.subtypes-match',
    level: 'MUST',
    title: 'A strategy for an error type covers its subtypes only',
    statement:
      'A strategy registered for error type E applies to E and its subtypes; an error of any other type is passed to the next enclosing supervisor, or stops the actor when there is none.',
    capabilities: ['supervision.error-type'],
    sources: [
      src.pekkoTest('SupSpec "stop when unhandled exception"'),
      src.pekkoTest('SupSpec "restart when handled exception"'),
    ],
    differences: [
      {
        runtime: 'goakt',
        note: 'Directives are keyed by the exact error type name; an unmatched error without a catch-all directive suspends the actor.',
      },
    ],
    hints: [
      'Is matching done by exact constructor instead of instanceof?',
      'Does an unmatched error get the strategy anyway?',
    ],
  }),
  rule({
    id: 'SUP-05',
    slug: 'supervision.nesting.innermost-wins',
    level: 'MUST',
    title: 'The innermost matching supervisor decides',
    statement:
      'With nested supervisors, the innermost one whose error type matches decides what happens, even when an outer supervisor would be more lenient.',
    capabilities: ['supervision.nesting', 'supervision.error-type'],
    sources: [src.seed('S003'), src.pekkoTest('SupSpec "support nesting exceptions with different strategies"')],
    differences: [
      {
        runtime: 'pekko',
        note: 'From 1.1, a flattened chain of onFailure clauses behaves as nesting with the first declared clause innermost.',
      },
      { runtime: 'akka', note: 'Has no flattened form; supervisors must be nested explicitly.' },
      {
        runtime: 'pekko',
        note: 'Supervisors for the same error type given together at start are merged, the innermost staying (InterceptorImpl.preStart de-duplication), so an exhausted inner limit is not handed to a same-type outer one; the model accepts this and keeping both.',
      },
    ],
    hints: [
      'Are supervisors consulted outermost first?',
      'Is the most lenient matching strategy chosen?',
    ],
  }),
  rule({
    id: 'SUP-06',
    slug: 'supervision.nesting.same-type-replaces',
    level: 'MUST',
    title: 'A new supervisor for the same error type replaces the active one',
    statement:
      'When a handler returns a behavior wrapped in a supervisor for the same error type as a supervisor already active around it, the new strategy replaces the old one instead of being stacked inside it.',
    capabilities: ['supervision.nesting'],
    sources: [src.pekkoTest('SupSpec "replace supervision when new returned behavior catches same exception"')],
    hints: [
      'Does each returned supervised behavior add a new wrapper layer?',
      'Is the strategy compared by error type when a behavior is installed?',
    ],
  }),
  rule({
    id: 'SUP-07',
    slug: 'supervision.restart.limit-window',
    level: 'MUST',
    title: 'Restart limit: at most n restarts per window',
    statement:
      'A restart strategy limited to n restarts within a window restarts at most n times while the window is open; the window opens at the first counted restart and the count resets when it closes. The next failure inside the window is not restarted: it goes to the enclosing supervisor as an unmatched failure would (SUP-04), and without one the actor stops with PostStop. With n = 0 the first failure is not restarted.',
    capabilities: ['supervision.restart-limit', 'time.manual'],
    sources: [
      src.seed('S003'),
      src.pekkoTest('SupSpec "stop after restart retries limit"'),
      src.pekkoTest('SupSpec "reset fixed limit after timeout"'),
      src.pekkoTest('SupSpec "stop at first exception when restart retries limit is 0"'),
      src.goakt('actor/pid.go recordFault'),
      src.goaktTest('actor/pid_test.go TestRecordFault'),
      src.goaktTest('actor/pid_test.go TestSupervisorRestartBudget'),
    ],
    determinism: allows('either outcome for failures at the exact window edge; tests keep failures well inside or outside'),
    differences: [
      { runtime: 'goakt', note: 'An exhausted restart budget suspends the actor instead of stopping it.' },
      {
        runtime: 'goakt',
        note: 'The window slides from the previous fault, not the first: the count resets only when more than the window has passed since the last fault (recordFault), so faults that keep coming closer together than the window never reset it.',
      },
    ],
    hints: [
      'Is the window anchored at the first failure rather than the first counted restart?',
      'Is the count compared with > instead of >=, allowing n+1 restarts?',
      'With an enclosing supervisor: is the failure past the limit handed outwards, or swallowed?',
    ],
  }),
  rule({
    id: 'SUP-08',
    slug: 'supervision.setup-failure.first-start',
    level: 'MUST',
    title: 'A setup failure on first start is retried only by limited strategies',
    statement:
      'When setup throws on the very first start, unlimited restart and resume do not retry: the actor fails to start and stops. A restart strategy with a limit, or with backoff, retries setup and counts each attempt toward its limit.',
    // Only the first sentence needs restart: runtimes without limits are still held to it, and the
    // generators offer limits and backoff only to runtimes that declare them.
    capabilities: ['supervision.restart'],
    sources: [
      src.pekko(supStrat),
      src.pekko(supImpl),
      src.pekkoTest('SupSpec "fail instead of restart when deferred factory throws"'),
      src.pekkoTest('SupSpec "restart.withLimit when deferred factory throws"'),
    ],
    differences: [
      {
        runtime: 'pekko',
        note: 'restart.withLimit(1) does not retry a first start: handleExceptionOnStart gives up when restartCount + 1 >= maxRestarts; the model accepts this and one retry.',
      },
    ],
    hints: [
      'Does unlimited restart loop forever on a setup that always throws?',
      'Are setup retries left out of the restart count?',
    ],
  }),
  rule({
    id: 'SUP-09',
    slug: 'supervision.setup-failure.during-restart',
    level: 'MUST',
    title: 'A setup failure during a restart is handled by the same strategy',
    statement:
      'When setup throws while the actor is being restarted, the same strategy handles that error: it is another restart attempt and counts toward any limit.',
    capabilities: ['supervision.restart'],
    sources: [src.pekkoTest('SupSpec "stop children when restart (with limit) from exception in later setup"')],
    hints: [
      'Is the setup run outside the supervisor on restart, so its error escapes?',
      'Is the restart counter skipped for setup failures?',
    ],
  }),
  rule({
    id: 'SUP-10',
    slug: 'supervision.restart.buffer-during-restart',
    level: 'MUST',
    title: 'Messages during a restart are buffered, overflow is dropped and reported',
    statement:
      'While a restart is in progress (waiting for children to stop, or during a backoff delay) incoming messages and signals are buffered and delivered to the new incarnation in arrival order. Beyond the buffer capacity (1000 by default, configurable) further messages are dropped and each drop is reported.',
    capabilities: ['supervision.restart-buffer'],
    sources: [
      src.pekkoTest('SupSpec "stop children when restarting"'),
      src.pekkoTest('SupSpec "publish dropped messages while backing off and stash is full"'),
      src.pekko('actor-typed/src/main/resources/reference.conf'),
    ],
    differences: [{ runtime: 'goakt', note: 'The mailbox is not preserved across a restart; messages may be lost.' }],
    hints: [
      'Are messages handled by the old behavior while children are still stopping?',
      'Is the buffer unbounded, or are drops silent?',
    ],
  }),
  rule({
    id: 'SUP-11',
    slug: 'supervision.backoff.exponential',
    level: 'MUST',
    title: 'Backoff restart delays grow exponentially and reset',
    statement:
      'Restart with backoff (min, max, random factor) delays the n-th consecutive restart by min(max, min * 2^n) scaled by 1 plus a random amount up to the factor; the count resets after a fault-free period (by default halfway between min and max); with a maximum number of restarts m the actor stops after m restarts.',
    capabilities: ['supervision.backoff', 'time.manual'],
    sources: [
      src.pekko(supStrat),
      src.pekkoTest('SupSpec "restart after exponential backoff"'),
      src.pekkoTest('SupSpec "reset exponential backoff count after reset timeout"'),
      src.pekkoTest('SupSpec "fail if reaching maximum number of restarts with backoff"'),
    ],
    determinism: allows('any delay within the jitter range when the random factor is above 0; tests use factor 0'),
    hints: [
      'Is the exponent off by one (first delay 2*min)?',
      'Is the delay capped at max before the jitter is applied?',
      'Does the reset timer start at the restart instead of after the last failure?',
    ],
  }),
  rule({
    id: 'SUP-12',
    slug: 'supervision.restart.ordering',
    level: 'MUST',
    title: 'Restart order: PreRestart, children stop, setup, buffered messages',
    statement:
      'A restart proceeds in this order: PreRestart is delivered; every child is stopped and its termination awaited (children receive PostStop); setup runs again; then buffered messages are released.',
    capabilities: ['supervision.restart', 'lifecycle.pre-restart'],
    sources: [src.seed('S003'), src.pekkoTest('SupSpec "stop children when restarting"'), src.pekko(supImpl)],
    differences: [{ runtime: 'goakt', note: 'A restart rebuilds the child subtree instead of stopping the children (see HOOK-07).' }],
    hints: [
      'Does setup run before the children have finished stopping?',
      'Are buffered messages released before the new setup completed?',
    ],
  }),
  rule({
    id: 'SUP-13',
    slug: 'supervision.restart.keep-children',
    level: 'MUST',
    title: 'Restart can keep children running',
    statement:
      'A restart configured not to stop children keeps every child running with its state and identity: the same child reference stays valid and no child receives PostStop.',
    capabilities: ['supervision.stop-children-toggle'],
    sources: [src.seed('S003'), src.pekkoTest('SupSpec "optionally NOT stop children when restarting"')],
    hints: [
      'Is the option ignored and children stopped anyway?',
      'Does the new setup spawn a child with the same name and collide?',
    ],
  }),
  rule({
    id: 'SUP-14',
    slug: 'supervision.signals-and-adapters',
    level: 'MUST',
    title: 'Errors in signal handlers and adapter functions are supervised',
    statement:
      'An error thrown while handling a signal (such as a termination notice) or inside a message-adapter or pipe-to-self mapping function is handled by the supervisor exactly like an error thrown by the message handler.',
    capabilities: ['supervision.restart', 'watch'],
    sources: [
      src.pekko(supImpl),
      src.pekkoTest('SupSpec "apply supervision to adapter function"'),
      src.pekkoTest('SupSpec "apply the right nested supervision"'),
    ],
    hints: [
      'Is only the message path wrapped by the supervisor, not the signal path?',
      'Do adapter functions run outside the actor and escape supervision?',
    ],
  }),
  rule({
    id: 'SUP-15',
    slug: 'supervision.stopped-is-final',
    level: 'MUST',
    title: 'A supervised stopped behavior stops under every strategy',
    statement:
      'A supervised behavior that is stopped initially, returns stopped from setup, or returns stopped after a restart stops the actor; no strategy restarts it.',
    capabilities: ['supervision.restart'],
    sources: [src.pekkoTest('SupSpec "Supervision with the strategy $strategy / that is initially stopped should be stopped"')],
    hints: [
      'Is a stop treated as a failure and restarted?',
      'Does the supervisor wrapper hide the stopped marker?',
    ],
  }),
];
