import {
  initialDurableState,
  predictDurable,
  resolveDurable,
  type DurableModelState,
  type DurableOperation,
  type DurablePrediction,
} from '../../../../spec/model/index.js';

/** The durable model's prediction of the last operation, every earlier one observed exactly as required. */
export function lastPrediction(operations: readonly DurableOperation[], latency: number): DurablePrediction {
  let state: DurableModelState = initialDurableState(latency);
  let last: DurablePrediction | undefined;
  for (const operation of operations) {
    last = predictDurable(state, operation);
    state = resolveDurable(last.next, last.expected.events.filter((e) => !e.optional).map((e) => e.event));
  }
  return last!;
}
