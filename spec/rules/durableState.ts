import type { Rule } from '../Rule.js';
import { allows, rulesOf, src } from '../_internals/defineRule.js';

const rule = rulesOf('DS');
const pki = 'persistence-typed/src/main/scala/org/apache/pekko/persistence/typed/state/';
const running = src.pekko(`${pki}internal/Running.scala`);
const recovering = src.pekko(`${pki}internal/Recovering.scala`);
const effectApi = src.pekko(`${pki}scaladsl/Effect.scala`);
const behaviorImpl = src.pekko(`${pki}internal/DurableStateBehaviorImpl.scala`);

/** Durable-state behavior rules (DS). */
export const durableStateRules: readonly Rule[] = [
  rule({
    id: 'DS-01',
    slug: 'durable-state.recovery.read-before-commands',
    level: 'MUST',
    title: 'Recovery reads the store before any command',
    statement:
      'On start the behavior reads its object from the store before handling any command: the state becomes the stored value, or the empty state when none is stored, and the revision becomes the stored revision (0 when absent). Commands received meanwhile are held and handled afterwards in arrival order.',
    capabilities: ['durable-state'],
    sources: [src.seed('S001'), recovering, src.pekkoTest('DSRev "be accessible in the handlers"')],
    hints: [
      'Is a command handled against the empty state before the read completes?',
      'Is the revision reset to 0 instead of taken from the store?',
    ],
  }),
  rule({
    id: 'DS-02',
    slug: 'durable-state.recovery.completed-signal',
    level: 'MUST',
    title: 'RecoveryCompleted precedes the first command',
    statement: 'After a successful recovery the behavior receives RecoveryCompleted with the recovered state before its first command.',
    capabilities: ['durable-state', 'durable-state.recovery-signals'],
    sources: [recovering, src.docs('apache/pekko:docs/src/main/paradox/typed/durable-state/persistence.md')],
    hints: ['Is the signal sent after releasing held commands?'],
  }),
  rule({
    id: 'DS-03',
    slug: 'durable-state.recovery.failure',
    level: 'MUST',
    title: 'A failed recovery signals RecoveryFailed and fails the actor',
    statement:
      'If the recovery read fails or times out (30 seconds by default), the behavior receives RecoveryFailed with the cause, then the actor fails: it stops by default, or restarts with backoff when a persist-failure backoff is configured. No command is handled by that incarnation.',
    capabilities: ['durable-state', 'durable-state.recovery-signals'],
    sources: [recovering, src.pekko('persistence/src/main/resources/reference.conf')],
    hints: [
      'Does a read error fall back to the empty state and carry on?',
      'Is there a recovery timeout at all?',
    ],
  }),
  rule({
    id: 'DS-04',
    slug: 'durable-state.persist.read-your-writes',
    level: 'MUST',
    title: 'Commands wait while a write is in flight',
    statement:
      'While an upsert or delete is in flight, later commands are held in an internal FIFO stash, and the next command observes the new state only once the write has succeeded.',
    capabilities: ['durable-state'],
    sources: [src.seed('S001'), running, src.pekkoTest('DSBSpec "handle commands sequentially"')],
    hints: [
      'Is the in-memory state updated before the store acknowledged the write?',
      'Are commands handled concurrently with the pending write?',
    ],
  }),
  rule({
    id: 'DS-05',
    slug: 'durable-state.persist.revision-plus-one',
    level: 'MUST',
    title: 'Persist writes revision + 1; other effects do not write',
    statement:
      'Persisting state s upserts it at the current revision plus one with the entity tag; on success the state is s and the revision advances by one. The none, unhandled, stash and reply effects write nothing and leave the revision unchanged.',
    capabilities: ['durable-state'],
    sources: [src.pekko(`${pki}internal/DurableStateStoreInteractions.scala`), src.pekkoTest('DSRev "be accessible in the handlers"')],
    hints: [
      'Do the revisions seen by the store have gaps or repeats?',
      'Does a reply-only effect trigger an upsert?',
    ],
  }),
  rule({
    id: 'DS-06',
    slug: 'durable-state.side-effects.after-write-in-order',
    level: 'MUST',
    title: 'Side effects run after the write, in order, at most once',
    statement:
      'Side effects attached to an effect (run, reply, stop, unstash all) run only after the write succeeded, one after another in the order they were added, at most once, and before the next command is handled; for effects that write nothing they run immediately.',
    capabilities: ['durable-state'],
    sources: [src.seed('S001'), running],
    hints: [
      'Are callbacks started before the store acknowledged?',
      'Is the next command handled while callbacks are still pending?',
    ],
  }),
  rule({
    id: 'DS-07',
    slug: 'durable-state.side-effects.see-post-write-state',
    level: 'MUST',
    title: 'Callbacks see the written state and revision',
    statement:
      'Side-effect callbacks receive the state after the write (the empty state after a delete); the revision visible in the command handler is the one before the write and in callbacks the one after it.',
    capabilities: ['durable-state'],
    sources: [src.pekkoTest('DSRev "be accessible in the handlers"'), src.pekkoTest('DSReply "delete state thenReply"')],
    hints: ['Do callbacks capture the state from before the write?'],
  }),
  rule({
    id: 'DS-08',
    slug: 'durable-state.persist.failure-fails-actor',
    level: 'MUST',
    title: 'A failed write skips side effects and fails the actor',
    statement:
      'If the write fails (store error, rejection or revision conflict), none of the side effects or replies of that command run, and the actor fails with a store error; it is never resumed, because whether the state was stored is unknown.',
    capabilities: ['durable-state'],
    sources: [src.seed('S001'), running, src.pekko(`${pki}scaladsl/DurableStateBehavior.scala`)],
    hints: [
      'Are side effects run in a finally block?',
      'Can a user resume strategy apply to store failures?',
    ],
  }),
  rule({
    id: 'DS-09',
    slug: 'durable-state.persist.failure-stop-or-backoff',
    level: 'MUST',
    title: 'Persist failure: stop by default, or backoff restart keeping stashes',
    statement:
      'By default a failed write stops the actor and discards its internally and user-stashed commands. With a persist-failure backoff, the actor restarts after the delay, recovers again (re-reading the revision from the store) and then handles the preserved internal and user stashes in order.',
    capabilities: ['durable-state', 'durable-state.persist-failure-backoff'],
    sources: [behaviorImpl, effectApi],
    determinism: allows('any backoff delay within the configured range'),
    hints: [
      'Is the stash created inside the restarted behavior and so lost on restart?',
      'Is the revision kept in memory instead of re-read after the restart?',
    ],
  }),
  rule({
    id: 'DS-10',
    slug: 'durable-state.persist.conflict-is-failure',
    level: 'MUST',
    title: 'A revision conflict is a write failure, never a silent overwrite',
    statement:
      'When the store rejects a write because of a revision conflict, the actor fails as for any failed write and a new incarnation recovers the other writer’s state; the conflict never silently overwrites or silently succeeds.',
    capabilities: ['durable-state', 'store.revision-check'],
    sources: [src.seed('S001'), src.pekkoTest('R2 "detect and reject concurrent updates"')],
    hints: ['Is a rejected upsert retried at a higher revision?', 'Is a conflict error caught and ignored?'],
  }),
  rule({
    id: 'DS-11',
    slug: 'durable-state.side-effects.not-replayed',
    level: 'MUST',
    title: 'Side effects never run again on recovery',
    statement: 'Side effects are not executed again during recovery, after a restart, or when the entity is started again after a stop.',
    capabilities: ['durable-state'],
    sources: [src.seed('S001')],
    hints: ['Are pending side effects stored with the state and replayed on recovery?'],
  }),
  rule({
    id: 'DS-12',
    slug: 'durable-state.handler-failure.normal-supervision',
    level: 'MUST',
    title: 'A handler or callback error is ordinary supervision',
    statement:
      'An error thrown by the command handler or by a side-effect callback is not a persist failure: normal supervision applies (stop by default), both stashes are discarded, and a restarted incarnation recovers from the store, where already written state remains.',
    capabilities: ['durable-state', 'supervision.restart'],
    sources: [effectApi, behaviorImpl],
    hints: [
      'Is the persist-failure backoff applied to handler errors?',
      'Does a restart keep the in-memory state instead of recovering?',
    ],
  }),
  rule({
    id: 'DS-13',
    slug: 'durable-state.delete.soft-revision',
    level: 'MUST',
    title: 'Delete writes revision + 1 and resets to the empty state',
    statement:
      'Deleting the state deletes the object at the current revision plus one, resets the in-memory state to the empty state and advances the revision by one; a later recovery yields the empty state with the delete’s revision, so the next persist writes the revision after that.',
    capabilities: ['durable-state', 'durable-state.delete'],
    sources: [
      src.seed('S001'),
      src.pekkoTest('TCK "upsert again after a deletion"'),
      src.pekkoTest('DSBSpec "delete state"'),
    ],
    hints: ['Does delete reset the revision to 0?', 'Does recovery after delete report revision 0?'],
  }),
  rule({
    id: 'DS-14',
    slug: 'durable-state.user-stash.replay-order',
    level: 'MUST',
    title: 'User stash replays before internally held commands',
    statement:
      'The stash effect moves a command to a user stash. Unstashing all replays exactly the user-stashed commands present at that moment, in FIFO order, before commands held internally during the write; commands stashed again during the replay wait for the next unstash. Unstashing attached to a write starts only after the write succeeded.',
    capabilities: ['durable-state', 'durable-state.user-stash'],
    sources: [effectApi, src.pekko(`${pki}internal/StashManagement.scala`), src.pekkoTest('DSRev "be available while unstashing"')],
    hints: [
      'Are internally held commands released before the user stash?',
      'Does the replay loop re-handle a command that was stashed again?',
    ],
  }),
  rule({
    id: 'DS-15',
    slug: 'durable-state.stash.overflow',
    level: 'MUST',
    title: 'Stash overflow drops and reports, or fails the actor',
    statement:
      'Each stash (internal and user) has its own capacity, 4096 by default and configurable per entity. On overflow the default strategy drops the command and reports the drop; the fail strategy fails the actor, and that failure is not handled by the persist-failure backoff.',
    capabilities: ['durable-state', 'durable-state.stash-capacity', 'durable-state.stash-overflow'],
    sources: [
      src.pekko('persistence-typed/src/main/resources/reference.conf'),
      src.pekkoTest('DSRev "discard when custom stash has reached limit with default dropped setting"'),
      src.pekkoTest('DSOvf "not cause stack overflow"'),
    ],
    hints: ['Are both stashes sharing one capacity?', 'Is the drop silent instead of reported?'],
  }),
  rule({
    id: 'DS-16',
    slug: 'durable-state.stop.after-side-effects',
    level: 'MUST',
    title: 'Stop effect stops after the side-effect chain',
    statement:
      'A stop effect stops the actor once the side-effect chain has run; stashed commands are not handled and PostStop reaches the signal handler. Callbacks added after the stop in the same chain still run.',
    capabilities: ['durable-state', 'lifecycle.post-stop'],
    sources: [running],
    differences: [{ runtime: 'akka', note: 'The seeds say nothing about callbacks added after the stop; Pekko runs them.' }],
    hints: ['Does the chain break at the stop marker?', 'Are held commands handled before stopping?'],
  }),
  rule({
    id: 'DS-17',
    slug: 'durable-state.reply.exactly-once',
    level: 'MUST',
    title: 'A reply is sent exactly once after a successful write',
    statement:
      'Each reply effect sends its reply exactly once when the command reaches its side-effect phase; after a failed write no reply is sent; the no-reply effect sends nothing.',
    capabilities: ['durable-state'],
    sources: [src.seed('S001'), src.pekkoTest('DSReply "persist state thenReply later"')],
    hints: ['Is a reply sent from both the handler and the callback?', 'Is a reply sent on failure?'],
  }),
  rule({
    id: 'DS-18',
    slug: 'durable-state.signals.not-stashed',
    level: 'MUST',
    title: 'Signals during a write are handled at once against the last written state',
    statement:
      'Signals (PostStop, PreRestart, termination notices) arriving while a write is in flight are not held: they are handled immediately against the last successfully written state, and an unhandled termination notice raises DeathPact as in WATCH-06.',
    capabilities: ['durable-state', 'watch'],
    sources: [running],
    hints: ['Are signals held with commands?', 'Do signal handlers see the state that is still being written?'],
  }),
  rule({
    id: 'DS-19',
    slug: 'durable-state.passivation.waits-for-write',
    level: 'MUST',
    title: 'Passivation waits for the in-flight write',
    statement:
      'A passivation stop waits for the in-flight write and its side effects, handles the commands held before it, then stops; commands arriving while it waits are discarded. An abrupt stop during a write may leave either the old or the new state stored, and runs no side effects.',
    capabilities: ['durable-state'],
    sources: [running, recovering],
    determinism: allows('after an abrupt stop during a write, the store holds either the old or the new state'),
    hints: ['Does passivation cancel the pending write?', 'Are commands after the passivation request handled?'],
  }),
  rule({
    id: 'DS-20',
    slug: 'durable-state.timers.held-during-write',
    level: 'MUST',
    title: 'Timer and self messages during a write are held, not lost',
    statement: 'Timer messages and messages to self that arrive while a write is in flight are held and handled afterwards, never discarded.',
    capabilities: ['durable-state', 'timers'],
    sources: [
      src.pekkoTest('DSTimer "not discard timer msg due to stashing"'),
      src.pekkoTest('DSTimer "be able to schedule message from setup"'),
    ],
    hints: ['Are timer messages routed around the internal stash and dropped?'],
  }),
];
