import type { PropertyFamily } from '../engine/PropertyFamily.js';
import { baseProfile } from './baseProfile.js';

/** Resume, restart and stop under random error hierarchies and nested layers. @public */
export const strategies: PropertyFamily = {
  id: 'supervision.strategies',
  title: 'The innermost matching strategy decides: resume keeps state, restart resets it, stop stops',
  rules: ['SUP-01', 'SUP-02', 'SUP-03', 'SUP-04', 'SUP-05', 'SUP-15', 'LIF-05', 'LIF-06', 'LIF-10'],
  requires: [],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    maxLayers: 3,
    signalHandlerFailures: true,
    steps: { spawn: 1, ping: 3, fail: 3, stop: 1, burst: 1 },
  },
  numRuns: 100,
};

/**
 * Restart limits over virtual time, and setups that throw.
 *
 * One supervision layer per actor, on purpose. With several, a setup that throws during a
 * restart meets supervisors that Pekko re-creates on every restart of an enclosing one (each
 * `supervise` is an interceptor built by a factory at start), so their counts start again at 0;
 * an inner limited restart then retries the setup only while `count + 1 < limit`, an unlimited
 * one rethrows it outwards, and an inner stop or resume turns it into a failed or invalid
 * initial behavior whose handling is internal (`Supervision.scala`, `handleExceptionOnStart`;
 * SupervisionSpec has no test of it). No rule states these outcomes and the runtimes need not
 * agree on them, so this property does not generate them.
 *
 * @public
 */
export const restartLimits: PropertyFamily = {
  id: 'supervision.restart-limits',
  title: 'Restart limits count within their window; failing setups are retried only within limits',
  rules: ['SUP-07', 'SUP-08', 'SUP-09', 'LIF-06'],
  requires: ['supervision.restart', 'supervision.restart-limit', 'time.manual'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    maxLayers: 1,
    minLayers: 1,
    // Every failure meets the supervisor: one that does not match would stop the actor before its window closes.
    errorScoping: false,
    // Restart twice as likely as the others: limits are what this property is about.
    strategies: ['restart', 'restart', 'resume', 'stop'],
    limits: true,
    initialActors: { min: 1, max: 1 },
    steps: { spawn: 1, ping: 1, fail: 6, advance: 3, failNextSetup: 2 },
    maxAdvanceMs: 250,
    maxSteps: 15,
  },
  numRuns: 150,
};

/**
 * Setups that throw, on the first start and during restarts, under every strategy: a first
 * start is retried only by a limited restart or a backoff, a restart's setup is another attempt
 * of the same strategy. One layer, for the reasons given at {@link restartLimits}.
 *
 * @public
 */
export const setupFailures: PropertyFamily = {
  id: 'supervision.setup-failures',
  title: 'A failing first setup is retried only within limits; a failing restart setup is another attempt',
  rules: ['SUP-08', 'SUP-09'],
  requires: ['supervision.restart'],
  profile: {
    ...baseProfile,
    maxDepth: 1,
    maxChildren: 1,
    maxLayers: 1,
    minLayers: 1,
    strategies: ['restart', 'restart', 'restart', 'backoff', 'resume', 'stop'],
    limits: true,
    steps: { spawnFailing: 3, spawn: 1, failNextSetup: 4, fail: 4, advance: 2, ping: 1 },
    maxSteps: 12,
  },
  numRuns: 100,
};

/**
 * First starts that fail inside nested supervisors. Without limits or backoff every layer gives
 * up on a first start (SUP-08): whichever matches, the actor stops, and mail then sent to it
 * comes back as dead letters (LIF-08). Restarts whose setup fails are left out, for the reasons
 * given at {@link restartLimits}.
 *
 * @public
 */
