/**
 * The closed vocabulary of the rule registry: areas, levels, roles, source kinds and
 * capabilities. Rules may only use words declared here; `validateRegistry` enforces it.
 *
 * @packageDocumentation
 */

/** Rule areas, keyed by the ID prefix used in rule IDs (`SUP-07`). */
export const areas = {
  LIF: { title: 'Lifecycle and signals', slug: 'lifecycle', role: 'runtime' },
  SUP: { title: 'Supervision', slug: 'supervision', role: 'runtime' },
  WATCH: { title: 'Watch and failure bubbling', slug: 'watch', role: 'runtime' },
  STASH: { title: 'Stash buffers', slug: 'stash', role: 'runtime' },
  DS: { title: 'Durable state behavior', slug: 'durable-state', role: 'runtime' },
  STORE: { title: 'Durable state store contract', slug: 'store', role: 'store' },
  HOOK: { title: 'Persistence through lifecycle hooks', slug: 'hooks', role: 'runtime' },
  TAG: { title: 'Tagging and change queries', slug: 'tagging', role: 'store' },
} as const satisfies Record<string, { title: string; slug: string; role: Role }>;

/** An area ID, the prefix of every rule ID in that area. */
export type AreaId = keyof typeof areas;

/** Every area ID in catalog order. */
export const areaIds = Object.keys(areas) as AreaId[];

/**
 * Requirement strengths in the RFC 2119 sense; a rule carries its primary strength.
 */
export const levels = ['MUST', 'SHOULD', 'MAY'] as const;

/** The strength of a rule. */
export type Level = (typeof levels)[number];

/**
 * Which adapter contract checks a rule: the `runtime` adapter (actors, supervision,
 * durable-state behaviors) or the `store` plugin adapter (a durable-state store).
 */
export const roles = {
  runtime: 'Checked through the runtime adapter: actors, supervision, watch, stash, durable-state behaviors',
  store: 'Checked through the store plugin adapter: a durable-state store and its change queries',
} as const;

/** A contract role. */
export type Role = 'runtime' | 'store';

/** Every role in a stable order. */
export const roleIds: readonly Role[] = ['runtime', 'store'];

/** Kinds of source a rule is grounded in, with a description of what the reference holds. */
export const sourceKinds = {
  seed: 'One of the project seed documents: S000 (GoAkt hooks), S001 (Akka Durable State), S003 (Pekko fault tolerance)',
  'pekko-test': 'A public Apache Pekko test, named as "<spec tag> <test name>"',
  'pekko-source': 'A public Apache Pekko source or configuration file',
  'akka-source': 'A public Akka source file',
  'goakt-source': 'A public GoAkt source file',
  'goakt-test': 'A public GoAkt test, named as "<test file path> <TestName> / <subtest>"',
  'goakt-docs': 'A page of the public GoAkt documentation',
  docs: 'Other public documentation (Akka or Pekko docs pages)',
} as const;

/** A source kind. */
export type SourceKind = keyof typeof sourceKinds;

/**
 * Capabilities an adapter declares for its runtime or store. A rule that needs a capability
 * the adapter did not declare is skipped with a reason instead of failing. Fine-grained on
 * purpose: nact can declare resume/restart/stop and `lifecycle.post-stop` but not `watch`,
 * `stash`, `lifecycle.pre-restart` or `supervision.restart-limit`; xstate can declare
 * `watch.child-failed`-like parent notification but not `supervision.resume`.
 */
