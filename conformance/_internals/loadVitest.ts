/** `actor-conformance/vitest` was imported where vitest is not installed (it is an optional peer). @public */
export class VitestMissingError extends Error {
  readonly code = 'VITEST_MISSING';
  constructor() {
    super('actor-conformance/vitest needs vitest, an optional peer dependency: run `npm install --save-dev vitest` (or run the suite with `npx actor-conformance` instead)');
    this.name = 'VitestMissingError';
    // One line, not a stack through the module loader: the fix is all the user needs.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The vitest API, or {@link VitestMissingError} when the package is not installed. */
export async function loadVitest(importVitest: () => Promise<typeof import('vitest')> = () => import('vitest')): Promise<typeof import('vitest')> {
  try {
    return await importVitest();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes("'vitest'")) throw new VitestMissingError();
    throw error;
  }
}
