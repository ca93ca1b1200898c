/**
 * The files `conformance init` writes: a commented adapter skeleton in which every member throws
 * "not implemented yet", a vitest file that runs the suite against it, and a short README. The
 * capability list and the runtime error kinds are generated from the spec, so the skeleton
 * always offers exactly what this version of the kit knows.
 */
import { capabilities, capabilityRole, type Capability } from '../../../spec/index.js';
import { runtimeErrorKinds, type RuntimeErrorKind } from '../../../spec/model/index.js';

/**
 * The sections of `conformance/ADAPTERS.md` the skeleton points to, with the start of each
 * heading's title (a test checks that ADAPTERS.md still has them under these numbers).
 */
export const guideSections = {
  adapter: { number: 1, title: 'The runtime adapter' },
  blueprints: { number: 2, title: 'Blueprints' },
  commands: { number: 3, title: 'Commands' },
  probe: { number: 4, title: 'What to report' },
  capabilities: { number: 6, title: 'Capabilities' },
  running: { number: 7, title: 'Running it' },
  durable: { number: 8, title: 'Durable entities' },
  cannotExpress: { number: 11, title: 'When your runtime cannot express something' },
} as const;

type Section = keyof typeof guideSections;

/** The package the generated files import from (the user's project depends on it). */
const kit = 'actor-conformance';

const ref = (section: Section): string => `§${guideSections[section].number}`;

/** The one capability the skeleton declares: every runtime property observes PostStop. */
const baseline: Capability = 'lifecycle.post-stop';

/** What each error kind the runtime may raise itself is (the keys of `runtimeErrors`). */
const errorKindMeaning: Record<RuntimeErrorKind | 'ActorInitialization', string> = {
  DeathPact: 'a watcher left Terminated unhandled (watch.death-pact)',
  StashOverflow: 'a stash buffer was full (stash)',
  WatchConflict: 'watch and watchWith on the same target without unwatch between them',
  ActorInitialization: 'the stop cause your runtime reports for an actor whose first setup failed',
};

/** The capability lines of the skeleton: the baseline declared, every other runtime capability commented out, each with its definition. */
function capabilityLines(): string[] {
  const runtime = (Object.keys(capabilities) as Capability[]).filter((c) => capabilityRole(c) === 'runtime');
  const width = Math.max(...runtime.map((c) => c.length)) + 4;
  return runtime.map((c) => {
    const entry = `'${c}',`.padEnd(width);
    return c === baseline ? `    ${entry}   // ${capabilities[c]} (almost every property needs it)` : `    // ${entry}// ${capabilities[c]}`;
  });
}

function errorKindLines(): string[] {
  const kinds = [...runtimeErrorKinds, 'ActorInitialization' as const];
  return kinds.map((k) => `    // ${k}: My${k}Error, // ${errorKindMeaning[k]}`);
}

/** One member of `SystemUnderTest` as the skeleton writes it. */
interface SkeletonMember {
  readonly name: string;
  readonly parameters: string;
  readonly section: Section;
  /** Its TSDoc, one line per entry. */
  readonly doc: readonly string[];
}

/**
 * Every member of `SystemUnderTest`, in the order an author fills them in (a test checks this
 * list against the interface, so a new member of the contract cannot be left out).
 */
