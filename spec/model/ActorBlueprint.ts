import type { ErrorMatcher } from './ErrorHierarchy.js';

/** Stop the actor on a matching failure (the typed default, SUP-01). @public */
export interface StopStrategy {
  readonly kind: 'stop';
}

/** Drop the failing message and keep behavior and state (SUP-02). @public */
export interface ResumeStrategy {
  readonly kind: 'resume';
}

/**
 * Re-run setup with fresh state (SUP-03). `limit` allows at most `max` restarts within
 * `withinMs` of the first counted one (SUP-07); `stopChildren: false` keeps children across
 * the restart (SUP-13); `bufferCapacity` bounds the messages held while restarting (SUP-10).
 *
 * @public
 */
export interface RestartStrategy {
  readonly kind: 'restart';
  readonly limit?: { readonly max: number; readonly withinMs: number };
  readonly stopChildren?: boolean;
  readonly bufferCapacity?: number;
}

/**
 * Restart after `min(maxMs, minMs·2^n)` ms for the n-th consecutive restart (random factor 0),
 * forget the count after `resetAfterMs` without failure (default `(minMs+maxMs)/2`), stop
 * after `maxRestarts` (SUP-11). Like a plain restart, `stopChildren: false` keeps children
 * (SUP-13) and `bufferCapacity` bounds the messages held while backing off (SUP-10).
 *
 * @public
 */
export interface BackoffStrategy {
  readonly kind: 'backoff';
  readonly minMs: number;
  readonly maxMs: number;
  readonly maxRestarts?: number;
  readonly resetAfterMs?: number;
  readonly stopChildren?: boolean;
  readonly bufferCapacity?: number;
}

/** Any supervisor strategy a blueprint may use. @public */
export type SupervisorStrategy = StopStrategy | ResumeStrategy | RestartStrategy | BackoffStrategy;

/** One `supervise(...).onFailure(on, strategy)` wrapper. @public */
export interface SupervisionLayer {
  /** Error name of the test hierarchy, a runtime error kind, or `'any'`. */
  readonly on: ErrorMatcher;
  readonly strategy: SupervisorStrategy;
}

/** How a parent registers death watch on the children its setup spawns. @public */
export type ChildWatchMode = 'none' | 'watch' | 'watchWith';

/**
 * A test actor as data. The adapter realises it as one generic behavior: setup reports
 * itself, spawns `children` (every incarnation) and watches them per `watchChildren`; the
 * behavior then interprets {@link ActorCommand}s.
 *
 * @public
 */
export interface ActorBlueprint {
  /** Name among its siblings; logical paths join names with `/`. */
  readonly name: string;
  /** Supervision wrappers, innermost first. Empty means unsupervised. */
  readonly supervision: readonly SupervisionLayer[];
  /** Children spawned by setup, in this order, on every incarnation. */
  readonly children: readonly ActorBlueprint[];
  /** Whether setup watches the children it spawns, and how. */
  readonly watchChildren: ChildWatchMode;
  /** When false, a `Terminated`/`ChildFailed` signal is left unhandled, which raises a death pact (WATCH-06). */
  readonly handlesTerminated: boolean;
  /** Capacity of the actor's stash buffer; 0 means the actor does not stash. */
  readonly stashCapacity: number;
  /** When set, handling a `Terminated`/`ChildFailed` signal records it and then throws this error (SUP-14). */
  readonly failOnTerminated?: string;
  /** When set, the `PreRestart` and `PostStop` handlers throw this error after recording the signal (LIF-10). */
  readonly signalHandlerFailure?: string;
}

/** Logical path of a child: `parent/name`, or just `name` at the top. @public */
export function childPath(parent: string | null, name: string): string {
  return parent === null ? name : `${parent}/${name}`;
}

/** The parent part of a logical path, or null for a top-level actor. @public */
export function parentPath(path: string): string | null {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? null : path.slice(0, cut);
}

/** The options plain and backoff restarts share, as `describeStrategy` shows them. */
function restartOptions(strategy: RestartStrategy | BackoffStrategy): string[] {
  return [strategy.stopChildren === false ? 'keep children' : '', strategy.bufferCapacity !== undefined ? `buffer ${strategy.bufferCapacity}` : ''];
}

function describeStrategy(strategy: SupervisorStrategy): string {
  switch (strategy.kind) {
    case 'stop':
    case 'resume':
      return strategy.kind;
    case 'restart': {
      const parts = [
        strategy.limit ? `limit ${strategy.limit.max}/${strategy.limit.withinMs}ms` : '',
        ...restartOptions(strategy),
      ].filter((p) => p !== '');
      return parts.length > 0 ? `restart(${parts.join(', ')})` : 'restart';
    }
    case 'backoff': {
      const parts = [
        `${strategy.minMs}..${strategy.maxMs}ms`,
        strategy.maxRestarts !== undefined ? `max ${strategy.maxRestarts}` : '',
        strategy.resetAfterMs !== undefined ? `reset ${strategy.resetAfterMs}ms` : '',
        ...restartOptions(strategy),
      ].filter((p) => p !== '');
      return `backoff(${parts.join(', ')})`;
    }
  }
}

/**
 * A compact, readable rendering of a blueprint tree for counterexamples, e.g.
 * `a0[E1→restart(limit 2/100ms); watch; unhandled]{c0, c1[stash 2]}`.
 *
 * @public
 */
export function describeBlueprint(blueprint: ActorBlueprint): string {
  const traits = [
    blueprint.supervision.map((l) => `${l.on}→${describeStrategy(l.strategy)}`).join(' in '),
    blueprint.watchChildren !== 'none' ? blueprint.watchChildren : '',
    blueprint.handlesTerminated ? '' : 'unhandled',
    blueprint.stashCapacity > 0 ? `stash ${blueprint.stashCapacity}` : '',
    blueprint.failOnTerminated !== undefined ? `throws ${blueprint.failOnTerminated} on Terminated` : '',
    blueprint.signalHandlerFailure !== undefined ? `signal handlers throw ${blueprint.signalHandlerFailure}` : '',
  ].filter((t) => t !== '');
  const children = blueprint.children.length > 0 ? `{${blueprint.children.map(describeBlueprint).join(', ')}}` : '';
  return `${blueprint.name}${traits.length > 0 ? `[${traits.join('; ')}]` : ''}${children}`;
}
