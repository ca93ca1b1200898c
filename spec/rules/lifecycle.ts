import type { Rule } from '../Rule.js';
import { allows, rulesOf, src } from '../_internals/defineRule.js';

const rule = rulesOf('LIF');

/** Lifecycle and signal rules (LIF). */
export const lifecycleRules: readonly Rule[] = [
  rule({
    id: 'LIF-01',
    slug: 'lifecycle.spawn.eager-setup',
    level: 'MUST',
    title: 'Setup runs eagerly at spawn, once per incarnation',
    statement:
      'The setup (factory) of a spawned behavior runs when the actor is spawned, without waiting for a first message, and runs exactly once for each incarnation of the actor.',
    capabilities: [],
    sources: [src.pekkoTest('SupSpec "create underlying deferred behavior immediately"')],
    hints: [
      'Is the factory invoked lazily on the first delivered message?',
      'Does a restart or a re-delivery run the factory a second time within one incarnation?',
    ],
  }),
  rule({
    id: 'LIF-02',
    slug: 'lifecycle.mailbox.one-at-a-time-fifo',
    level: 'MUST',
    title: 'One message at a time, FIFO per sender',
    statement:
      'An actor handles at most one message at a time, and messages from one sender are handled in the order they were sent, including across stash/unstash by the actor itself and across restarts.',
    capabilities: [],
    sources: [src.seed('S001'), src.pekkoTest('DSBSpec "handle commands sequentially"')],
    determinism: allows('interleaving of messages from different senders'),
    hints: [
      'Can an asynchronous handler let the next message start before the previous one finished?',
      'Does the mailbox reorder messages when they are re-enqueued after a stash or restart?',
    ],
  }),
  rule({
    id: 'LIF-03',
    slug: 'lifecycle.stop.post-stop-then-callback',
    level: 'MUST',
    title: 'A voluntary stop signals PostStop once, then runs the stop callback',
    statement:
      'When a behavior returns stopped, the last active behavior receives PostStop exactly once, and a callback given with the stopped behavior runs after that signal.',
    capabilities: ['lifecycle.post-stop'],
    sources: [
      src.pekkoTest('StopSpec "signal PostStop and then execute the post stop"'),
      src.pekkoTest('CtxSpec "signal post stop after voluntary termination"'),
    ],
    hints: [
      'Is PostStop delivered to the behavior being replaced instead of the last active one?',
      'Is the stop callback run before the signal, or twice?',
    ],
  }),
  rule({
    id: 'LIF-04',
    slug: 'lifecycle.stop.children-first',
    level: 'MUST',
    title: 'Children stop before their parent completes its stop',
    statement:
      "When an actor stops, every child stops and receives PostStop before the parent's PostStop and stop callback run.",
    capabilities: ['lifecycle.post-stop'],
    sources: [
      src.pekkoTest('GStop "properly stop the children and perform the cleanup"'),
      src.goaktDocs('docs/actor/lifecycle.mdx'),
      src.goakt('actor/pid.go doStop'),
    ],
    determinism: allows('any order among sibling children'),
    hints: [
      'Does the parent signal PostStop before awaiting its children?',
      'Are grandchildren stopped depth-first as well?',
    ],
  }),
  rule({
    id: 'LIF-05',
    slug: 'lifecycle.restart.pre-restart-not-post-stop',
    level: 'MUST',
    title: 'A restart signals PreRestart, never PostStop',
    statement:
      'A supervised restart delivers PreRestart to the failing behavior and does not deliver PostStop; whatever behavior the PreRestart handler returns is ignored.',
    capabilities: ['supervision.restart', 'lifecycle.pre-restart'],
    sources: [src.seed('S003'), src.pekkoTest('SupSpec "restart when handled exception"')],
    differences: [
      {
        runtime: 'goakt',
        note: 'A manual restart of a running actor runs PostStop then PreStart; a supervisor restart of a faulted actor re-runs PreStart without PostStop.',
      },
    ],
    hints: [
      'Is the restart implemented as stop-then-spawn, which emits PostStop?',
      'Is the behavior returned by the PreRestart handler installed by mistake?',
    ],
  }),
  rule({
    id: 'LIF-06',
    slug: 'lifecycle.stop.on-failure-post-stop',
    level: 'MUST',
    title: 'A failure that stops the actor signals PostStop',
    statement:
      'When an actor stops because of a failure (stop strategy, no supervision, or an exhausted restart limit), it receives PostStop, not PreRestart, and then handles no further message. (Watcher notification is WATCH-01.)',
    capabilities: ['lifecycle.post-stop'],
    sources: [
      src.pekkoTest('SupSpec "stop when no supervise"'),
      src.pekkoTest('SupSpec "stop after restart retries limit"'),
    ],
    hints: [
      'Is the failing actor torn down without any signal?',
      'Is PreRestart sent although the limit was exhausted?',
    ],
  }),
  rule({
    id: 'LIF-07',
    slug: 'lifecycle.timers.cancel-on-restart-and-stop',
    level: 'MUST',
    title: 'Timers are cancelled on restart and stop',
    statement:
      'All timers of an actor are cancelled when it restarts or stops, so a timer started by one incarnation never delivers to a later one.',
    capabilities: ['timers', 'supervision.restart'],
    sources: [
      src.pekko('actor-typed/src/main/scala/org/apache/pekko/actor/typed/internal/Supervision.scala'),
      src.pekko('actor-typed/src/main/scala/org/apache/pekko/actor/typed/internal/adapter/ActorAdapter.scala'),
      src.pekkoTest('TimerSpec "discard timers from old incarnation after restart, alt 1"'),
      src.pekkoTest('TimerSpec "discard timers from old incarnation after restart, alt 2"'),
      src.pekkoTest('TimerSpec "cancel timers when stopped from exception"'),
      src.pekkoTest('TimerSpec "cancel timers when stopped voluntarily"'),
      src.pekkoTest('TimerSpec "not leak timers when PostStop is used"'),
      src.pekkoTest('TimerSpec "discard TimerMsg on restart"'),
      src.pekkoTest('TimerSpec "discard TimerMsg when exception from withTimers block"'),
    ],
    hints: [
      'Is the timer scheduler owned by the actor cell rather than the incarnation, and left running?',
      'Is cancellation done only on stop and forgotten on restart?',
    ],
  }),
  rule({
    id: 'LIF-08',
    slug: 'lifecycle.stop.leftovers-are-dead-letters',
    level: 'MUST',
    title: 'Nothing is processed after stop',
    statement:
      'Messages sent to a stopped actor, and messages still in its mailbox or stash when it stops, are never handled; they are published as dead letters.',
    capabilities: ['dead-letters'],
    sources: [src.pekkoTest('Unstash "deal with stop"')],
    differences: [
      { runtime: 'goakt', note: 'Shutdown and PoisonPill first process the messages already in the mailbox.' },
    ],
    hints: [
      'Does the mailbox keep draining after the stop decision?',
      'Are remaining stashed messages dropped silently instead of published?',
    ],
  }),
  rule({
    id: 'LIF-09',
    slug: 'lifecycle.stop-child.own-children-only',
    level: 'MUST',
    title: 'Stopping through the context applies to own children only and is idempotent',
    statement:
      'Stopping an actor through the context succeeds only for a child of the caller; for any other actor it raises an error and the caller keeps running. Stopping a child that has already stopped has no effect and raises no error.',
    capabilities: ['lifecycle.stop-child'],
    sources: [
      src.pekkoTest('CtxSpec "not stop non-child actor"'),
      src.pekkoTest('CtxSpec "not have problems stopping already stopped child"'),
    ],
    hints: [
      'Is the parent of the target checked before stopping it?',
      'Does stopping an already stopped child throw?',
    ],
  }),
  rule({
    id: 'LIF-10',
    slug: 'lifecycle.signal-handler-failure.does-not-block',
    level: 'MUST',
    title: 'A failing PreRestart or PostStop handler does not block restart or stop',
    statement:
      'An error thrown by a PreRestart or PostStop handler is logged and the restart or stop still completes: after a failing PreRestart the new incarnation handles the next message; after a failing PostStop the actor terminates, and watchers, where the runtime supports watch, are notified.',
    capabilities: ['lifecycle.pre-restart', 'lifecycle.post-stop'],
    sources: [
      src.pekko('actor-typed/src/main/scala/org/apache/pekko/actor/typed/internal/Supervision.scala'),
      src.goakt('actor/actor.go PostStop'),
    ],
    differences: [
      {
        runtime: 'goakt',
        note: 'The stop sequence fails fast on a PostStop error and may skip watcher notification.',
      },
    ],
    hints: [
      'Is the signal handler called without a try/catch around it?',
      'Are watchers notified after the handler, on a path the error skips?',
    ],
  }),
  rule({
    id: 'LIF-11',
    slug: 'lifecycle.empty-and-ignore.behaviors',
    level: 'MUST',
    title: 'The empty behavior leaves everything unhandled, the ignore behavior drops everything',
    statement:
      'An actor whose handler returns the empty behavior treats every later message and signal as unhandled: it handles nothing more, and a termination or child-failed notice it watched for fails it with DeathPact (WATCH-06). An actor that returns the ignore behavior drops every later message and signal, so a watched actor stopping does not fail it. Neither behavior handles PreRestart or PostStop; both actors can still be stopped by their parent or by a failure and their watchers are notified, and a supervised restart reinstalls the initial behavior.',
    capabilities: ['behaviors.markers', 'watch', 'watch.death-pact'],
    sources: [
      src.pekko('actor-typed/src/main/scala/org/apache/pekko/actor/typed/Behavior.scala'),
      src.pekko('actor-typed/src/main/scala/org/apache/pekko/actor/typed/internal/BehaviorImpl.scala'),
      src.pekko('actor-typed/src/main/scala/org/apache/pekko/actor/typed/internal/adapter/ActorAdapter.scala'),
    ],
    hints: [
      'Does the empty behavior drop an unhandled Terminated instead of raising DeathPact?',
      'Does the ignore behavior pass signals on as unhandled?',
      'Is the empty or ignore behavior refused when a handler returns it?',
    ],
  }),
];
