import type { Scenario } from '../scenario.js';
import { cliStartScenarios } from './cliStart.js';
import { deepTree } from './deepTree.js';
import { durableStateScenarios } from './durableState.js';
import { pingPong } from './pingPong.js';
import { restart } from './restart.js';
import { spawnStop } from './spawnStop.js';
import { tell } from './tell.js';

/** Every scenario `npm run bench` knows, by name. */
export const scenarios: readonly Scenario[] = [tell, pingPong, spawnStop, restart, deepTree, ...durableStateScenarios, ...cliStartScenarios];
