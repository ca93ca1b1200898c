import type { HookDirective } from '../../spec/model/index.js';
import type { PropertyFamily } from '../engine/PropertyFamily.js';

/** Kinds of steps a hooks property generates. @public */
export type HookStepKind = 'spawn' | 'send' | 'stop' | 'failNextRead' | 'failNextWrite' | 'advance';

/** Kinds of commands a hooks property sends. @public */
export type HookCommandKind = 'add' | 'crash' | 'watch';

/**
 * What a hooks property generates: weights of steps and commands, the directives, start delays
 * and extensions its actors get, and how many children and top-level names there are.
 *
 * @public
 */
export interface HookProfile {
  readonly steps: Partial<Record<HookStepKind, number>>;
  readonly commands: Partial<Record<HookCommandKind, number>>;
  /** Directives to draw from (`none`: no directive, the actor stops); `escalate` only for children. */
  readonly directives: readonly (HookDirective | 'none')[];
  /** Start delays (virtual ms) of top-level actors; children start at once. */
  readonly startDelaysMs: readonly number[];
  /**
   * When the adapter declares `hookPolicy.startTimeout`: the time limit of every top-level start hook (longer than any
   * delay), and now and then a start hook that never finishes, for an actor that does not restart.
   */
  readonly startTimeoutMs?: number;
  /** Ids of the suite extensions actors may look up (with `extensions`). */
  readonly extensions: readonly string[];
  /** Most children a top-level actor spawns. */
  readonly maxChildren: number;
  /** Distinct top-level names (fewer: more stop-then-start round trips on one key). */
  readonly names: number;
  /** Longest burst of commands sent without settling. */
  readonly maxBurst: number;
  readonly maxSteps: number;
}

/** A named hooks property and the rules it checks. @public */
export type HookFamily = PropertyFamily<HookProfile>;
