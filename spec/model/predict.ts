import type { ExpectedHistory } from './ExpectedHistory.js';
import type { ModelState } from './ModelState.js';
import type { Operation } from './Operation.js';
import type { HistoryEvent } from './HistoryEvent.js';
import { Chooser, searchObserved, searchOrders, type Reporting, type SearchStep } from './_internals/search.js';
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
 * actors due at one instant, notices overtaking queued messages, see {@link predictOutcomes}),
 * this is the first of them: the reference runtime's. Pure:
 * `state` is not modified.
 *
 * Per actor the order of this outcome is fixed, except among notices from actors that stopped
 * together (other outcomes place notices elsewhere among the queued messages, see
 * {@link predictMatching}); across actors only the happens-before edges the rules state are required (children's
 * `PostStop` before the parent's, `PreRestart` before the children's `PostStop`s before the
 * new setup, a stopped actor's `PostStop` before its watchers hear of it, a parent's setup
 * before its children's).
 *
 * @public
 */
export function predict(state: ModelState, operation: Operation): Prediction {
  return simulate(state, operation, new Chooser()).prediction!;
}

/** At most this many orders are tried for one operation (all of them for 3 actors each with a timer and a replay due at one instant: 90). */
const maxOrders = 256;

/** At most this many runs of the simulation when searching for the observed history (pruned runs end early). */
const maxSearch = 4096;

/**
 * Every outcome the rules accept for one operation, {@link predict}'s first, up to 256 orders.
 * Outcomes differ where the rules leave the runtime a choice: timers of several actors due at
 * the same instant (each only puts a message in its actor's mailbox and the actors run
 * concurrently, so no rule says which goes first) and a termination notice, which may overtake
 * the messages waiting for its watcher (Pekko handles it as a system message) or not. What one
 * choice does may change what happens next (a parent's restart that stops its subtree before
 * or after a descendant's backoff restart; a second `watch` of a dead actor after or before the
 * first one's notice). A runtime conforms when its history is one of these; the state after the
 * step is that outcome's. Pure: `state` is not modified. {@link predictMatching} searches the
 * same outcomes guided by an observed history.
 *
 * @public
 */
export function predictOutcomes(state: ModelState, operation: Operation): Prediction[] {
  const outcomes: Prediction[] = [];
  searchOrders(
    (order) => {
      const step = simulate(state, operation, new Chooser(order));
      // An order no runtime can show is kept only when there is nothing else to show.
      if (!step.feasible && outcomes.length === 0) outcomes.push(step.prediction!);
      return step;
    },
    (prediction) => {
      outcomes.push(prediction);
      return false;
    },
    maxOrders,
  );
  return outcomes;
}

/**
 * How an adapter reports an event the model expects: `required` (it must show it), `optional`
 * (it may), `absent` (it cannot, e.g. a signal whose capability it does not declare).
 *
 * @public
 */
export type EventReporting = Reporting;

/**
 * The outcome the rules accept for one operation that `accept` takes for the observed history,
 * or `undefined` when there is none: a search over the choices the rules leave (see
 * {@link predictOutcomes}), depth first, cut short wherever the events predicted so far cannot
 * be the observed ones (an event required more often than observed, or two events of one actor
 * the other way round). `reporting` says which predicted events the observer can see.
 *
 * @public
 */
export function predictMatching(
  state: ModelState,
  operation: Operation,
  observed: readonly HistoryEvent[],
  accept: (prediction: Prediction) => boolean,
  reporting: (event: HistoryEvent) => EventReporting = () => 'required',
): Prediction | undefined {
  return searchObserved(observed, { reporting, ordered: true, budget: maxSearch }, (chooser) => run(state, operation, chooser), accept);
}

/** One run of the simulation along the choices of `chooser`, with how many ways each choice point had. */
function simulate(state: ModelState, operation: Operation, chooser: Chooser): SearchStep<Prediction> {
  return { ...run(state, operation, chooser), ways: chooser.ways };
}

/** The prediction along the choices of `chooser`, and whether the order taken is one a runtime can show. */
function run(state: ModelState, operation: Operation, chooser: Chooser): { prediction: Prediction; feasible: boolean } {
  const sim = new Simulation(structuredClone(state), chooser);
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
  return { prediction: { expected: sim.expected(), next: sim.state, exercised: [...sim.rules].sort() }, feasible: !sim.infeasible };
}
