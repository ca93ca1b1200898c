import type { ActorBlueprint, SupervisionLayer } from '../../../spec/model/index.js';
import type { StashedCommandKind } from '../GenerationProfile.js';

/**
 * A generated step before it meets a model state. Actors, errors and children are chosen by
 * position (`index` modulo what exists when the step runs), so every step stays meaningful
 * while shrinking removes the ones before it.
 */
export type StepTemplate =
  | { readonly step: 'spawn'; readonly blueprint: ActorBlueprint; readonly failing?: number }
  | { readonly step: 'tell'; readonly target: number; readonly command: CommandTemplate }
  | { readonly step: 'burst'; readonly target: number; readonly commands: readonly CommandTemplate[] }
  | { readonly step: 'advance'; readonly ms: number }
  | { readonly step: 'failNextSetup'; readonly target: number; readonly error: number };

/** A command with positional references, resolved against the model when the step runs. */
export type CommandTemplate =
  | { readonly kind: 'ping' }
  | { readonly kind: 'fail'; readonly error: number }
  | { readonly kind: 'stop' }
  | { readonly kind: 'unhandled' }
  | { readonly kind: 'spawn'; readonly child: ActorBlueprint }
  | { readonly kind: 'stopChild'; readonly child: number }
  | { readonly kind: 'watch' | 'watchWith' | 'unwatch'; readonly target: number }
  | { readonly kind: 'stash'; readonly command: StashedCommandKind; readonly error: number }
  | { readonly kind: 'unstashAll' }
  | { readonly kind: 'unstash'; readonly n: number }
  | { readonly kind: 'startTimer'; readonly key: number; readonly delayMs: number }
  | { readonly kind: 'cancelTimer'; readonly key: number }
  /** `replacing`: take the error type of the innermost active supervisor, so the new one replaces it. */
  | { readonly kind: 'supervise'; readonly layer: SupervisionLayer; readonly replacing: boolean }
  | { readonly kind: 'become'; readonly marker: 'empty' | 'ignore' };
