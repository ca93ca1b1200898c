import type { Capability } from '../../spec/index.js';
import type { ChildWatchMode, SupervisorStrategy } from '../../spec/model/index.js';

/** Kinds of steps a property may generate, beyond spawning top-level actors. @public */
export type StepKind =
  | 'ping'
  | 'fail'
  | 'stop'
  | 'unhandled'
  | 'burst'
  | 'spawnChild'
  | 'stopChild'
  | 'watch'
  | 'watchWith'
  | 'unwatch'
  | 'stash'
  | 'unstash'
  | 'timer'
  | 'advance'
  | 'failNextSetup'
  | 'spawnFailing'
  | 'supervise'
  | 'become';

/** The commands a `stash` step can put in the stash buffer (`clearStash` only when a profile weighs it). @public */
export type StashedCommandKind = 'ping' | 'fail' | 'stop' | 'unhandled' | 'clearStash';

/**
 * What a property generates, as data: the shapes of actor trees, the strategies they use and
 * the weights of step kinds. The engine removes whatever the adapter's capabilities cannot
 * express before generating (a step kind, a strategy, a watch mode…), so a family degrades
 * gracefully instead of failing on an adapter that lacks a feature.
 *
 * @public
 */
export interface GenerationProfile {
  /** Depth of blueprint trees below the top-level actor (0 = no children). */
  readonly maxDepth: number;
  /** Children per actor in a blueprint. */
  readonly maxChildren: number;
  /** At least this many children per actor above the deepest level (at most `maxChildren`; default 0). */
  readonly minChildren?: number;
  /** Supervision layers per actor (more than one needs `supervision.nesting`). */
  readonly maxLayers: number;
  /** At least this many layers per actor (at most `maxLayers`). */
  readonly minLayers?: number;
  /** Whether layers may be scoped to error types; false: every layer catches `any`. */
  readonly errorScoping?: boolean;
  /** Strategy kinds to draw from. */
  readonly strategies: readonly SupervisorStrategy['kind'][];
  /** Whether restart strategies may carry a limit, backoff a max restart count. */
  readonly limits: boolean;
  /**
   * Whether backoff strategies may hold only a few messages during their delay, so mail sent
   * meanwhile overflows (SUP-10; needs `supervision.restart-buffer`; default false).
   */
  readonly smallRestartBuffers?: boolean;
  /** Whether restarts (plain or backoff) may keep children (`stopChildren: false`). */
  readonly keepChildren: boolean;
  /** How parents may watch the children their setup spawns. */
  readonly watchModes: readonly ChildWatchMode[];
  /** Whether actors may leave `Terminated` unhandled (death pact). */
  readonly unhandledTerminated: boolean;
  /** Whether actors get stash buffers. */
  readonly stash: boolean;
  /**
   * Relative weights of the commands a `stash` step puts in the buffer (absent: ping and fail
   * 2 each, stop and unhandled 1 each; at least one weight must be positive).
   */
  readonly stashedCommands?: Partial<Record<StashedCommandKind, number>>;
  /** Capacity of the stash buffers when `stash` is on (default 1 to 3). */
  readonly stashCapacity?: { readonly min: number; readonly max: number };
  /** Whether actors may throw from their Terminated handler (SUP-14). */
  readonly terminatedFailures: boolean;
  /** Whether actors may throw from their PreRestart/PostStop handlers (LIF-10). */
  readonly signalHandlerFailures: boolean;
  /** Top-level actors spawned before the generated steps. */
  readonly initialActors: { readonly min: number; readonly max: number };
  /** Relative weights of step kinds (absent or 0: never). */
  readonly steps: Partial<Record<StepKind | 'spawn', number>>;
  /**
   * Whether a supervisor a handler adds may replace a same-type one that is not the innermost
   * active supervisor (SUP-06; default true). When false, such a `supervise` step does nothing.
   */
  readonly deepReplacement?: boolean;
  /**
   * Whether a `tell` or `burst` step that finds no live actor goes to a stopped one instead of
   * doing nothing, so messages reach an actor after it stopped (LIF-08: dead letters). Default false.
   */
  readonly tellStopped?: boolean;
  /** Largest single clock advance, in ms. */
  readonly maxAdvanceMs: number;
  /** Upper bound on generated steps per run. */
  readonly maxSteps: number;
}

/** The capabilities each step kind needs. @public */
export const stepCapabilities: Readonly<Record<StepKind, readonly Capability[]>> = {
  ping: [],
  fail: [],
  stop: [],
  unhandled: [],
  burst: [],
  spawnChild: [],
  stopChild: ['lifecycle.stop-child'],
  watch: ['watch'],
  watchWith: ['watch', 'watch.with-message'],
  unwatch: ['watch'],
  stash: ['stash'],
  unstash: ['stash'],
  timer: ['timers', 'time.manual'],
  advance: ['time.manual'],
  failNextSetup: [],
  spawnFailing: [],
  supervise: ['supervision.nesting'],
  become: ['behaviors.markers'],
};

/** The capabilities each strategy kind needs. @public */
export const strategyCapabilities: Readonly<Record<SupervisorStrategy['kind'], readonly Capability[]>> = {
  stop: [],
  resume: ['supervision.resume'],
  restart: ['supervision.restart'],
  backoff: ['supervision.backoff', 'time.manual'],
};