const systemMembers: readonly SkeletonMember[] = [
  {
    name: 'spawn',
    parameters: 'blueprint',
    section: 'blueprints',
    doc: [
      'Creates a top-level actor from `blueprint`; its logical path is `blueprint.name`.',
      'Realise every blueprint with one generic behavior, whose setup (on every incarnation):',
      'calls `env.probe.setupStarted(path)` first (it throws when the suite wants the attempt',
      'to fail: let that escape), spawns `blueprint.children`, starts a message counter at 0 in',
      'a closure (a restart resets it), and is wrapped in `blueprint.supervision`, innermost',
      "first. Signals go to `env.probe.signal(path, 'PreRestart' | 'PostStop')`.",
    ],
  },
  {
    name: 'tell',
    parameters: 'path, command',
    section: 'commands',
    doc: [
      'Sends `command` to the actor at logical path `path`; drops it when nothing lives there.',
      'The generic behavior interprets it: `ping` reports `env.probe.received(path, id, count)`',
      'then counts, `fail` throws `env.errors.create(error)`, `stop` stops the actor, and so on.',
      `What to report, and when: ADAPTERS.md ${ref('probe')}. Every command:`,
    ],
  },
  {
    name: 'settle',
    parameters: '',
    section: 'adapter',
    doc: [
      'Optional: resolves once nothing is left to process (mailboxes empty, no stop or restart',
      'in flight; pending timers do not count). Delete this member if your runtime cannot tell:',
      'the suite then waits until the history stops growing.',
    ],
  },
  { name: 'shutdown', parameters: '', section: 'adapter', doc: ['Stops everything; events recorded afterwards are ignored.'] },
  {
    name: 'spawnEntity',
    parameters: 'entity',
    section: 'durable',
    doc: [
      'Only with the `durable-state` capability; delete it otherwise. Creates a top-level',
      'durable-state entity: a counter that reads and writes only through `env.durable.store`',
      'and reports to `env.durable.probe`.',
    ],
  },
  { name: 'tellEntity', parameters: 'path, command', section: 'durable', doc: ['Only with `durable-state`; delete it otherwise. Sends `command` to the durable entity at `path`.'] },
  {
    name: 'spawnHooked',
    parameters: 'actor',
    section: 'adapter',
    doc: [
      'Only with the `hooks` capability; delete it otherwise. Creates a top-level hooked actor',
      '(GoAkt style: a start hook loads its state from `env.hooks.resource`, a stop hook flushes',
      'it) that reports to `env.hooks.probe`; the contract is `HookEnvironment` in',
      'actor-conformance/conformance.',
    ],
  },
  { name: 'tellHooked', parameters: 'path, command', section: 'adapter', doc: ['Only with `hooks`; delete it otherwise. Sends `command` to the hooked actor at `path`, a child included.'] },
  { name: 'stopHooked', parameters: 'path', section: 'adapter', doc: ['Only with `hooks`; delete it otherwise. Stops the top-level hooked actor at `path` gracefully, from outside.'] },
];

/** The names of the `SystemUnderTest` members the skeleton writes. */
export const skeletonSystemMembers: readonly string[] = systemMembers.map((m) => m.name);

/** Writes a member throwing "not implemented yet", with its TSDoc ending in its ADAPTERS.md section. */
function memberLines({ name, parameters, section, doc }: SkeletonMember): string[] {
  const sectionSentence = `ADAPTERS.md ${ref(section)}.`;
  return [
    '    /**',
    ...[...doc.slice(0, -1), `${doc.at(-1) ?? ''} ${sectionSentence}`].map((line) => `     * ${line}`),
    '     */',
    `    ${name}(${parameters}) {`,
    `      throw new NotImplementedYet('${name}', '${ref(section)}');`,
    '    },',
  ];
}

