import type { Capability } from '../../../spec/index.js';
import {
  blameRules,
  checkHistory,
  describeEvent,
  describeOperation,
  predict,
  predictMatching,
  type Operation,
} from '../../../spec/model/index.js';
import type { Action } from '../../harness/protocol/messages.js';
import type { RemoteRun } from '../AdapterPort.js';
import { ConformanceViolation } from '../ConformanceViolation.js';
import type { RunModel } from './resolve.js';
import { eventReporting, reportableHistory } from './undeclaredEvents.js';

/**
 * The real side of a model-based run: applies an operation to the system under test, lets it
 * settle, and compares the new events with the model's prediction.
 */
export class RunDriver {
  /** Rules reached by operations whose history matched. */
  readonly exercised = new Set<string>();
  /** Each applied operation with the events it produced. */
  readonly log: string[] = [];
  private previousRules: readonly string[] = [];

  constructor(
    private readonly run: RemoteRun,
    private readonly declared: ReadonlySet<Capability>,
  ) {}

  async apply(operation: Operation, m: RunModel): Promise<void> {
    const { events: observed } = await this.run.step(actionsOf(operation), operation.op !== 'failNextSetup');
    const prediction = predict(m.state, operation);
    const expected = reportableHistory(prediction.expected, this.declared);
    const verdict = checkHistory(expected, observed);
    const shown = describeOperation(operation);
    this.log.push(`${shown}${observed.length > 0 ? `\n    ${observed.map(describeEvent).join('\n    ')}` : ''}`);
    // Another outcome the rules accept (a notice overtaking queued mail, actors racing on timers
    // due at one instant) may be the one observed; searched for, guided by the observed events,
    // only when the first does not fit, as most steps have no other.
    const outcome = verdict.ok
      ? prediction
      : predictMatching(
          m.state,
          operation,
          observed,
          (other) => checkHistory(reportableHistory(other.expected, this.declared), observed).ok,
          eventReporting(this.declared),
        );
    if (outcome === undefined) {
      throw new ConformanceViolation(
        shown,
        verdict.problems,
        // The rules behind the diverging events; what they cannot explain falls to the step's own
        // rules, or, when it reached none, to the step before it (the likelier cause).
        blameRules(expected, observed, verdict, prediction.exercised.length > 0 ? prediction.exercised : this.previousRules),
        observed.map(describeEvent),
        expected.events.map((e) => `${describeEvent(e.event)}${e.optional ? ' (optional)' : ''}`),
        this.log.slice(-12),
        true,
      );
    }
    m.state = outcome.next;
    this.previousRules = outcome.exercised;
    for (const rule of outcome.exercised) this.exercised.add(rule);
  }
}

/** What an operation asks of the system, as protocol actions (the step settles after them). */
function actionsOf(operation: Operation): Action[] {
  switch (operation.op) {
    case 'spawn':
      return [
        ...(operation.failingSetup !== undefined ? [{ do: 'armSetupFailure' as const, path: operation.blueprint.name, error: operation.failingSetup }] : []),
        { do: 'spawn', blueprint: operation.blueprint },
      ];
    case 'tell':
      return [{ do: 'tell', path: operation.path, command: operation.command }];
    case 'burst':
      return operation.commands.map((command) => ({ do: 'tell' as const, path: operation.path, command }));
    case 'failNextSetup':
      return [{ do: 'armSetupFailure', path: operation.path, error: operation.error }];
    case 'advance':
      return [{ do: 'advance', ms: operation.ms }];
  }
}
