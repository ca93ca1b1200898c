export { ManualClock, SystemClock } from './Clock.js';
export type { Clock, TimerHandle } from './Clock.js';
