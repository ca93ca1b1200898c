import type { Rule } from '../Rule.js';
import { rulesOf, src } from '../_internals/defineRule.js';

const rule = rulesOf('HOOK');
const pid = src.goakt('actor/pid.go');

/** Persistence through lifecycle hooks in the GoAkt style (HOOK). */
export const hookRules: readonly Rule[] = [
  rule({
    id: 'HOOK-01',
    slug: 'hooks.pre-start.before-messages',
    level: 'MUST',
    title: 'PreStart completes before any message of an incarnation',
    statement:
      'The start hook of every incarnation (spawn, restart, relocation) completes before that incarnation handles any message; a half-initialized actor handles nothing.',
    capabilities: ['hooks'],
    sources: [src.seed('S000'), src.goakt('actor/actor.go PreStart'), src.goaktDocs('docs/actor/lifecycle.mdx')],
    differences: [{ runtime: 'goakt', note: 'Messages queued when a restart begins may be dropped (see SUP-10).' }],
    hints: ['Is an asynchronous start hook awaited before the mailbox opens?'],
  }),
  rule({
    id: 'HOOK-02',
    slug: 'hooks.pre-start.failure',
    level: 'MUST',
    title: 'A failing PreStart prevents the start',
    statement:
      'If the start hook fails or exceeds the initialization timeout, the actor does not start and handles no message: spawning fails, or the supervisor handles the failure.',
    capabilities: ['hooks'],
    sources: [src.goakt('actor/actor.go PreStart'), src.goaktDocs('docs/actor/lifecycle.mdx')],
    hints: ['Is the hook error logged and the actor started anyway?'],
  }),
  rule({
    id: 'HOOK-03',
    slug: 'hooks.round-trip.graceful',
    level: 'MUST',
    title: 'State flushed at graceful stop is loaded at the next start',
    statement: 'State written by the stop hook during a graceful stop or passivation is what the next start hook loads, so a stop-then-start cycle loses nothing that was flushed.',
    capabilities: ['hooks'],
    sources: [src.seed('S000')],
    hints: ['Is the stop hook skipped on passivation?', 'Is the flush awaited before the actor is reported stopped?'],
  }),
  rule({
    id: 'HOOK-04',
    slug: 'hooks.crash.no-post-stop-durability',
    level: 'MUST',
    title: 'Durability does not depend on the stop hook',
    statement:
      'Because the stop hook may not run on a crash restart, only writes made while handling messages survive a crash: after a crash and restart the state equals the last flushed state.',
    capabilities: ['hooks', 'supervision.restart'],
    sources: [src.seed('S003'), pid],
    differences: [
      { runtime: 'pekko', note: 'PostStop never runs on restart.' },
      { runtime: 'goakt', note: 'PostStop is skipped for suspended or faulted actors but runs on a manual restart.' },
    ],
    hints: ['Does the test rely on a flush in the stop hook that a crash skips?'],
  }),
  rule({
    id: 'HOOK-05',
    slug: 'hooks.restart.no-leaked-state',
    level: 'MUST',
    title: 'After a restart, state is what the start hook re-derives',
    statement:
      'After a restart the observable state equals what the start hook derives again; in-memory state of the crashed incarnation does not leak into the new one.',
    capabilities: ['hooks', 'supervision.restart'],
    sources: [src.seed('S003'), pid],
    differences: [{ runtime: 'goakt', note: 'The same actor value is reused, so the start hook must overwrite every field itself.' }],
    hints: ['Is the actor object reused without resetting its fields?'],
  }),
  rule({
    id: 'HOOK-06',
    slug: 'hooks.directives',
    level: 'MUST',
    title: 'Stop, Resume, Restart and Escalate directives',
    statement:
      'The supervisor offers the directives stop, resume, restart and escalate, each with the effect of SUP-01 to SUP-03 and WATCH-07; a panic without a matching directive stops the actor.',
    capabilities: ['hooks', 'supervision.resume', 'supervision.restart'],
    sources: [src.goakt('supervisor/supervisor.go NewSupervisor'), src.goaktDocs('docs/actor/supervision.mdx')],
    differences: [
      { runtime: 'goakt', note: 'An unmatched error or an exhausted restart budget suspends the actor; OneForAll applies a directive to all siblings.' },
      { runtime: 'pekko', note: 'An exhausted budget stops the actor; there is no one-for-all strategy in the typed API.' },
    ],
    hints: ['Is a directive applied to siblings when it should apply to the failing child only?'],
  }),
  rule({
    id: 'HOOK-07',
    slug: 'hooks.restart.children',
    level: 'MAY',
    title: 'A restart may rebuild the child subtree instead of stopping it',
    statement:
      'A runtime may restart the children of a restarting actor (their start hooks run again) instead of stopping them as SUP-12 requires; an adapter declares which it does.',
    capabilities: ['hooks', 'supervision.restart'],
    sources: [pid],
    differences: [{ runtime: 'goakt', note: 'Rebuilds the subtree; Pekko and Akka stop the children.' }],
    hints: ['Does the adapter declare the child policy it really implements?'],
  }),
  rule({
    id: 'HOOK-08',
    slug: 'hooks.extensions.shared',
    level: 'MUST',
    title: 'Extensions are system-wide and the same everywhere',
    statement:
      'Extensions are registered when the system is created, are unique by ID, and the same instance is visible from the start hook, the message handler and the stop hook of every actor; per-actor dependencies are given at spawn.',
    capabilities: ['extensions'],
    sources: [src.seed('S000'), src.goaktDocs('docs/advanced/extensions-and-dependencies.mdx')],
    hints: ['Is a registered extension created again per actor?', 'Does a second registration with the same ID replace the first?'],
  }),
  rule({
    id: 'HOOK-09',
    slug: 'hooks.watch.after-post-stop',
    level: 'MUST',
    title: 'Watchers are notified after the stop hook',
    statement:
      'When a watched actor stops, its watchers receive the termination notice after its stop hook has run, and the watches it held itself are released.',
    capabilities: ['hooks', 'watch'],
    sources: [pid, src.goaktDocs('docs/actor/death-watch.mdx')],
    hints: ['Are watchers notified before the stop hook completes?', 'Does a stopped actor keep receiving notices for actors it watched?'],
  }),
];
