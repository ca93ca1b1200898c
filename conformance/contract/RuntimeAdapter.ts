import type { Capability } from '../../spec/index.js';
import type { ActorBlueprint, ActorCommand, DurableEntityBlueprint, EntityCommand, HookCommand, HookedActorBlueprint } from '../../spec/model/index.js';
import type { ErrorRegistry, RuntimeErrorClasses } from './ErrorRegistry.js';
import type { Probe } from './Probe.js';
import type { SuiteClock } from './SuiteClock.js';
import type { DurableEnvironment } from './DurableEnvironment.js';
import type { HookEnvironment, HookPolicyDeclaration } from './HookEnvironment.js';

/**
 * Everything the suite hands to an adapter for one run.
 *
 * @public
 */
export interface TestEnvironment {
  /** The only source of time; give it to the runtime. */
  readonly clock: SuiteClock;
  /** Error classes of this run. */
  readonly errors: ErrorRegistry;
  /** Where test actors report what happens. */
  readonly probe: Probe;
  /** For durable entities: the store they must use and where they report (with `durable-state`). */
  readonly durable: DurableEnvironment;
  /** For hooked actors: their resource, the extensions to register and where they report (only in runs of hooks properties). */
  readonly hooks?: HookEnvironment;
}

/**
 * One running instance of the runtime under test, driven by the suite.
 *
 * @public
 */
export interface SystemUnderTest {
  /** Creates a top-level actor from a blueprint; its logical path is its name. */
  spawn(blueprint: ActorBlueprint): void;
  /**
   * Sends a command to the actor at a logical path. An actor that stopped there still gets it
   * (its runtime dead-letters it, LIF-08); a path never created drops it silently.
   */
  tell(path: string, command: ActorCommand): void;
  /**
   * Resolves once nothing is left to process (no message, signal or stop in flight). Leave it
   * out to use the suite's generic default, which waits until the history stops growing.
   */
  settle?(): Promise<void>;
  /** Stops everything. Events recorded afterwards are ignored. */
  shutdown(): Promise<void>;
  /** Creates a top-level durable entity (with `durable-state`). */
  spawnEntity?(entity: DurableEntityBlueprint): void;
  /** Sends a command to the durable entity at `path` (with `durable-state`). */
  tellEntity?(path: string, command: EntityCommand): void;
  /** Creates a top-level hooked actor (with `hooks`). */
  spawnHooked?(actor: HookedActorBlueprint): void;
  /** Sends a command to the hooked actor at `path`, a child's path included (with `hooks`). */
  tellHooked?(path: string, command: HookCommand): void;
  /** Stops the top-level hooked actor at `path` gracefully, from outside (with `hooks`). */
  stopHooked?(path: string): void;
}

/**
 * What a runtime author writes to run the suite: a name, the capabilities the runtime
 * supports, the classes of the errors it raises itself, and a factory of systems.
 *
 * @public
 */
export interface RuntimeAdapter {
  readonly name: string;
  readonly version: string;
  /** What the runtime can express; rules needing anything else are skipped, never failed. */
  readonly capabilities: readonly Capability[];
  /** Classes of errors the runtime raises by itself (death pact, stash overflow, …). */
  readonly runtimeErrors: RuntimeErrorClasses;
  /** With `hooks`: how restarts treat children and stop hooks (HOOK-04, HOOK-07). */
  readonly hookPolicy?: HookPolicyDeclaration;
  /** Starts a fresh system for one run. */
  start(env: TestEnvironment): SystemUnderTest | Promise<SystemUnderTest>;
}
