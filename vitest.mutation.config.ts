import { defineConfig } from 'vitest/config';

/**
 * The vitest configuration Stryker runs (`stryker.config.mjs`): the conformance suite's
 * mutation entry and nothing else, so a mutant counts as killed only when the suite catches it
 * (never the unit tests in `test/src/`).
 */
export default defineConfig({
  test: {
    include: ['test/mutation/conformance.mutation.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
