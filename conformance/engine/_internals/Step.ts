import type fc from 'fast-check';
import { describeOperation } from '../../../spec/model/index.js';
import type { RunDriver } from './RunDriver.js';
import { resolveStep, type RunModel } from './resolve.js';
import type { StepTemplate } from './StepTemplate.js';

/**
 * One generated step as a fast-check command. It always applies: the positional template is
 * resolved against the model when it runs (a step with nothing to act on does nothing), so
 * shrinking can drop any step without invalidating the rest.
 */
export class Step implements fc.AsyncCommand<RunModel, RunDriver> {
  private shown: string | undefined;

  constructor(readonly template: StepTemplate) {}

  check(): boolean {
    return true;
  }

  async run(m: RunModel, driver: RunDriver): Promise<void> {
    const operation = resolveStep(this.template, m);
    this.shown = operation ? describeOperation(operation) : '(no-op)';
    if (operation) await driver.apply(operation, m);
  }

  toString(): string {
    return this.shown ?? JSON.stringify(this.template);
  }
}
