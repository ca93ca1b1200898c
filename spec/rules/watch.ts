import type { Rule } from '../Rule.js';
import { allows, rulesOf, src } from '../_internals/defineRule.js';

const rule = rulesOf('WATCH');
const mailbox = 'actor/src/main/scala/org/apache/pekko/dispatch/Mailbox.scala';
const deathWatch = 'actor/src/main/scala/org/apache/pekko/actor/dungeon/DeathWatch.scala';
/** Where a notice lands among the watcher's queued messages is the runtime's (ADAPTERS.md, "Freedoms"). */
const noticePlacement =
  'the notice ahead of, between or behind the messages already waiting for the watcher (a system message, or one mailbox), and notices of different actors in any order unless one stop caused the other';
const terminatedIsMessage = {
  runtime: 'goakt',
  note: 'Terminated is an ordinary message; leaving it unhandled causes no failure.',
} as const;

/** Watch and failure-bubbling rules (WATCH). */
export const watchRules: readonly Rule[] = [
  rule({
    id: 'WATCH-01',
    slug: 'watch.terminated.exactly-once',
    level: 'MUST',
    title: 'One termination notice per watcher, watch is idempotent',
    statement:
      'After a watched actor stops, gracefully or by failure, each watcher receives exactly one termination notice for it, however many times it called watch.',
    capabilities: ['watch'],
    sources: [
      src.pekkoTest('WatchSpec "get notified of graceful actor termination"'),
      src.pekkoTest('WatchSpec "allow idempotent invocations of watch"'),
      src.pekko(mailbox),
    ],
    determinism: allows(noticePlacement),
    hints: ['Is a watcher stored once per watch call (a list instead of a set)?', 'Are failed actors left out of notification?'],
  }),
  rule({
    id: 'WATCH-02',
    slug: 'watch.child-failed.carries-cause',
    level: 'MUST',
    title: 'A watching parent learns the cause of a failed child',
    statement:
      'A parent watching a child that stopped because of a failure receives a child-failed notice (a kind of termination notice) carrying the original error; a graceful stop, and any watcher that is not the parent, gets the plain termination notice.',
    capabilities: ['watch', 'watch.child-failed'],
    sources: [
      src.seed('S003'),
      src.pekkoTest('WatchSpec "notify a parent of child termination because of failure"'),
      src.pekkoTest('WatchSpec "notify a parent of child termination because of failure with a supervisor"'),
    ],
    hints: [
      'Is the failure cause recorded before the child is removed?',
      'Do non-parent watchers get the child-failed notice too?',
    ],
  }),
  rule({
    id: 'WATCH-03',
    slug: 'watch.already-terminated',
    level: 'MUST',
    title: 'Watching a dead actor still yields a termination notice',
    statement: 'Watching an actor that has already stopped delivers its termination notice to the watcher.',
    capabilities: ['watch'],
    sources: [src.pekkoTest('CtxSpec "watch a child actor after its termination"'), src.pekko(deathWatch), src.pekko(mailbox)],
    determinism: allows(`${noticePlacement}; a watch made after that notice was handled is a new watch, with a notice of its own`),
    hints: ['Is watch on a stopped reference a silent no-op?'],
  }),
  rule({
    id: 'WATCH-04',
    slug: 'watch.unwatch.revokes-queued',
    level: 'MUST',
    title: 'After unwatch no notice arrives, even a queued one',
    statement:
      'Once unwatch returns, the watcher receives no termination notice or watch message for that actor, even when the actor had already stopped and the notice was queued.',
    capabilities: ['watch'],
    sources: [
      src.pekkoTest('CtxSpec "unwatch a child actor before its termination"'),
      src.pekko('actor/src/main/scala/org/apache/pekko/actor/dungeon/DeathWatch.scala'),
    ],
    hints: ['Is an already enqueued notice filtered out on delivery after unwatch?'],
  }),
  rule({
    id: 'WATCH-05',
    slug: 'watch.with-message.exclusive',
    level: 'MUST',
    title: 'watchWith delivers the custom message and cannot be silently redefined',
    statement:
      'Watching with a custom message delivers that message instead of the termination notice. Repeating it with the same message is idempotent; a plain watch, or a watch with a different message, on the same actor fails the watcher unless unwatch came first.',
    capabilities: ['watch', 'watch.with-message'],
    sources: [
      src.pekkoTest('WatchSpec "get notified of actor termination with a custom message"'),
      src.pekkoTest('WatchSpec "fail when watch is used after watchWith on same subject"'),
      src.pekkoTest('WatchSpec "allow watch message redefinition using unwatch"'),
    ],
    hints: [
      'Does a second registration silently overwrite the first?',
      'Is the comparison of messages by identity where equality is needed?',
    ],
  }),
  rule({
    id: 'WATCH-06',
    slug: 'watch.death-pact.unhandled-terminated',
    level: 'MUST',
    title: 'An unhandled termination notice fails the watcher (DeathPact)',
    statement:
      'A termination or child-failed notice that the watcher does not handle raises a DeathPact error in the watcher, which its supervisor handles like any failure (stop by default). An unhandled custom watch message does not.',
    capabilities: ['watch', 'watch.death-pact'],
    sources: [
      src.seed('S003'),
      src.pekkoTest('CtxSpec "terminate upon not handling Terminated"'),
      src.pekko('actor-typed/src/main/scala/org/apache/pekko/actor/typed/Behavior.scala'),
    ],
    differences: [terminatedIsMessage],
    hints: [
      'Is an unhandled signal treated like an unhandled message and ignored?',
      'Does an unhandled watchWith message wrongly raise DeathPact?',
    ],
  }),
  rule({
    id: 'WATCH-07',
    slug: 'watch.death-pact.bubbling',
    level: 'MUST',
    title: 'Failures bubble up a chain of watchers',
    statement:
      'In a chain of watching parents that do not handle termination notices, every level fails with DeathPact; only the direct parent of the failed actor sees the original cause, higher levels see DeathPact as the cause; a top level supervising DeathPact with restart recovers and keeps serving.',
    capabilities: ['watch', 'watch.death-pact', 'watch.child-failed', 'supervision.error-type'],
    sources: [
      src.seed('S003'),
      src.pekkoTest('WatchSpec "fail the actor itself with DeathPact if it does not accept Terminated"'),
      src.pekkoTest('SupSpec "be able to recover from a DeathPactException"'),
    ],
    differences: [terminatedIsMessage],
    hints: [
      'Is the original cause forwarded past the direct parent?',
      'Is DeathPact a distinct error type that a strategy can match?',
    ],
  }),
  rule({
    id: 'WATCH-08',
    slug: 'watch.parent.no-implicit-notice',
    level: 'MUST',
    title: 'A parent is not told of a child failure unless it watches',
    statement: 'A parent that does not watch its child receives no signal or message when that child fails or stops.',
    // No watch capability needed: a runtime without death watch must not tell a parent either.
    capabilities: [],
    sources: [src.seed('S003')],
    differences: [
      {
        runtime: 'goakt',
        note: 'The parent supervisor is always notified; Escalate suspends the child and sends the parent a panic message.',
      },
    ],
    hints: ['Is the parent implicitly registered as a watcher of every child?'],
  }),
  rule({
    id: 'WATCH-09',
    slug: 'watch.restart.non-child-watches-survive',
    level: 'MUST',
    title: 'Watches on non-children survive a restart of the watcher',
    statement:
      'Watches (plain or with a custom message) that an actor holds on actors other than its children stay in force across its restart, and a notice arriving during the restart is delivered to the new incarnation.',
    capabilities: ['watch', 'supervision.restart'],
    sources: [
      src.pekkoTest('SupSpec "stop children when restarting"'),
      src.pekkoTest("SupSpec \"successfully restart after stopping watchWith'd children\""),
    ],
    hints: [
      'Are all watches cleared on restart?',
      'Is a notice arriving during the restart dropped instead of buffered?',
    ],
  }),
  rule({
    id: 'WATCH-10',
    slug: 'watch.restart.stopped-children-consumed',
    level: 'MUST',
    title: 'Notices of children stopped by a restart are consumed',
    statement:
      'For children stopped because their parent restarts, the runtime consumes their termination notices and revokes watches with custom messages on them, so the new incarnation receives none of these.',
    capabilities: ['watch', 'watch.with-message', 'supervision.restart'],
    sources: [
      src.pekkoTest("SupSpec \"successfully restart after stopping watchWith'd children\""),
      src.pekko('actor-typed/src/main/scala/org/apache/pekko/actor/typed/internal/Supervision.scala'),
    ],
    hints: [
      'Does the new incarnation see Terminated for children of the old one?',
      'Is the watchWith registration kept after the restart stopped the child?',
    ],
  }),
];
