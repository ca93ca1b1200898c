/**
 * A hooked actor as data: an object-style actor in the GoAkt manner whose start hook loads its
 * state from the suite's durable resource, whose handler adds to that state in memory (and
 * flushes it on chosen commands), and whose stop hook flushes what is left (HOOK rules).
 *
 * @packageDocumentation
 */

/**
 * What the supervisor does when the actor's handler fails (HOOK-06). `escalate` hands the
 * failure to the parent, which fails in turn (WATCH-07); only children may escalate.
 *
 * @public
 */
export type HookDirective = 'stop' | 'resume' | 'restart' | 'escalate';

/**
 * A hooked actor. Its start hook, on every incarnation: reports that it started, looks up
 * each of `extensions`, waits `startDelayMs` on the suite clock, loads `(state, revision)` of
 * its resource key (its path; empty: 0 at revision 0) and reports it, then spawns `children`.
 * Its handler interprets {@link HookCommand}s. Its stop hook looks up the extensions, reports,
 * and flushes the in-memory state when it differs from the last flush.
 *
 * @public
 */
export interface HookedActorBlueprint {
  /** Name among its siblings; a top-level actor's path is its name, a child's is `parent/name`. */
  readonly name: string;
  /** Virtual ms the start hook waits before loading (0: it loads at once, still asynchronously). */
  readonly startDelayMs: number;
  /**
   * The start hook never finishes (it waits for nothing that comes); only given with
   * `startTimeoutMs`, and only to actors without a restarting directive.
   */
  readonly startHangs?: boolean;
  /** Virtual ms the runtime gives the start hook; past it the start fails (HOOK-02). Only given longer than `startDelayMs`, or to a hanging hook. */
  readonly startTimeoutMs?: number;
  /** What a handler failure leads to; none: the actor stops (HOOK-06). */
  readonly directive?: HookDirective;
  /** Ids of suite extensions looked up in every hook and handler call (HOOK-08). */
  readonly extensions: readonly string[];
  /** Spawned by the start hook of every incarnation once the state is loaded. */
  readonly children: readonly HookedActorBlueprint[];
}

/**
 * A message the suite sends to a hooked actor:
 * - `add`: add `by` to the in-memory state; with `flush`, write the state to the resource
 *   (the next revision) before handling anything else;
 * - `crash`: throw from the handler;
 * - `watch`: watch the actor at `target`, asking for a notice the handler reports (HOOK-09).
 *
 * @public
 */
export type HookCommand =
  | { readonly kind: 'add'; readonly id: number; readonly by: number; readonly flush: boolean }
  | { readonly kind: 'crash'; readonly id: number }
  | { readonly kind: 'watch'; readonly id: number; readonly target: string };

/** Where an extension was looked up. @public */
export type HookSite = 'preStart' | 'receive' | 'postStop';

/**
 * One extension lookup as the suite saw it: which actor, from which hook, which id, and
 * whether the instance it got is the one the suite registered (HOOK-08).
 *
 * @public
 */
export interface ExtensionLookup {
  readonly path: string;
  readonly site: HookSite;
  readonly id: string;
  readonly same: boolean;
}

/** A readable rendering of a hook command. @public */
export function describeHookCommand(command: HookCommand): string {
  switch (command.kind) {
    case 'add':
      return `add#${command.id} ${command.by}${command.flush ? ' and flush' : ''}`;
    case 'crash':
      return `crash#${command.id}`;
    case 'watch':
      return `watch#${command.id} ${command.target}`;
  }
}

/** A one-line rendering of an extension lookup. @public */
export function describeExtensionLookup(lookup: ExtensionLookup): string {
  return `${lookup.path}: ${lookup.site} looked up ${lookup.id}${lookup.same ? '' : ' (ANOTHER INSTANCE)'}`;
}

/** A one-line rendering of a blueprint, children included. @public */
export function describeHookedActor(actor: HookedActorBlueprint): string {
  const parts = [
    actor.startHangs === true ? 'start hangs' : actor.startDelayMs > 0 ? `start ${actor.startDelayMs} ms` : '',
    actor.startTimeoutMs !== undefined ? `start timeout ${actor.startTimeoutMs} ms` : '',
    actor.directive ? `on failure ${actor.directive}` : '',
    actor.extensions.length > 0 ? `uses ${actor.extensions.join('+')}` : '',
    actor.children.length > 0 ? `children [${actor.children.map(describeHookedActor).join('; ')}]` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? `${actor.name} (${parts.join(', ')})` : actor.name;
}
