import type { Capability } from '../../../spec/index.js';
import { anyError } from '../../../spec/model/index.js';
import { stepCapabilities, strategyCapabilities, type GenerationProfile, type StepKind } from '../GenerationProfile.js';
import { errorCount } from './arbitraries.js';

/** A profile cut down to what an adapter can express, with the error matchers its layers may use. */
export interface EffectiveProfile {
  readonly profile: GenerationProfile;
  readonly matchers: readonly string[];
}

/**
 * Removes from a profile everything the declared capabilities cannot express, so generators
 * never ask an adapter to emulate a feature (ADAPTERS.md §11).
 */
export function effectiveProfile(profile: GenerationProfile, declared: ReadonlySet<Capability>): EffectiveProfile {
  const has = (needs: readonly Capability[]) => needs.every((c) => declared.has(c));
  const steps: Partial<Record<StepKind | 'spawn', number>> = {};
  for (const [kind, weight] of Object.entries(profile.steps) as [StepKind | 'spawn', number][]) {
    if (kind === 'spawn' || has(stepCapabilities[kind])) steps[kind] = weight;
  }
  const strategies = profile.strategies.filter((kind) => has(strategyCapabilities[kind]));
  const watchModes = profile.watchModes.filter(
    (mode) =>
      mode === 'none' ||
      (mode === 'watch' && has(['watch', 'watch.child-failed'])) ||
      (mode === 'watchWith' && has(['watch', 'watch.with-message'])),
  );
  const unhandledTerminated = profile.unhandledTerminated && has(['watch', 'watch.death-pact']) && watchModes.includes('watch');
  const matchers = has(['supervision.error-type']) && profile.errorScoping !== false
    ? [anyError, ...Array.from({ length: errorCount }, (_, i) => `E${i}`), ...(unhandledTerminated ? ['DeathPact'] : [])]
    : [anyError];
  return {
    profile: {
      ...profile,
      steps,
      strategies: strategies.length > 0 ? strategies : ['stop'],
      watchModes: watchModes.length > 0 ? watchModes : ['none'],
      unhandledTerminated,
      limits: profile.limits && has(['supervision.restart-limit', 'time.manual']),
      keepChildren: profile.keepChildren && has(['supervision.stop-children-toggle']),
      smallRestartBuffers: profile.smallRestartBuffers === true && has(['supervision.restart-buffer']),
      stash: profile.stash && has(['stash']),
      terminatedFailures: profile.terminatedFailures && has(['watch']) && watchModes.includes('watch'),
      signalHandlerFailures: profile.signalHandlerFailures && has(['lifecycle.pre-restart', 'lifecycle.post-stop']),
      maxLayers: has(['supervision.nesting']) ? profile.maxLayers : Math.min(1, profile.maxLayers),
    },
    matchers,
  };
}
