/**
 * Thrown inside a property run when the observed history of one operation is not one the
 * model allows. Carries what a reader needs to understand the counterexample.
 *
 * @public
 */
export class ConformanceViolation extends Error {
  readonly code = 'CONFORMANCE_VIOLATION';
  constructor(
    /** The operation whose history diverged, rendered. */
    readonly operation: string,
    /** What is wrong: missing, unexpected or misordered events. */
    readonly problems: readonly string[],
    /** The suspects: the rules behind the diverging events (`blameRules`), or those the operation reached. */
    readonly suspects: readonly string[],
    /** The events observed for the operation. */
    readonly observed: readonly string[],
    /** The events the model expected, in one allowed order. */
    readonly expected: readonly string[],
    /** The run up to and including the diverging operation: each operation and the events it produced. */
    readonly excerpt: readonly string[],
    /** Whether `suspects` are the rules behind the diverging events, rather than all the rules the operation reached. */
    readonly pinpointed = false,
  ) {
    super(
      [
        `after ${operation}:`,
        ...problems.map((p) => `  - ${p}`),
        `  observed: ${observed.length === 0 ? '(nothing)' : observed.join(' | ')}`,
        `  expected: ${expected.length === 0 ? '(nothing)' : expected.join(' | ')}`,
      ].join('\n'),
    );
    this.name = 'ConformanceViolation';
  }
}
