import type { HookFamily } from './HookProfile.js';

/**
 * Named family "start and stop hooks": slow and failing start hooks, messages sent while a
 * start hook is pending, graceful stops that flush and respawns that load.
 *
 * @public
 */
export const startAndStop: HookFamily = {
  id: 'hooks.start-and-stop',
  title: 'Start hooks finish before any message and may fail; stop hooks flush what the next start loads',
  rules: ['HOOK-01', 'HOOK-02', 'HOOK-03'],
  requires: ['hooks'],
  profile: {
    steps: { spawn: 4, send: 4, stop: 3, failNextRead: 1, advance: 2 },
    commands: { add: 4, watch: 1 },
    directives: ['none'],
    startDelaysMs: [0, 5],
    startTimeoutMs: 8,
    extensions: [],
    maxChildren: 1,
    names: 2,
    maxBurst: 3,
    maxSteps: 20,
  },
  numRuns: 60,
};

/**
 * Named family "crash and restart": handler failures under every directive, unflushed state,
 * failed flushes and loads, children of restarting actors.
 *
 * @public
 */
export const crashAndRestart: HookFamily = {
  id: 'hooks.crash-and-restart',
  title: 'After a failure the directive applies; a restart re-derives state from the resource alone and treats children as declared',
  rules: ['HOOK-02', 'HOOK-04', 'HOOK-05', 'HOOK-06', 'HOOK-07'],
  requires: ['hooks', 'supervision.restart'],
  profile: {
    steps: { spawn: 2, send: 5, failNextWrite: 1, failNextRead: 1, advance: 1 },
    commands: { add: 5, crash: 3 },
    directives: ['restart', 'none', 'stop', 'resume', 'restart', 'restart', 'escalate'],
    startDelaysMs: [0, 0, 5],
    extensions: [],
    maxChildren: 2,
    names: 2,
    maxBurst: 3,
    maxSteps: 16,
  },
  numRuns: 50,
};

/** Extensions looked up from every hook of every actor, across restarts and stops. @public */
export const sharedExtensions: HookFamily = {
  id: 'hooks.shared-extensions',
  title: 'Every hook and handler of every actor sees the extension instances registered at system creation',
  rules: ['HOOK-08'],
  requires: ['hooks', 'extensions'],
  profile: {
    steps: { spawn: 2, send: 3, stop: 1 },
    commands: { add: 3, crash: 1 },
    directives: ['none', 'restart'],
    startDelaysMs: [0],
    extensions: ['ext-a', 'ext-b'],
    maxChildren: 1,
    names: 2,
    maxBurst: 2,
    maxSteps: 12,
  },
  numRuns: 20,
};

/** Watchers of hooked actors that stop, fail to start, or stop with their parent. @public */
export const watchers: HookFamily = {
  id: 'hooks.watchers',
  title: 'Watchers hear of a stop only after the stop hook ran, including its flush',
  rules: ['HOOK-09'],
  requires: ['hooks', 'watch'],
  profile: {
    steps: { spawn: 4, send: 5, stop: 2, failNextRead: 1, advance: 1 },
    commands: { watch: 3, add: 2 },
    directives: ['none'],
    startDelaysMs: [0, 5],
    extensions: [],
    maxChildren: 1,
    names: 3,
    maxBurst: 2,
    maxSteps: 20,
  },
  numRuns: 50,
};

/**
 * Stop hooks whose flush the store fails: the stop still completes and watchers hear of it after
 * the hook (HOOK-09; a failing stop hook does not prevent the stop, as LIF-10 says of PostStop). @public
 */
export const failingStopHooks: HookFamily = {
  id: 'hooks.failing-stop-hooks',
  title: 'A stop hook whose flush fails still ends in a stop that watchers hear of',
  rules: ['HOOK-09', 'HOOK-03'],
  requires: ['hooks', 'watch'],
  profile: {
    steps: { spawn: 3, send: 4, stop: 3, failNextWrite: 2 },
    commands: { add: 3, watch: 2 },
    directives: ['none'],
    startDelaysMs: [0],
    extensions: [],
    maxChildren: 1,
    names: 2,
    maxBurst: 2,
    maxSteps: 14,
  },
  numRuns: 30,
};

/** Every hooks property. @public */
export const hookFamilies: readonly HookFamily[] = [startAndStop, crashAndRestart, sharedExtensions, watchers, failingStopHooks];
