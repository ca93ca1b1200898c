import type { Capability } from '../../spec/index.js';
import type { ObservedChange } from '../../spec/model/store/index.js';

/**
 * A change as the store's tag query reports it (extra fields, such as a timestamp, are ignored).
 * The same shape the store model reasons about, so the two cannot drift.
 *
 * @public
 */
export type StoreChange = ObservedChange;

/**
 * A durable-state store as the suite drives it: Pekko's `DurableStateUpdateStore` plus the
 * finite tag query. Values are small JSON objects.
 *
 * @public
 */
export interface StoreUnderTest {
  /** The value and revision of `id`; `(undefined, 0)` when unknown. */
  getObject(id: string): Promise<{ readonly value: unknown; readonly revision: number }>;
  /** Writes revision `revision` of `id`; rejects when the store refuses it. */
  upsertObject(id: string, revision: number, value: unknown, tag: string): Promise<void>;
  /** Soft-deletes `id` at `revision` (0: hard delete, with `store.hard-delete`); rejects when refused. */
  deleteObject(id: string, revision: number): Promise<void>;
  /** The changes tagged `tag` after `offset` as of the call, then done (with `store.tag-queries`). */
  currentChanges?(tag: string, offset: number): AsyncIterable<StoreChange>;
  /** Like `currentChanges`, then every later change; never done by itself (with `store.live-changes`). */
  changes?(tag: string, offset: number): AsyncIterable<StoreChange>;
}

/**
 * The second, smaller contract: a store plugin alone (STORE and TAG rules), checked
 * model-based with concurrent writers, like Pekko's DurableStateStoreSpec.
 *
 * @public
 */
export interface StorePlugin {
  readonly name: string;
  readonly version: string;
  /** `store` plus the optional `store.*` capabilities the store supports. */
  readonly capabilities: readonly Capability[];
  /** What deleting a never-written id does (STORE-08); leave out to accept either. */
  readonly deleteOfUnknownId?: 'tombstone' | 'ignore';
  /**
   * Real milliseconds after which a live query that emitted nothing more counts as quiet
   * (TAG-03): longer than the store takes to deliver a committed change to a live query. A run's
   * `patienceMs` option (the CLI's `--patience`) overrides it; default 100 ms, suited to a
   * database on localhost. An in-process store can declare a few milliseconds to run faster.
   */
  readonly patienceMs?: number;
  /**
   * Called once, before the first `createStore` of a run (open a connection pool, create a
   * schema). A store for a real database is created hundreds of times per run: keep the costly
   * part here and make `createStore` cheap (a fresh namespace, table prefix or key prefix).
   */
  setup?(): Promise<void>;
  /** A fresh, empty store for one run. */
  createStore(): StoreUnderTest | Promise<StoreUnderTest>;
  /** Releases a store made by `createStore`. */
  dispose?(store: StoreUnderTest): Promise<void>;
  /** Called once after the last `dispose` of a run, even when a property failed (close the pool). */
  teardown?(): Promise<void>;
}
