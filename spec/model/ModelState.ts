import type { ActorBlueprint, ChildWatchMode, SupervisionLayer } from './ActorBlueprint.js';
import type { ActorCommand, StashableCommand } from './ActorCommand.js';
import type { ErrorHierarchy } from './ErrorHierarchy.js';

/** Restart bookkeeping of one supervision layer; it survives restarts, like the supervisor itself. @public */
export interface LayerState {
  /** Restarts counted so far (within the window for `restart`, consecutive for `backoff`). */
  restartCount: number;
  /** End of the restart-limit window (exclusive), or null before the first counted restart. */
  deadline: number | null;
}

/** What a delivery carries to an actor's mailbox. @public */
export type DeliveryBody =
  | { readonly kind: 'command'; readonly command: ActorCommand }
  | {
      readonly kind: 'notice';
      /** The actor that stopped. */
      readonly of: string;
      /** Its uid: a later actor at the same path is another actor, whose watch this notice must not consume. */
      readonly ofUid?: number;
      /** Name of the error that stopped it, when the receiver is its parent and it failed. */
      readonly failure: string | null;
      /** It failed while starting: the cause may be reported wrapped as an initialization error. */
      readonly duringStart: boolean;
      /** The watch was registered after the target had already stopped (WATCH-03). */
      readonly late?: boolean;
    }
  | { readonly kind: 'backoffRestart'; readonly layer: number }
  | { readonly kind: 'backoffReset'; readonly layer: number; readonly token: number };

/**
 * A message, notice or internal signal on its way to an actor. `uid` pins it to one actor
 * instance (a later actor at the same path must not get it); `cause` lists events that
 * happened before it was sent; deliveries with the same `wave` come from actors that stopped
 * together, so their relative order is not fixed.
 *
 * @public
 */
export interface Delivery {
  readonly to: string;
  readonly uid: number | null;
  readonly cause: readonly number[];
  readonly wave: number | null;
  readonly body: DeliveryBody;
  /** Rules of the situation that sent it (a fired timer, a released restart buffer…): they require what its handling emits. */
  readonly reasons?: readonly string[];
}

/** A pending timer of the model: an actor timer, a scheduled backoff restart or a backoff reset. @public */
export interface ModelTimer {
  readonly due: number;
  readonly seq: number;
  readonly path: string;
  readonly uid: number;
  /** For actor timers, the user key; internal timers use a reserved key. */
  readonly key: string;
  readonly body: DeliveryBody;
}

/** One live actor of the model (absent from the state once stopped). @public */
export interface ActorModel {
  readonly path: string;
  readonly uid: number;
  readonly parent: string | null;
  readonly blueprint: ActorBlueprint;
  /** `running`: handles its mailbox; `restarting`: waiting for a backoff delay, buffering. */
  phase: 'running' | 'restarting';
  /** An incarnation finished setup and is active (it would get `PostStop`). */
  live: boolean;
  /** Some setup of this actor ever succeeded; until then every failure is a failure to start. */
  started?: boolean;
  /** Pings handled by the current incarnation. */
  count: number;
  /** Rules that decided `count`: SUP-03 when the incarnation came from a restart, SUP-02 after a resume. */
  countRules?: string[];
  /** Paths of live children, in spawn order. */
  children: string[];
  /** Death watches this actor holds, by target path. */
  watching: Record<string, Exclude<ChildWatchMode, 'none'>>;
  /** Targets this actor unwatched and has not watched again (for exercising WATCH-04). */
  unwatched: string[];
  /** Per watched target, the incarnation number at registration (for exercising WATCH-09). */
  watchedIn: Record<string, number>;
  /** Per watched target path, the uid of the actor watched there: a watch is on one actor, not on its name. */
  watchedUid?: Record<string, number>;
  stash: StashableCommand[];
  layers: LayerState[];
  /** Supervisors a handler added (SUP-06), innermost first; they sit inside every blueprint layer still active. */
  added?: SupervisionLayer[];
  /** Indexes of blueprint layers a same-type supervisor replaced (SUP-06). */
  dropped?: number[];
  /**
   * Whether blueprint layers for the same error type as an inner one were merged away at start,
   * as Pekko's interceptor de-duplication does in `preStart` (the inner one stays); decided the
   * first time a failure is handed past the inner one, undefined until then.
   */
  mergedAtStart?: boolean;
  /** The marker behavior a `become` command installed (LIF-11); absent while the actor's own behavior runs. */
  marker?: 'empty' | 'ignore';
  /** Deliveries held while restarting (SUP-10). */
  buffer: Delivery[];
  /** Capacity of `buffer` for the restart in progress. */
  bufferCapacity: number;
}

/**
 * The whole model state between operations. Plain data: it can be cloned, printed and
 * compared.
 *
 * @public
 */
export interface ModelState {
  readonly hierarchy: ErrorHierarchy;
  /** Virtual time, in ms. */
  now: number;
  /** Source of unique numbers (actor uids, timer order, waves). */
  seq: number;
  /** Live actors by path. */
  actors: Record<string, ActorModel>;
  /** Setup attempts per path over the whole run (the recorder counts the same way). */
  incarnations: Record<string, number>;
  /** Errors that the next setup attempts at a path must throw, in order. */
  armedSetupFailures: Record<string, string[]>;
  timers: ModelTimer[];
  /** Actor timers a restart or stop cancelled, with the instant they would have fired (LIF-07). */
  cancelledTimers: { readonly path: string; readonly due: number }[];
  /** Every path that ever held an actor, in first-spawn order. */
  everSpawned: string[];
  /** For paths whose last actor stopped because of a failure: the error's name (and whether it was during start). */
  deaths: Record<string, { readonly failure: string; readonly duringStart: boolean }>;
}

/** The state of a run before any operation. @public */
export function initialModelState(hierarchy: ErrorHierarchy): ModelState {
  return {
    hierarchy,
    now: 0,
    seq: 0,
    actors: {},
    incarnations: {},
    armedSetupFailures: {},
    timers: [],
    cancelledTimers: [],
    everSpawned: [],
    deaths: {},
  };
}

/** Paths of the actors alive in `state`, oldest first. @public */
export function livePaths(state: ModelState): string[] {
  return state.everSpawned.filter((p) => state.actors[p] !== undefined);
}
