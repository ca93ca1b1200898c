import type { DurableFamily } from './DurableProfile.js';

/**
 * Named family "side-effect at-most-once ordering": effect chains (thenRun, thenReply,
 * thenUnstashAll, thenStop) under bursts of commands, write failures and restarts of the entity.
 *
 * @public
 */
export const sideEffects: DurableFamily = {
  id: 'durable-state.side-effects',
  title: 'Side effects run after a successful write, in order, once; never after a failed one or on recovery',
  rules: ['DS-01', 'DS-02', 'DS-04', 'DS-05', 'DS-06', 'DS-07', 'DS-08', 'DS-11', 'DS-14', 'DS-16', 'DS-17'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'lifecycle.post-stop'],
  profile: {
    steps: { send: 5, spawn: 1, failNextWrite: 1 },
    commands: { add: 4, read: 2, park: 1, release: 1 },
    maxChain: 3,
    maxBurst: 3,
    persistenceIds: 2,
    maxSteps: 10,
  },
  numRuns: 60,
};

/**
 * Named family "revision conflicts": two incarnations of one id, writers behind the entity's
 * back, delete then persist, failed writes then recovery.
 *
 * @public
 */
export const revisionConflicts: DurableFamily = {
  id: 'durable-state.revision-conflicts',
  title: 'A conflicting or failed write stops the entity; a new incarnation recovers the stored state and revision',
  rules: ['DS-01', 'DS-03', 'DS-05', 'DS-08', 'DS-10', 'DS-11', 'DS-12', 'DS-13'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'lifecycle.post-stop'],
  profile: {
    steps: { send: 4, spawn: 3, failNextWrite: 1, failNextRead: 1, externalWrite: 1 },
    commands: { add: 4, remove: 2, read: 1, crash: 1 },
    maxChain: 1,
    maxBurst: 2,
    persistenceIds: 1,
    maxSteps: 12,
  },
  numRuns: 60,
};

/**
 * Entities under a plain restart supervisor: a throwing command handler restarts the entity,
 * which drops its user stash and recovers what the store holds, while a stop effect
 * (passivation) still stops it for good.
 *
 * @public
 */
export const handlerFailureRestart: DurableFamily = {
  id: 'durable-state.handler-failure-restart',
  title: 'Under a restart supervisor a handler error restarts the entity, which recovers from the store; a stop effect stops it',
  rules: ['DS-12', 'DS-14', 'DS-19'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'supervision.restart', 'lifecycle.post-stop'],
  profile: {
    steps: { send: 5, spawn: 1, externalWrite: 1 },
    commands: { add: 3, read: 1, crash: 2, park: 1, release: 1, passivate: 1 },
    maxChain: 1,
    maxBurst: 3,
    persistenceIds: 1,
    restartOnFailure: true,
    maxSteps: 10,
  },
  numRuns: 40,
};

/** Bursts larger than a small stash while a write is in flight. @public */
export const stashOverflow: DurableFamily = {
  id: 'durable-state.stash-overflow',
  title: 'Commands arriving during a write beyond the stash capacity are dropped; the rest are handled in order',
  rules: ['DS-15', 'DS-04'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'durable-state.stash-capacity', 'lifecycle.post-stop'],
  profile: {
    steps: { send: 5 },
    commands: { add: 2, read: 2 },
    maxChain: 1,
    maxBurst: 5,
    persistenceIds: 1,
    stashCapacity: 2,
    maxSteps: 6,
  },
  numRuns: 40,
};

/**
 * The fail strategy on a small stash under a slow store: the first command that does not fit
 * fails the entity, which stops it (the failure is no persist failure), its write in flight
 * landing or not. Short advances and short bursts make commands arrive one or two at a time
 * while the stash is half replayed (a write started from it), so only what still waits counts
 * against the capacity. No user stash: only the internal one is filled.
 *
 * @public
 */
