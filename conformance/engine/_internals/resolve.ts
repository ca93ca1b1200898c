import {
  childPath,
  livePaths,
  type ActorCommand,
  type ModelState,
  type Operation,
} from '../../../spec/model/index.js';
import type { CommandTemplate, StepTemplate } from './StepTemplate.js';

/** The fast-check model of a run: the oracle's state plus counters that name new things. */
export interface RunModel {
  state: ModelState;
  nextTopLevel: number;
  nextId: number;
  nextSpawned: number;
  /** From the profile: whether `supervise` may replace a supervisor other than the innermost. */
  readonly deepReplacement?: boolean;
  /** From the profile: whether a tell that finds no live actor goes to a stopped one. */
  readonly tellStopped?: boolean;
}

/** A fresh run model around an initial state. */
export function runModel(state: ModelState, deepReplacement = true, tellStopped = false): RunModel {
  return { state, nextTopLevel: 0, nextId: 1, nextSpawned: 0, deepReplacement, tellStopped };
}

/** Where a tell goes: one of `live`, or with `tellStopped` and nothing live, an actor that stopped. */
function recipient(m: RunModel, live: readonly string[], target: number): string | undefined {
  if (live.length > 0 || m.tellStopped !== true) return at(live, target);
  return at(m.state.everSpawned.filter((p) => !m.state.actors[p]), target);
}

const at = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

/**
 * Turns a positional step into a concrete operation against the current model state, or
 * `undefined` when nothing fits (no live actor, no stash, no other actor to watch). Names and
 * ids come from counters in the model, so a replay resolves identically.
 */
export function resolveStep(template: StepTemplate, m: RunModel): Operation | undefined {
  const state = m.state;
  switch (template.step) {
    case 'spawn': {
      const blueprint = { ...template.blueprint, name: `a${m.nextTopLevel++}` };
      return template.failing === undefined ? { op: 'spawn', blueprint } : { op: 'spawn', blueprint, failingSetup: at(state.hierarchy, template.failing)!.name };
    }
    case 'advance':
      return { op: 'advance', ms: template.ms };
    case 'failNextSetup': {
      const live = livePaths(state);
      const unborn = live.flatMap((p) =>
        state.actors[p]!.blueprint.children.map((c) => childPath(p, c.name)).filter((cp) => !state.actors[cp]),
      );
      // Half the time the next top-level actor: its first start fails once it is spawned (SUP-08).
      const next = `a${m.nextTopLevel}`;
      const path = template.target % 2 === 0 ? next : (at([...live, ...unborn], template.target >> 1) ?? next);
      const error = at(state.hierarchy, template.error)!.name;
      return { op: 'failNextSetup', path, error };
    }
    case 'tell': {
      // An unwatch goes to an actor that watches something, when there is one (WATCH-04).
      const watchers = livePaths(state).filter((p) => Object.keys(state.actors[p]!.watching).length > 0);
      const senders = template.command.kind === 'unwatch' && watchers.length > 0 ? watchers : livePaths(state);
      const path = recipient(m, senders, template.target);
      if (path === undefined) return undefined;
      const command = resolveCommand(template.command, path, m);
      return command && { op: 'tell', path, command };
    }
    case 'burst': {
      const path = recipient(m, livePaths(state), template.target);
      if (path === undefined) return undefined;
      const commands = template.commands.flatMap((c) => resolveCommand(c, path, m) ?? []);
      return commands.length === 0 ? undefined : { op: 'burst', path, commands };
    }
  }
}

const deadLetterable: ReadonlySet<CommandTemplate['kind']> = new Set(['ping', 'fail', 'stop', 'unhandled']);

function resolveCommand(template: CommandTemplate, path: string, m: RunModel): ActorCommand | undefined {
  const found = m.state.actors[path];
  // A stopped recipient (`tellStopped`) only gets what it can dead-letter: the commands with an id.
  if (found === undefined && !deadLetterable.has(template.kind)) return undefined;
  const actor = found!;
  const errorName = (index: number) => at(m.state.hierarchy, index)!.name;
  switch (template.kind) {
    case 'ping':
      return { kind: 'ping', id: m.nextId++ };
    case 'fail':
      return { kind: 'fail', id: m.nextId++, error: errorName(template.error) };
    case 'stop':
      return { kind: 'stop', id: m.nextId++ };
    case 'unhandled':
      return { kind: 'unhandled', id: m.nextId++ };
    case 'spawn':
      return { kind: 'spawn', child: { ...template.child, name: `s${m.nextSpawned++}` } };
    case 'stopChild': {
      const names = actor.children.map((c) => c.slice(path.length + 1));
      // One position past the live children names an absent child: stopping it must be a no-op (LIF-09).
      return { kind: 'stopChild', name: template.child % (names.length + 1) === names.length ? 'absent' : names[template.child % (names.length + 1)]! };
    }
    case 'watch':
    case 'watchWith':
    case 'unwatch': {
      // An unwatch mostly names something the actor watches, so a notice it revokes can be missed (WATCH-04).
      const watched = Object.keys(actor.watching);
      const revoking = template.kind === 'unwatch' && watched.length > 0 && template.target % 4 !== 0;
      const target = at(
        revoking ? watched : m.state.everSpawned.filter((p) => p !== path),
        revoking ? template.target >> 2 : template.target,
      );
      return target === undefined ? undefined : { kind: template.kind, target };
    }
    case 'stash': {
      if (actor.blueprint.stashCapacity === 0) return undefined;
      if (template.command === 'clearStash') return { kind: 'stash', command: { kind: 'clearStash' } };
      const id = m.nextId++;
      const command =
        template.command === 'fail'
          ? { kind: 'fail' as const, id, error: errorName(template.error) }
          : { kind: template.command, id };
      return { kind: 'stash', command };
    }
    case 'unstashAll':
      return actor.blueprint.stashCapacity === 0 ? undefined : { kind: 'unstashAll' };
    case 'unstash':
      return actor.blueprint.stashCapacity === 0 ? undefined : { kind: 'unstash', n: template.n };
    case 'startTimer':
      return { kind: 'startTimer', key: `k${template.key}`, delayMs: template.delayMs, id: m.nextId++ };
    case 'cancelTimer':
      return { kind: 'cancelTimer', key: `k${template.key}` };
    case 'supervise': {
      const active = [...(actor.added ?? []), ...actor.blueprint.supervision.filter((_, i) => !(actor.dropped ?? []).includes(i))];
      const layer = template.replacing && active[0] ? { ...template.layer, on: active[0].on } : template.layer;
      // Only the innermost active supervisor may be the one replaced (the family says why).
      if (m.deepReplacement === false && active.slice(1).some((l) => l.on === layer.on)) return undefined;
      return { kind: 'supervise', layer };
    }
    case 'become':
      return { kind: 'become', marker: template.marker };
  }
}
