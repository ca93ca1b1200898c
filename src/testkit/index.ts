export { ManualClock } from '../Clock.js';
export { ActorTestKit } from './ActorTestKit.js';
export type { ActorTestKitOptions, ManualTime } from './ActorTestKit.js';
export { TestProbe, ProbeAssertionError, DEFAULT_PROBE_TIMEOUT_MS } from './TestProbe.js';
