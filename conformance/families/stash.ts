import type { PropertyFamily } from '../engine/PropertyFamily.js';
import { baseProfile } from './baseProfile.js';

/** Bounded FIFO stash buffers, unstashing with failures and stops in the replayed commands. @public */
export const stashBuffers: PropertyFamily = {
  id: 'stash.buffers',
  title: 'Stash is bounded and FIFO; unstashing handles failures and stops like normal processing',
  rules: ['STASH-01', 'STASH-02', 'STASH-03', 'STASH-04', 'STASH-05', 'STASH-06', 'LIF-08'],
  requires: ['stash'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    // Always supervised: a failure during unstash is then resumed or restarted (STASH-05) as often as stopped (STASH-06).
    minLayers: 1,
    // Every failure meets that supervisor, so the one actor outlives more of its failures.
    errorScoping: false,
    stash: true,
    // One actor takes every step, so several messages pile up before an unstash of fewer (STASH-02).
    initialActors: { min: 1, max: 1 },
    steps: { ping: 1, stash: 6, unstash: 3, fail: 1 },
    // Mostly pings, so an actor still runs when several are stashed before an unstash of fewer (STASH-02).
    stashedCommands: { ping: 4, fail: 2, stop: 1, unhandled: 1 },
    // Room for two at least: an unstash of one must leave something behind.
    stashCapacity: { min: 2, max: 3 },
    maxSteps: 15,
    // Once the one actor stopped, later steps tell it anyway: its mail goes to dead letters (LIF-08).
    tellStopped: true,
  },
  numRuns: 100,
};

/**
 * Failures replayed from the stash under a stop strategy (STASH-06): the one actor stashes mostly
 * failures into a buffer that never fills and unstashes as often as it stashes, so every seed
 * reaches the rule, which `stash.buffers` (its failures shared among three strategies, its small
 * buffers overflowing) missed at some seeds (27, 753551855).
 *
 * @public
 */
export const stashStopDuringUnstash: PropertyFamily = {
  id: 'stash.stop-during-unstash',
  title: 'A failure replayed from the stash under a stop strategy stops the actor and ends the replay',
  rules: ['STASH-06', 'STASH-03', 'STASH-02', 'LIF-08'],
  requires: ['stash'],
  profile: {
    ...stashBuffers.profile,
    strategies: ['stop'],
    // No failure outside the stash: the actor lives until a replayed one stops it.
    steps: { ping: 1, stash: 3, unstash: 3 },
    stashedCommands: { ping: 1, fail: 2, stop: 0, unhandled: 0 },
    // Never full: an overflow would fail (and so stop) the actor before anything is replayed.
    stashCapacity: { min: 8, max: 8 },
    maxSteps: 8,
  },
  // About two runs in five replay a failure (measured): 30 runs miss at about one seed in a million.
  numRuns: 30,
};

/**
 * A stashing actor with no supervisor (STASH-02..04, LIF-08): its failures stop it. The other
 * stash families always wrap the actor in a supervisor, so the runtime's path for an unsupervised
 * behavior handling replayed messages (stop, unhandled and failure included) is reached only here.
 *
 * @public
 */
export const stashUnsupervised: PropertyFamily = {
  id: 'stash.unsupervised',
  title: 'An unsupervised actor replays its stash in order and a replayed failure or stop ends it',
  rules: ['STASH-02', 'STASH-03', 'STASH-04', 'LIF-08'],
  requires: ['stash'],
  profile: {
    ...stashBuffers.profile,
    maxLayers: 0,
    minLayers: 0,
    steps: { ping: 2, stash: 5, unstash: 3 },
    // A cleared buffer while unstashing skips the rest of the replay (STASH-03).
    stashedCommands: { ping: 4, fail: 1, stop: 1, unhandled: 2, clearStash: 1 },
    stashCapacity: { min: 3, max: 4 },
    maxSteps: 12,
  },
  numRuns: 30,
};

/**
 * Mail queued behind a replay that outlasts one turn (STASH-02): bursts to an unsupervised
 * stashing actor, whose runtime may take plain mail on a fast path, so the replay must still come
 * first. Nothing stashed fails or stops, and the buffer never fills: an actor stopped with mail queued behind its stash would
 * order the two kinds of dead letters, which no rule settles (LIF-08 says only that both are).
 *
 * @public
 */
export const stashReplayBeforeMail: PropertyFamily = {
  id: 'stash.replay-before-mail',
  title: 'Mail that arrives during a long replay waits for the replay',
  rules: ['STASH-02', 'STASH-03', 'STASH-04'],
  requires: ['stash'],
  profile: {
    ...stashUnsupervised.profile,
    steps: { ping: 1, stash: 4, unstash: 2, burst: 3 },
    stashedCommands: { ping: 4, fail: 0, stop: 0, unhandled: 1, clearStash: 1 },
    // Never full (at most four stashes a step): an overflow would fail the actor too.
    stashCapacity: { min: 32, max: 32 },
    maxSteps: 8,
  },
  numRuns: 20,
};