export const nestedStartFailures: PropertyFamily = {
  id: 'supervision.nested-start-failures',
  title: 'A first start failing inside nested supervisors stops the actor, whichever layer decides',
  rules: ['SUP-08', 'SUP-05'],
  requires: ['supervision.nesting'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    maxLayers: 3,
    minLayers: 2,
    strategies: ['stop', 'resume', 'restart'],
    // No actor that started well to take the mail: tells find only the stopped ones.
    initialActors: { min: 0, max: 0 },
    steps: { spawnFailing: 3, spawn: 1, ping: 3 },
    tellStopped: true,
    maxSteps: 8,
  },
  numRuns: 40,
};

/**
 * Handlers that return their behavior wrapped in another supervisor: one for an error type
 * already supervised replaces that supervisor (SUP-06), others stack inside (SUP-05). The added
 * supervisors resume, stop, or restart with limit 0, which hands the failure outwards, so a
 * replaced supervisor shows by its absence; a restart brings the blueprint's supervisors back.
 *
 * @public
 */
export const replacement: PropertyFamily = {
  id: 'supervision.replacement',
  title: 'A supervisor a handler adds replaces one for the same error type instead of stacking inside it',
  rules: ['SUP-06', 'SUP-05'],
  requires: ['supervision.nesting'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    // One layer from the blueprint: the added ones make the stacks.
    maxLayers: 1,
    minLayers: 1,
    strategies: ['restart', 'resume', 'stop'],
    initialActors: { min: 1, max: 1 },
    steps: { ping: 1, fail: 4, supervise: 4 },
    // Pekko drops every same-type supervisor around the returned behavior, not only the nearest
    // (InterceptorImpl deduplicates against the whole stack): generate deep replacements too.
    deepReplacement: true,
    maxSteps: 12,
  },
  numRuns: 100,
};

/** Exponential backoff with buffering of what arrives meanwhile. @public */
export const backoff: PropertyFamily = {
  id: 'supervision.backoff',
  title: 'Backoff restarts after the computed delay and delivers buffered messages in order',
  rules: ['SUP-10', 'SUP-11'],
  requires: ['supervision.backoff', 'time.manual'],
  profile: {
    ...baseProfile,
    maxDepth: 0,
    minLayers: 1,
    strategies: ['backoff', 'backoff', 'backoff', 'restart'],
    // Every failure meets the backoff and one actor takes every step: counts must survive to grow and reset.
    errorScoping: false,
    initialActors: { min: 1, max: 1 },
    limits: true,
    steps: { ping: 1, fail: 4, advance: 5, burst: 2, failNextSetup: 1 },
    // Mail to an actor that stopped (a maximum reached, also by a restart whose setup failed) must be dead letters (LIF-08).
    tellStopped: true,
    // Advances short enough for failures to come before the count resets (reaching a maximum)
    // and long enough for a quiet spell to reset it (SUP-11).
    maxAdvanceMs: 120,
    maxSteps: 15,
  },
  numRuns: 200,
};

/**
 * Named family "child stop on restart": trees of children, restarts that stop them (or keep
 * them), messages to children and parents around the restart.
 *
 * @public
 */
export const childStopOnRestart: PropertyFamily = {
  id: 'supervision.child-stop-on-restart',
  title: 'A restart signals PreRestart, stops every child, then re-runs setup (unless children are kept)',
  rules: ['SUP-03', 'SUP-12', 'SUP-13', 'SUP-07', 'WATCH-10', 'LIF-04', 'LIF-05'],
  requires: ['supervision.restart'],
  profile: {
    ...baseProfile,
    maxDepth: 2,
    // Every parent has a child for its restart to stop (SUP-12) or keep (SUP-13).
    minChildren: 1,
    // A restart that waits for children completes through every supervisor around the restarting
    // one, and only the restarting one starts afresh: an inner limit keeps counting (SUP-07).
    maxLayers: 2,
    limits: true,
    strategies: ['restart', 'restart', 'backoff', 'stop'],
    keepChildren: true,
    watchModes: ['none', 'watch', 'watchWith'],
    steps: { ping: 2, fail: 6, spawnChild: 1, stopChild: 1, advance: 1, burst: 2 },
    maxSteps: 14,
  },
  numRuns: 150,
};
