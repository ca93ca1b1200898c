import { describeBlueprint, type ActorBlueprint } from './ActorBlueprint.js';
import type { ActorCommand } from './ActorCommand.js';

/** Spawn a top-level actor. @public */
export interface SpawnOperation {
  readonly op: 'spawn';
  readonly blueprint: ActorBlueprint;
  /** An error its very first setup attempt throws (SUP-08), as if armed with `failNextSetup` just before. */
  readonly failingSetup?: string;
}
/** Send a command to the actor at a logical path (dropped if none is alive there). @public */
export interface TellOperation {
  readonly op: 'tell';
  readonly path: string;
  readonly command: ActorCommand;
}
/** Send several commands to one actor back to back, without settling in between (LIF-02). @public */
export interface BurstOperation {
  readonly op: 'burst';
  readonly path: string;
  readonly commands: readonly ActorCommand[];
}
/** Move the virtual clock forward, one due instant at a time. @public */
export interface AdvanceOperation {
  readonly op: 'advance';
  readonly ms: number;
}
/** Make the next setup attempt at `path` throw `error` (queued; each arming fails one attempt). @public */
export interface FailNextSetupOperation {
  readonly op: 'failNextSetup';
  readonly path: string;
  readonly error: string;
}

/**
 * One step the suite applies to the system under test, after which it settles and compares
 * the new events with the model's prediction.
 *
 * @public
 */
export type Operation = SpawnOperation | TellOperation | BurstOperation | AdvanceOperation | FailNextSetupOperation;

function describeCommand(command: ActorCommand): string {
  const { kind, ...rest } = command;
  const args = command.kind === 'spawn' ? describeBlueprint(command.child) : JSON.stringify(rest);
  return `${kind}${args === '{}' ? '' : ` ${args}`}`;
}

/** A short readable rendering, used in counterexamples. @public */
export function describeOperation(operation: Operation): string {
  switch (operation.op) {
    case 'spawn':
      return `spawn ${describeBlueprint(operation.blueprint)}${operation.failingSetup !== undefined ? `, first setup throws ${operation.failingSetup}` : ''}`;
    case 'tell':
      return `tell ${operation.path} ${describeCommand(operation.command)}`;
    case 'burst':
      return `burst to ${operation.path}: ${operation.commands.map(describeCommand).join(', ')}`;
    case 'advance':
      return `advance ${operation.ms} ms`;
    case 'failNextSetup':
      return `failNextSetup ${operation.path} ${operation.error}`;
  }
}
