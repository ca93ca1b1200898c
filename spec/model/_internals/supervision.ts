import type { SupervisionLayer, SupervisorStrategy } from '../ActorBlueprint.js';
import { errorMatches, type ErrorHierarchy } from '../ErrorHierarchy.js';
import type { LayerState } from '../ModelState.js';

/** Pekko's default capacity of the buffer that holds messages during a restart (SUP-10). */
export const defaultRestartBufferCapacity = 1000;

/** Index of the innermost layer that catches `errorName`, or -1 (SUP-04, SUP-05). */
export function decidingLayer(hierarchy: ErrorHierarchy, layers: readonly SupervisionLayer[], errorName: string): number {
  return layers.findIndex((layer) => errorMatches(hierarchy, errorName, layer.on));
}

/** Whether the restart-limit window is still open (no window yet counts as open). */
export function windowOpen(layer: LayerState, now: number): boolean {
  return layer.deadline === null || now < layer.deadline;
}

/**
 * Whether a restart strategy has used up its budget, so the next failure stops the actor
 * (SUP-07 for `restart.withLimit`, SUP-11 for `withMaxRestarts`).
 */
export function budgetExhausted(strategy: SupervisorStrategy, layer: LayerState, now: number): boolean {
  if (strategy.kind === 'restart') {
    return strategy.limit !== undefined && layer.restartCount >= strategy.limit.max && windowOpen(layer, now);
  }
  if (strategy.kind === 'backoff') return strategy.maxRestarts !== undefined && layer.restartCount >= strategy.maxRestarts;
  return false;
}

/**
 * Whether a failure of the very first setup is final (SUP-08): resume, stop and unlimited
 * `restart` never retry it; a limited restart or a backoff retries it as a restart that counts
 * toward its limit, so it is final once the budget is used.
 */
export function firstStartFailureIsFinal(strategy: SupervisorStrategy, layer: LayerState, now: number): boolean {
  if (strategy.kind === 'backoff') return budgetExhausted(strategy, layer, now);
  if (strategy.kind !== 'restart' || strategy.limit === undefined) return true;
  return budgetExhausted(strategy, layer, now);
}

/**
 * Whether Pekko gives up on a failed very first setup under a limited `restart` where
 * {@link firstStartFailureIsFinal} retries: Pekko's `RestartSupervisor.handleExceptionOnStart`
 * does not retry when `restartCount + 1 >= maxRestarts` while the window is open, so
 * `withLimit(1, …)` never retries a first start (later setup failures count as SUP-09 says).
 * The rules accept both (a freedom, see ADAPTERS.md "Freedoms").
 */
export function firstStartFailureMayBeFinal(strategy: SupervisorStrategy, layer: LayerState, now: number): boolean {
  return strategy.kind === 'restart' && strategy.limit !== undefined && layer.restartCount + 1 >= strategy.limit.max && windowOpen(layer, now);
}

/** Counts one restart: the limit window opens at the first counted restart and restarts the count once closed. */
export function countRestart(strategy: SupervisorStrategy, layer: LayerState, now: number): void {
  if (strategy.kind === 'backoff') {
    layer.restartCount += 1;
    return;
  }
  const open = windowOpen(layer, now);
  const withinMs = strategy.kind === 'restart' && strategy.limit ? strategy.limit.withinMs : 0;
  if (layer.deadline === null || !open) layer.deadline = now + withinMs;
  layer.restartCount = open ? layer.restartCount + 1 : 1;
}

/** The delay before backoff restart number `priorRestarts + 1`, with random factor 0 (SUP-11). */
export function backoffDelay(minMs: number, maxMs: number, priorRestarts: number): number {
  return Math.min(maxMs, minMs * 2 ** priorRestarts);
}

/** How long a backoff supervisor waits without failure before forgetting its count (SUP-11). */
export function backoffResetAfter(strategy: { minMs: number; maxMs: number; resetAfterMs?: number }): number {
  return strategy.resetAfterMs ?? (strategy.minMs + strategy.maxMs) / 2;
}
