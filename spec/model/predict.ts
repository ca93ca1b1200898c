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
 * produces once the system settles. Where the rules accept several outcomes (timers of several
 * actors due at one instant, see {@link predictOutcomes}), this is the first of them. Pure:
 * `state` is not modified.
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
  return simulate(state, operation, []).prediction;
}

/** At most this many orders are tried for one operation (all of them for 3 actors each with a timer and a replay due at one instant: 90). */
const maxOrders = 256;

/**
 * Every outcome the rules accept for one operation, {@link predict}'s first. Outcomes differ
 * where timers of several actors are due at the same instant: each timer only puts a message in
 * its actor's mailbox and the actors run concurrently, so no rule says which goes first, and
 * what one does may change what happens to the other (a parent's restart that stops its subtree
 * before or after a descendant's backoff restart). A runtime conforms when its history is one
 * of these; the state after the step is that outcome's. Pure: `state` is not modified.
 *
 * @public
 */
export function predictOutcomes(state: ModelState, operation: Operation): Prediction[] {
  const outcomes: Prediction[] = [];
  let order: number[] = [];
  for (let tried = 1; ; tried++) {
    const { prediction, choices, feasible } = simulate(state, operation, order);
    if (feasible || outcomes.length === 0) outcomes.push(prediction);
    // The next order, depth first: advance the last choice that has ways left, drop those after it.
    const taken = choices.map((_, i) => order[i] ?? 0);
    let last = taken.length - 1;
    while (last >= 0 && taken[last]! + 1 >= choices[last]!) last--;
    if (last < 0 || tried >= maxOrders) return outcomes;
    order = [...taken.slice(0, last), taken[last]! + 1];
  }
}

/**
 * One run of the simulation, with the choices of `order` at its choice points; also says how
 * many ways each had and whether the order taken is one a runtime can show.
 */
function simulate(state: ModelState, operation: Operation, order: readonly number[]): { prediction: Prediction; choices: readonly number[]; feasible: boolean } {
  const sim = new Simulation(structuredClone(state), order);
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
    prediction: { expected: sim.expected(), next: sim.state, exercised: [...sim.rules].sort() },
    choices: sim.choices,
    feasible: !sim.infeasible,
  };
}
