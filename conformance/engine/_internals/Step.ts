import { describeOperation, type Operation } from '../../../spec/model/index.js';
import { PositionalStep } from './PositionalStep.js';
import type { RunDriver } from './RunDriver.js';
import { resolveStep, type RunModel } from './resolve.js';
import type { StepTemplate } from './StepTemplate.js';

/** One generated actor step: resolved by position, applied and checked by the {@link RunDriver}. */
export class Step extends PositionalStep<StepTemplate, Operation, RunModel, RunDriver> {
  protected resolve(m: RunModel): Operation | undefined {
    return resolveStep(this.template, m);
  }

  protected describe(operation: Operation): string {
    return describeOperation(operation);
  }

  protected apply(operation: Operation, m: RunModel, driver: RunDriver): Promise<void> {
    return driver.apply(operation, m);
  }
}