export const stashOverflowFail: DurableFamily = {
  id: 'durable-state.stash-overflow-fail',
  title: 'With the fail strategy, a command arriving during a write beyond the stash capacity fails the entity',
  rules: ['DS-15', 'DS-04'],
  requires: [
    'durable-state',
    'durable-state.recovery-signals',
    'durable-state.stash-capacity',
    'durable-state.stash-overflow',
    'lifecycle.post-stop',
    'time.manual',
  ],
  profile: {
    steps: { send: 5, advance: 3, spawn: 1 },
    commands: { add: 3, read: 1 },
    maxChain: 1,
    maxBurst: 2,
    persistenceIds: 1,
    stashCapacity: 3,
    stashOverflow: 'fail',
    writeLatencyMs: 10,
    // Short advances often stop while the stash is half replayed.
    maxAdvanceMs: 15,
    maxSteps: 8,
  },
  numRuns: 40,
};

/** Failed writes under `onPersistFailure(backoff)`: restart, recover, then the kept commands in order. @public */
export const persistFailureBackoff: DurableFamily = {
  id: 'durable-state.persist-failure-backoff',
  title: 'A failed write restarts the entity with backoff; it recovers and handles the kept commands in order',
  rules: ['DS-09', 'DS-08', 'DS-10'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'durable-state.persist-failure-backoff', 'time.manual'],
  profile: {
    steps: { send: 4, failNextWrite: 2, externalWrite: 1, advance: 3 },
    commands: { add: 4, read: 2 },
    maxChain: 2,
    maxBurst: 3,
    persistenceIds: 1,
    persistFailureBackoff: { minMs: 10, maxMs: 40 },
    maxSteps: 12,
  },
  numRuns: 50,
};

/**
 * Reads that answer after the recovery timeout (DS-03's default 30 s, or 20 s set on odd-numbered
 * entities with `durable-state.recovery-timeout`): the entity reports RecoveryFailed and stops, or
 * restarts with backoff and reads again, handling the commands held meanwhile; an answer meant
 * for an earlier incarnation changes nothing.
 *
 * @public
 */
export const recoveryTimeout: DurableFamily = {
  id: 'durable-state.recovery-timeout',
  title: 'A recovery read that does not answer in time fails the entity; a backoff restart reads again, keeping held commands',
  rules: ['DS-03', 'DS-01', 'DS-09'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'durable-state.persist-failure-backoff', 'time.manual'],
  profile: {
    steps: { slowNextRead: 3, spawn: 1, send: 2, advance: 4, externalWrite: 1 },
    commands: { add: 2, read: 2 },
    maxChain: 1,
    maxBurst: 2,
    persistenceIds: 1,
    persistFailureBackoff: { minMs: 10, maxMs: 40 },
    recoveryTimeoutMs: 20_000,
    maxAdvanceMs: 45_000,
    maxSteps: 10,
  },
  numRuns: 40,
};

/**
 * A slow store: commands sent while a write is in flight wait (within the stash capacity) and
 * see its result; the clock decides when each write commits.
 *
 * @public
 */
export const writesInFlight: DurableFamily = {
  id: 'durable-state.writes-in-flight',
  title: 'Commands arriving while a slow write is in flight are stashed, then handled in order on the written state',
  rules: ['DS-04', 'DS-06', 'DS-14', 'DS-15', 'DS-17'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'durable-state.stash-capacity', 'time.manual'],
  profile: {
    steps: { send: 5, advance: 3, failNextWrite: 1 },
    commands: { add: 3, read: 2, park: 1, release: 1 },
    maxChain: 2,
    maxBurst: 2,
    persistenceIds: 1,
    stashCapacity: 3,
    writeLatencyMs: 5,
    maxSteps: 12,
  },
  numRuns: 50,
};

/**
 * Entities watching each other while their writes are slow: a watched entity stopped by its
 * parent, or by a death pact, notifies its watchers at once, and they see their last written
 * state, not the one being written. Entities stop only in halt steps (and the death pacts
 * those cause), never at a clock instant a watcher's write might share.
 *
 * @public
 */
