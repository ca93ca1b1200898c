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
import { advanceClock } from '../../_internals/advanceClock.js';
import { defaultSettle } from '../../_internals/defaultSettle.js';
import type { HistoryRecorder } from '../../_internals/HistoryRecorder.js';
import type { VirtualClock } from '../../_internals/VirtualClock.js';
import type { SystemUnderTest } from '../../contract/RuntimeAdapter.js';
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
    private readonly sut: SystemUnderTest,
    private readonly recorder: HistoryRecorder,
    private readonly clock: VirtualClock,
    private readonly declared: ReadonlySet<Capability>,
    /** Real milliseconds of quiet the generic settle waits for (`RunOptions.patienceMs`). */
    private readonly patienceMs?: number,
  ) {}

  async apply(operation: Operation, m: RunModel): Promise<void> {
    await this.perform(operation);
    const observed = this.recorder.takeNew();
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

  private async perform(operation: Operation): Promise<void> {
    switch (operation.op) {
      case 'spawn':
        if (operation.failingSetup !== undefined) this.recorder.armSetupFailure(operation.blueprint.name, operation.failingSetup);
        this.sut.spawn(operation.blueprint);
        break;
      case 'tell':
        this.sut.tell(operation.path, operation.command);
        break;
      case 'burst':
        for (const command of operation.commands) this.sut.tell(operation.path, command);
        break;
      case 'failNextSetup':
        this.recorder.armSetupFailure(operation.path, operation.error);
        return;
      case 'advance':
        await advanceClock(this.clock, operation.ms, () => this.settle());
        break;
    }
    await this.settle();
  }

  private async settle(): Promise<void> {
    if (this.sut.settle) await this.sut.settle();
    else await defaultSettle(() => this.recorder.history.length, this.patienceMs);
  }
}
