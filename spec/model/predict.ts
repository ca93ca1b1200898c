import type { ExpectedHistory } from './ExpectedHistory.js';
import type { ModelState } from './ModelState.js';
import type { Operation } from './Operation.js';
import { Simulation } from './_internals/Simulation.js';

/**
 * The model's answer for one operation: the history the rules allow, the state after it, and
 * the rule IDs whose situation this operation actually reached.
 *
 * @public
 */
export interface Prediction {
  readonly expected: ExpectedHistory;
  readonly next: ModelState;
  readonly exercised: readonly string[];
}

/**
 * The oracle: from a model state and one operation, the events every conforming runtime
 * produces once the system settles. Pure: `state` is not modified.
 *
 * Per actor the order is fixed, except among notices from actors that stopped together;
 * across actors only the happens-before edges the rules state are required (children's
 * `PostStop` before the parent's, `PreRestart` before the children's `PostStop`s before the
 * new setup, a stopped actor's `PostStop` before its watchers hear of it, a parent's setup
 * before its children's).
 *
 * @public
 */
export function predict(state: ModelState, operation: Operation): Prediction {
  const sim = new Simulation(structuredClone(state));
  switch (operation.op) {
    case 'spawn':
      if (operation.failingSetup !== undefined) sim.armSetupFailure(operation.blueprint.name, operation.failingSetup);
      sim.spawnTopLevel(operation.blueprint);
      break;
    case 'tell':
      sim.tell(operation.path, [operation.command]);
      break;
    case 'burst':
      sim.tell(operation.path, operation.commands);
      break;
    case 'advance':
      sim.advance(operation.ms);
      break;
    case 'failNextSetup':
      sim.armSetupFailure(operation.path, operation.error);
      break;
  }
  return {
    expected: sim.expected(),
    next: sim.state,
    exercised: [...sim.rules].sort(),
  };
}