export const signalsDuringWrites: DurableFamily = {
  id: 'durable-state.signals-during-writes',
  title: 'Termination notices and PostStop during a write are handled at once, against the last written state',
  rules: ['DS-18', 'DS-19', 'DS-04'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'lifecycle.post-stop', 'lifecycle.stop-child', 'watch', 'time.manual'],
  profile: {
    steps: { send: 5, spawn: 2, halt: 2, advance: 2 },
    commands: { add: 3, read: 1, watch: 3 },
    maxChain: 2,
    maxBurst: 3,
    persistenceIds: 3,
    writeLatencyMs: 5,
    maxSteps: 12,
  },
  numRuns: 40,
};

/**
 * Passivation requests and abrupt stops while writes are slow: passivation waits for the write,
 * its side effects and the commands held before it, and discards what comes after; an abrupt
 * stop runs no side effect, and a new incarnation recovers whichever state landed.
 *
 * @public
 */
export const passivation: DurableFamily = {
  id: 'durable-state.passivation',
  title: 'Passivation waits for the write in flight and the commands before it; an abrupt stop runs no side effect',
  rules: ['DS-19', 'DS-16'],
  // Abrupt stops (halt steps) need lifecycle.stop-child and are left out without it.
  requires: ['durable-state', 'durable-state.recovery-signals', 'lifecycle.post-stop', 'time.manual'],
  profile: {
    steps: { send: 5, advance: 3, halt: 1, spawn: 1 },
    commands: { add: 3, read: 1, passivate: 2, park: 1, release: 1 },
    maxChain: 2,
    maxBurst: 4,
    persistenceIds: 1,
    writeLatencyMs: 5,
    maxSteps: 12,
  },
  numRuns: 40,
};

/** Timers and messages to itself started by the command handler, arriving while a write is in flight. @public */
export const timersDuringWrites: DurableFamily = {
  id: 'durable-state.timers-during-writes',
  title: 'Timer messages and messages to itself that arrive during a write are held and handled afterwards',
  rules: ['DS-20', 'DS-04'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'timers', 'time.manual'],
  profile: {
    steps: { send: 5, advance: 4 },
    commands: { add: 3, read: 1, later: 4, passivate: 1 },
    maxChain: 2,
    maxBurst: 3,
    persistenceIds: 1,
    writeLatencyMs: 5,
    maxSteps: 12,
  },
  numRuns: 40,
};

/**
 * Commands that write nothing: a reply sent at once with the current state (`Effect.reply`) and
 * an unhandled command (`Effect.unhandled`), among writes, stashes and failed writes.
 *
 * @public
 */
export const nonWritingEffects: DurableFamily = {
  id: 'durable-state.non-writing-effects',
  title: 'A reply-only or unhandled command writes nothing; the reply is sent once, with the current state',
  rules: ['DS-05', 'DS-17', 'DS-04'],
  requires: ['durable-state', 'durable-state.recovery-signals', 'durable-state.reply-unhandled'],
  profile: {
    steps: { send: 5, failNextWrite: 1 },
    commands: { add: 2, ask: 2, unsupported: 1, park: 1, release: 1 },
    maxChain: 1,
    maxBurst: 3,
    persistenceIds: 1,
    maxSteps: 6,
  },
  numRuns: 15,
};

/**
 * A thousand and more reads behind one write: the internal stash grows long, and all of it is
 * handled in arrival order once the write lands (a stash that reuses or compacts its storage
 * must not lose its place).
 *
 * @public
 */
export const longStash: DurableFamily = {
  id: 'durable-state.long-stash',
  title: 'A long internal stash is handled in arrival order after the write it waited for',
  rules: ['DS-04'],
  requires: ['durable-state', 'durable-state.recovery-signals'],
  profile: {
    steps: { flood: 1 },
    commands: {},
    maxChain: 0,
    maxBurst: 1,
    persistenceIds: 1,
    floodReads: 1030,
    maxSteps: 1,
  },
  numRuns: 2,
};

/** Every durable-state property. @public */
export const durableFamilies: readonly DurableFamily[] = [
  sideEffects,
  revisionConflicts,
  handlerFailureRestart,
  stashOverflow,
  stashOverflowFail,
  persistFailureBackoff,
  recoveryTimeout,
  writesInFlight,
  signalsDuringWrites,
  passivation,
  timersDuringWrites,
  nonWritingEffects,
  longStash,
];