/** `adapter.ts`: the skeleton of a runtime adapter for `runtimeName`. */
export function adapterSource(runtimeName: string): string {
  return [
    '/**',
    ` * Conformance adapter for ${runtimeName}, generated by \`conformance init\`.`,
    ' *',
    ' * The suite never calls your runtime directly. It describes small test actors as data',
    ' * (blueprints) and sends them commands; this adapter builds them with your runtime\'s own API,',
    ' * and the actors report what happens through `env.probe`. A model predicts the reports and',
    ' * the suite compares the two, rule by rule.',
    ' *',
    ' * Fill in every member that throws "not implemented yet", top to bottom. Each one names the',
    ' * section of ADAPTERS.md that specifies it (node_modules/actor-conformance/conformance/ADAPTERS.md);',
    ' * docs/writing-an-adapter.md in the actor-conformance repository fills one in, step by step.',
    ' */',
    `import type { RuntimeAdapter, SystemUnderTest, TestEnvironment } from '${kit}/conformance';`,
    '',
    '/** What every member that is not filled in yet throws; delete it once none is left. */',
    'class NotImplementedYet extends Error {',
    "  readonly code = 'NOT_IMPLEMENTED_YET';",
    '',
    '  constructor(member: string, section: string) {',
    '    super(`not implemented yet: ${member} — see ADAPTERS.md ${section}`);',
    "    this.name = 'NotImplementedYet';",
    '  }',
    '}',
    '',
    '/**',
    ` * Starts one fresh system of your runtime. The suite calls it once per generated run, hundreds`,
    ` * of times per property, so keep it cheap. ADAPTERS.md ${ref('adapter')}.`,
    ' */',
    'function startSystem(env: TestEnvironment): SystemUnderTest {',
    '  // Create a system of your runtime here. Give it `env.clock` for every timer, restart window',
    '  // and backoff: only the suite moves time. Keep a map from logical paths (`a0`, `a0/c1`) to',
    '  // your refs, and one back from refs to paths, because commands and reports name paths.',
    '  return {',
    ...systemMembers.flatMap(memberLines),
    '  };',
    '}',
    '',
    `/** ${runtimeName} as the conformance suite sees it. ADAPTERS.md ${ref('adapter')}. */`,
    'export const adapter: RuntimeAdapter = {',
    '  /** Your runtime\'s name, as the reports show it. */',
    `  name: '${runtimeName}',`,
    '  /** The version of your runtime under test. */',
    "  version: '0.0.0',",
    '  /**',
    `   * What your runtime can express (ADAPTERS.md ${ref('capabilities')}). The suite never generates what you`,
    '   * leave out: the rules that need it are reported skipped, naming the capability, never',
    '   * failed. Uncomment a capability once your runtime has the feature and the adapter realises',
    `   * it; never emulate a missing feature in the adapter (${ref('cannotExpress')}).`,
    '   */',
    '  capabilities: [',
    ...capabilityLines(),
    '  ],',
    '  /**',
    '   * The classes of the errors your runtime raises by itself, by kind, matched with',
    `   * \`instanceof\`; leave it \`{}\` when it raises none (ADAPTERS.md ${ref('adapter')}, ${ref('cannotExpress')}).`,
    '   */',
    '  runtimeErrors: {',
    ...errorKindLines(),
    '  },',
    '  /**',
    "   * Only with the `hooks` capability: the choices the HOOK rules leave open. Does a restart",
    "   * stop the children ('stopped', as Pekko) or rebuild them ('rebuilt', as GoAkt)? Does the",
    "   * stop hook run before a restart ('never' | 'always'; leave it out when it depends)?",
    '   */',
    "  // hookPolicy: { restartedChildren: 'stopped', stopHookOnRestart: 'never' },",
    '  /** Called once per generated run. */',
    '  start: (env) => startSystem(env),',
    '};',
    '',
    'export default adapter;',
    '',
  ].join('\n');
}

/** `adapter.test.ts`: the suite as vitest tests, one per rule. */
export function testSource(): string {
  return [
    '// The conformance suite against ./adapter.ts as vitest tests: one test per rule, titled',
    '// "<ID> [<LEVEL>] <title>". Rules needing a capability the adapter does not declare are',
    '// skipped with the reason; a failure prints the shrunk counterexample and its replay token.',
    '//   npx vitest run <this folder>',
    `import { conformanceSuite } from '${kit}/vitest';`,
    "import { adapter } from './adapter.js';",
    '',
    '// Options: { seed } repeats the same cases, { numRuns } sets the runs per property,',
    "// { rules: ['SUP-07'] } runs only some rules.",
    'conformanceSuite(adapter);',
    '',
  ].join('\n');
}

/** `README.md`: what was generated and the next steps. */
export function readmeSource(runtimeName: string, folder: string): string {
  return [
    `# Conformance adapter for ${runtimeName}`,
    '',
    'Generated by `npx conformance init`. Two files:',
    '',
    '- `adapter.ts`: the adapter skeleton. Every member throws `not implemented yet: <member> — see',
    '  ADAPTERS.md §N` until you fill it in; §N is the section of',
    '  `node_modules/actor-conformance/conformance/ADAPTERS.md` that specifies it.',
    '- `adapter.test.ts`: the suite as vitest tests, one per rule.',
    '',
    '## Next steps',
    '',
    '1. Fill in `startSystem` and its members in `adapter.ts`, top to bottom, and uncomment the',
    '   capabilities your runtime has. `docs/writing-an-adapter.md` in the actor-conformance',
    '   repository does this for a toy runtime, step by step.',
    `2. Run the suite: \`npx conformance --adapter ${folder}/adapter.ts\` (reports in \`reports/\`),`,
    `   or \`npx vitest run ${folder}\`.`,
    '3. Read a failure: the shrunk counterexample (the spawned blueprints and the operations), the',
    '   events that diverged, and a replay token. Rerun exactly that case with',
    `   \`npx conformance --adapter ${folder}/adapter.ts --replay <token>\`.`,
    '',
    'Until a member is filled in, the run reports it: `not implemented yet: spawn — see ADAPTERS.md §2`.',
    '',
  ].join('\n');
}
