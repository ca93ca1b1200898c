import { hierarchyProblems, type ErrorHierarchy } from '../../spec/model/index.js';
import type { ErrorClass, ErrorRegistry, RuntimeErrorClasses } from '../contract/ErrorRegistry.js';

type Constructible = new (message?: string) => Error;

/**
 * Turns an error hierarchy into real classes (`class E2 extends E1`), joined with the
 * runtime's own error classes, so `instanceof` in the runtime sees the declared subtyping.
 */
export function realiseErrors(hierarchy: ErrorHierarchy, runtimeErrors: RuntimeErrorClasses): ErrorRegistry {
  const problems = hierarchyProblems(hierarchy);
  if (problems.length > 0) throw new TypeError(`invalid error hierarchy: ${problems.join('; ')}`);
  const classes = new Map<string, Constructible>();
  const names = new Map<Function, string>();
  for (const declaration of hierarchy) {
    const base: Constructible = declaration.parent === undefined ? Error : classes.get(declaration.parent)!;
    const name = declaration.name;
    // A computed key gives the class its declared name, which shows up in stack traces.
    const made = {
      [name]: class extends base {
        readonly code = `TEST_${name}`;
        constructor(message?: string) {
          super(message ?? `test error ${name}`);
          this.name = name;
        }
      },
    }[name]!;
    classes.set(name, made);
    names.set(made, name);
  }
  const runtimeKinds = Object.entries(runtimeErrors).filter((entry): entry is [string, ErrorClass] => entry[1] !== undefined);
  return {
    classOf(name: string): ErrorClass {
      const found = classes.get(name) ?? runtimeErrors[name as keyof RuntimeErrorClasses];
      if (!found) throw new TypeError(`no error class named ${name} in this run`);
      return found;
    },
    create(name: string): Error {
      const made = classes.get(name);
      if (!made) throw new TypeError(`no test error named ${name} in this run`);
      return new made();
    },
    nameOf(error: unknown): string {
      if (typeof error === 'object' && error !== null) {
        const own = names.get(error.constructor);
        if (own !== undefined) return own;
        for (const [kind, cls] of runtimeKinds) if (error instanceof cls) return kind;
        return error.constructor.name;
      }
      return String(error);
    },
  };
}
