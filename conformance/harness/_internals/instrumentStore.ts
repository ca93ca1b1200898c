import type { StoreChange, StorePlugin, StoreUnderTest } from '../../contract/StorePlugin.js';
import type { Heartbeat, Operation } from './Heartbeat.js';
import { AdapterFaultError, describeError, recordFault, type AdapterFault } from './instrument.js';

/**
 * Wraps a store plugin so the harness sees every call, like `instrument` does for a runtime
 * adapter. The heartbeat marks a call running while any is (writers race, so calls overlap),
 * and the watchdog kills a store that hangs. A throw where the contract has no refusal —
 * setup, createStore, getObject, a query, dispose, teardown — is a fault (the rules come out
 * `error`: a database that is down has not broken a rule); a rejected upsert or delete is the
 * store's refusal and goes to the oracle as such, unless the store then fails a read of the
 * same id too (it is down, not refusing).
 */
export function instrumentStore(plugin: StorePlugin, heartbeat: Heartbeat, faults: AdapterFault[]): StorePlugin {
  let running = 0;
  /**
   * Runs one call of the plugin. `healthy`, for a write, tells a refusal from a store that is
   * down: a rejected write is a refusal only when the store still answers a read.
   */
  async function tracked<T>(operation: Operation, call: () => T | Promise<T>, healthy?: () => Promise<unknown>): Promise<T> {
    if (running++ === 0) heartbeat.enter(operation);
    try {
      return await call();
    } catch (error) {
      if (error instanceof AdapterFaultError) throw error;
      if (healthy === undefined) throw recordFault(faults, heartbeat, `${operation}()`, describeError(error));
      const down = await healthy().then(
        () => undefined,
        (readError: unknown) => readError,
      );
      if (down === undefined) throw error;
      throw recordFault(faults, heartbeat, `${operation}()`, `${describeError(error)}, and the store answers no read either (${describeError(down)})`);
    } finally {
      if (--running === 0) heartbeat.leave();
    }
  }
  /** A query whose every pull is tracked; a live query's pull may wait for the next write, so it is not timed. */
  function query(operation: 'currentChanges', open: () => AsyncIterable<StoreChange>, timed: boolean): AsyncIterable<StoreChange> {
    return {
      [Symbol.asyncIterator]() {
        let iterator: AsyncIterator<StoreChange> | undefined;
        const opened = (): AsyncIterator<StoreChange> => (iterator ??= open()[Symbol.asyncIterator]());
        const pull = (): Promise<IteratorResult<StoreChange>> => Promise.resolve(opened().next());
        return {
          next: () => (timed ? tracked(operation, pull) : pull().catch((error: unknown) => Promise.reject(recordFault(faults, heartbeat, 'changes()', describeError(error))))),
          return: async (value?: unknown) => {
            await iterator?.return?.(value);
            return { done: true, value: undefined };
          },
        };
      },
    };
  }
  function store(real: StoreUnderTest): StoreUnderTest {
    const { currentChanges, changes } = real;
    return {
      getObject: (id) =>
        tracked('getObject', async () => {
          const got = await real.getObject(id);
          // Not an answer at all (a driver returning nothing): out of contract, like a malformed probe event.
          if (typeof got !== 'object' || got === null) throw new TypeError(`getObject(${JSON.stringify(id)}) resolved to ${String(got)}, not { value, revision }`);
          return got;
        }),
      upsertObject: (id, revision, value, tag) => tracked('upsertObject', () => real.upsertObject(id, revision, value, tag), () => real.getObject(id)),
      deleteObject: (id, revision) => tracked('deleteObject', () => real.deleteObject(id, revision), () => real.getObject(id)),
      ...(typeof currentChanges === 'function' ? { currentChanges: (tag: string, offset: number) => query('currentChanges', () => currentChanges.call(real, tag, offset), true) } : {}),
      ...(typeof changes === 'function' ? { changes: (tag: string, offset: number) => query('currentChanges', () => changes.call(real, tag, offset), false) } : {}),
    };
  }
  const made = new WeakMap<StoreUnderTest, StoreUnderTest>();
  const { setup, teardown, dispose } = plugin;
  return {
    name: plugin.name,
    version: plugin.version,
    capabilities: plugin.capabilities,
    ...(plugin.deleteOfUnknownId !== undefined ? { deleteOfUnknownId: plugin.deleteOfUnknownId } : {}),
    ...(plugin.patienceMs !== undefined ? { patienceMs: plugin.patienceMs } : {}),
    ...(typeof setup === 'function' ? { setup: () => tracked('setup', () => setup.call(plugin)) } : {}),
    async createStore() {
      heartbeat.nextRun();
      const real = await tracked('createStore', () => plugin.createStore());
      if (typeof real?.getObject !== 'function' || typeof real.upsertObject !== 'function' || typeof real.deleteObject !== 'function') {
        throw recordFault(faults, heartbeat, 'createStore()', 'the store it returned lacks getObject, upsertObject or deleteObject, required members of StoreUnderTest');
      }
      const wrapped = store(real);
      made.set(wrapped, real);
      return wrapped;
    },
    async dispose(wrapped) {
      const real = made.get(wrapped);
      if (real !== undefined && typeof dispose === 'function') await tracked('dispose', () => dispose.call(plugin, real));
    },
    ...(typeof teardown === 'function' ? { teardown: () => tracked('teardown', () => teardown.call(plugin)) } : {}),
  };
}
