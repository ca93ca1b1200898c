import type fc from 'fast-check';

/**
 * A generated step as a fast-check command. It always applies: its positional template is
 * resolved against the model when it runs (a step with nothing to act on does nothing), so
 * shrinking can drop any step without invalidating the rest. It prints as what it last did.
 */
export abstract class PositionalStep<Template, Operation, M extends object, R> implements fc.AsyncCommand<M, R> {
  private shown: string | undefined;

  constructor(readonly template: Template) {}

  check(): boolean {
    return true;
  }

  async run(m: M, real: R): Promise<void> {
    const operation = this.resolve(m);
    this.shown = operation === undefined ? '(no-op)' : this.describe(operation);
    if (operation !== undefined) await this.apply(operation, m, real);
  }

  toString(): string {
    return this.shown ?? JSON.stringify(this.template);
  }

  /** The concrete operation for the current model, or undefined when nothing fits. */
  protected abstract resolve(m: M): Operation | undefined;
  /** A readable rendering for counterexamples. */
  protected abstract describe(operation: Operation): string;
  /** Applies the operation to the system and checks what it observed against the model. */
  protected abstract apply(operation: Operation, m: M, real: R): Promise<void>;
}