export const capabilities = {
  'lifecycle.post-stop': 'Behaviors observe a post-stop signal or after-stop hook when the actor stops',
  'lifecycle.pre-restart': 'Behaviors observe a pre-restart signal before a supervised restart',
  'lifecycle.stop-child': 'A parent can stop one of its children through its context',
  'behaviors.markers': 'A handler can replace its behavior with the empty behavior (everything unhandled) or the ignore behavior (everything dropped)',
  'dead-letters': 'Messages that cannot be delivered are published as observable dead-letter events',
  'supervision.resume': 'A supervisor can resume: drop the failing message and keep behavior and state',
  'supervision.restart': 'A supervisor can restart: reinstall the initial behavior after a failure',
  'supervision.restart-limit': 'Restarts can be limited to a count within a time window',
  'supervision.backoff': 'Restarts can be delayed by an exponential backoff',
  'supervision.error-type': 'A supervisor strategy can be scoped to an error type and its subtypes',
  'supervision.nesting': 'Supervisors can be nested, the innermost matching one deciding',
  'supervision.stop-children-toggle': 'A restart can be configured to keep children running',
  'supervision.restart-buffer': 'Messages arriving during a restart are buffered up to a capacity and then dropped with a report',
  timers: 'Actors can schedule messages to themselves with cancellable timers',
  watch: 'An actor can watch another and receive a termination notice',
  'watch.with-message': 'A watch can deliver a custom message instead of the termination notice',
  'watch.child-failed': 'A parent watching a failed child learns the failure cause',
  'watch.death-pact': 'An unhandled termination notice fails the watcher',
  stash: 'Actors own bounded stash buffers to defer messages',
  hooks: 'Actors have start and stop hooks in the GoAkt style (PreStart/PostStop) used for persistence',
  extensions: 'System-wide extensions are registered once and visible to every actor',
  'durable-state': 'Durable-state behaviors that recover from and persist to a store',
  'durable-state.recovery-signals': 'Durable-state behaviors receive RecoveryCompleted and RecoveryFailed signals',
  'durable-state.delete': 'Durable-state behaviors can delete their state',
  'durable-state.user-stash': 'Durable-state behaviors can stash commands explicitly and unstash them after a write',
  'durable-state.stash-capacity': 'The stash capacity of a durable-state behavior can be configured',
  'durable-state.stash-overflow': 'A durable-state behavior reports every command its full stash drops, and can be set to fail instead',
  'durable-state.persist-failure-backoff': 'A durable-state behavior can restart with backoff after a failed write',
  'durable-state.recovery-timeout': 'The recovery timeout of a durable-state behavior can be configured',
  'durable-state.reply-unhandled': 'A durable-state command handler can reply without writing and can leave a command unhandled',
  'durable-state.tags': 'A durable-state behavior can carry a tag that is written with every change',
  store: 'A durable-state store plugin with get, upsert and soft delete',
  'store.revision-check': 'The store rejects an upsert whose revision is not the current revision plus one',
  'store.delete-revision-check': 'The store rejects a delete whose revision is not the current revision plus one',
  'store.hard-delete': 'The store supports a hard delete that forgets the revision',
  'store.tag-queries': 'The store answers finite change queries by tag',
  'store.live-changes': 'The store answers live (never-completing) change queries by tag',
  'time.manual': 'The adapter runs on a manually advanced clock, so time-dependent rules are tested without waiting',
} as const;

/** A capability word. */
export type Capability = keyof typeof capabilities;

/**
 * Capabilities no rule needs: each turns on an option of a behavior that the rules listed
 * describe with its default, so the suite generates more of what those rules cover. A runtime
 * without one is checked on the default alone, never skipped.
 */
export const optionCapabilities: Readonly<Partial<Record<Capability, readonly string[]>>> = {
  /** DS-03's recovery timeout, 30 s by default, set per entity. */
  'durable-state.recovery-timeout': ['DS-03'],
  /** DS-05's reply and unhandled effects, which write nothing. */
  'durable-state.reply-unhandled': ['DS-05', 'DS-17'],
};

/**
 * Which adapter declares a capability: the store plugin adapter declares `store` and
 * `store.*`, the runtime adapter all others. A run combines both declarations, so a rule
 * may need capabilities of both (DS-10 needs a revision-checking store, TAG-01 a tagging runtime).
 */
export function capabilityRole(capability: Capability): Role {
  return capability === 'store' || capability.startsWith('store.') ? 'store' : 'runtime';
}

/** True when `word` is a declared capability. */
export function isCapability(word: string): word is Capability {
  return Object.hasOwn(capabilities, word);
}

/** True when `word` is a declared area ID. */
export function isAreaId(word: string): word is AreaId {
  return Object.hasOwn(areas, word);
}

/** True when `word` is a declared source kind. */
export function isSourceKind(word: string): word is SourceKind {
  return Object.hasOwn(sourceKinds, word);
}

/** True when `word` is a declared level. */
export function isLevel(word: string): word is Level {
  return (levels as readonly string[]).includes(word);
}
