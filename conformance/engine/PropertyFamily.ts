import type { Capability } from '../../spec/index.js';
import type { GenerationProfile } from './GenerationProfile.js';

/**
 * A named model-based property: what it generates and which rules it checks. The rules are
 * the ones its runs can reach; each run reports the ones it actually did.
 *
 * @public
 */
export interface PropertyFamily<Profile = GenerationProfile> {
  /** Stable identifier, e.g. `supervision.child-stop-on-restart`. */
  readonly id: string;
  /** One line for reports. */
  readonly title: string;
  /** Rule IDs this property checks. */
  readonly rules: readonly string[];
  /** Capabilities without which the property cannot run at all (it is then skipped). */
  readonly requires: readonly Capability[];
  /** What it generates; reduced to the adapter's capabilities before use. */
  readonly profile: Profile;
  /** Runs per check (keep the whole suite within its time budget). */
  readonly numRuns: number;
}
