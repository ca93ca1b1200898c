import type { RuntimeErrorKind } from '../../spec/model/index.js';

/** A constructor of errors, as used with `instanceof`. @public */
export type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The run's error hierarchy realised as real JS classes (`class E2 extends E1`), plus the
 * runtime's own error classes for the kinds it raises itself. The adapter never defines
 * error classes; it looks them up here.
 *
 * @public
 */
export interface ErrorRegistry {
  /** The class for a hierarchy name or a runtime kind (`'DeathPact'`, …); throws for unknown names. */
  classOf(name: string): ErrorClass;
  /** A fresh instance of a hierarchy error, to throw. */
  create(name: string): Error;
  /**
   * The name to report for a caught error: its hierarchy name, its runtime kind, or
   * `'ActorInitialization'` / the constructor name for anything else.
   */
  nameOf(error: unknown): string;
}

/** The classes of errors a runtime raises by itself, by kind. @public */
export type RuntimeErrorClasses = Partial<Record<RuntimeErrorKind | 'ActorInitialization', ErrorClass>>;
