// Mutation testing of the reference runtime's core, judged by the conformance suite alone.
// `npm run mutation` (scripts/mutation/run.ts) runs this and builds reports/mutation/rules.md.
// docs/mutation.md explains the scope, the score and every survivor.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: {
    configFile: 'vitest.mutation.config.ts',
    // The entry reaches src/ only through the adapter; no need to ask vitest for related files.
    related: false,
  },
  // The runtime core: actor machinery, supervision, signals, watch, stash and Durable State.
  // Left out, each for a reason: the stores (src/persistence/stores, checked by the store suite,
  // which is not this run), the testkit, the public facades that only forward to _internals
  // (ActorSystem.ts, StashBuffer.ts, …), errors.ts (constructors and message text), Logger.ts,
  // Clock.ts (the suite drives its own clock) and FaultInjectingDurableStateStore (a test tool).
  mutate: [
    'src/_internals/**/*.ts',
    'src/Behaviors.ts',
    'src/SupervisorStrategy.ts',
    'src/Signal.ts',
    'src/persistence/DurableStateBehavior.ts',
    'src/persistence/Effect.ts',
    'src/persistence/_internals/**/*.ts',
  ],
  // What the suite cannot judge by design is ignored with a reason (scripts/mutation/ignorers.mjs):
  // error and log wording, argument validation (the suite builds only valid configurations) and
  // Log events. Strings that decide behaviour (signal names, event types) stay mutated.
  // Equivalent mutants are disabled line by line in src/ with `// Stryker disable` and a reason.
  plugins: ['@stryker-mutator/*', './scripts/mutation/ignorers.mjs'],
  ignorers: ['conformance-scope'],
  // Only what the entry needs is copied to the sandbox; in particular no unit test exists there.
  ignorePatterns: ['/*', '!/src', '!/spec', '!/conformance', '!/test', '/test/*', '!/test/mutation', '!/scripts', '!/package.json', '!/tsconfig.json', '!/vitest.mutation.config.ts'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 1,
  timeoutMS: 10_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};

export default config;
