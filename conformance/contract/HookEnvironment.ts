import type { HookSite } from '../../spec/model/index.js';
import type { SuiteStore } from './SuiteStore.js';

/**
 * Where a hooked actor reports. Kept apart from the actor probe so that runtimes without
 * hooks never see it. Call each method from inside the hook, when the thing happens.
 *
 * @public
 */
export interface HookProbe {
  /** First thing every start hook does (spawn and restart alike). */
  started(path: string): void;
  /** The start hook loaded `state` at `revision` from the resource; report before spawning children. */
  loaded(path: string, state: number, revision: number): void;
  /** The handler got command `id` while the in-memory state was `state` and the last load or flush was `revision`. */
  handled(path: string, id: number, state: number, revision: number): void;
  /** The handler got the notice of a `watch` command: the actor at `of` stopped. */
  notified(path: string, of: string): void;
  /** First thing the stop hook does. */
  stopping(path: string): void;
  /** A hook (`site`) looked up the extension `id` and got `instance`; the suite checks it is the one it registered. */
  extension(path: string, site: HookSite, id: string, instance: unknown): void;
}

/**
 * A system-wide extension the suite creates once per run. Register every one of them when the
 * system is created, under its `id`, and hand hooks the registered instance itself (HOOK-08).
 *
 * @public
 */
export interface SuiteExtension {
  readonly id: string;
}

/**
 * What the suite gives an adapter for hooked actors (with `hooks`): the durable resource they
 * load from and flush to, the extensions to register, and where they report.
 *
 * @public
 */
export interface HookEnvironment {
  /**
   * The durable key/value resource: start hooks read `getObject(path)`, flushes write
   * `upsertObject(path, revision + 1, state, 'hooks')`. The suite makes reads and writes fail.
   */
  readonly resource: SuiteStore;
  /** Extensions to register at system creation (with `extensions`; otherwise empty). */
  readonly extensions: readonly SuiteExtension[];
  readonly probe: HookProbe;
}

/**
 * What a runtime with `hooks` says about the choices the HOOK rules leave open.
 *
 * @public
 */
export interface HookPolicyDeclaration {
  /** A restart stops the children (Pekko, SUP-12) or rebuilds them, their start hooks running again (GoAkt, HOOK-07). */
  readonly restartedChildren: 'stopped' | 'rebuilt';
  /** Whether the stop hook runs before a restart (HOOK-04); leave out when it depends, and the suite accepts both. */
  readonly stopHookOnRestart?: 'never' | 'always';
  /** True when a hooked actor's start hook can be given a time limit past which the start fails (HOOK-02, GoAkt's init timeout). */
  readonly startTimeout?: boolean;
}
