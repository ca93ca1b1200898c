export { ManualClock } from '../Clock.js';
