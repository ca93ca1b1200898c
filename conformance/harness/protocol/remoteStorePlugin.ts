import type { StoreChange, StorePlugin, StoreUnderTest } from '../../contract/StorePlugin.js';
import type { HostConnection } from './HostConnection.js';
import type { HostReply, StoreCall } from './messages.js';
import { protocolLimits } from './protocolLimits.js';

/** How long one pull of a live query waits on the host before it asks again (short, so the host never owes a reply for long). */
const livePullMs = 50;

/**
 * The least patience a hosted store's live query gets when the plugin declares less: a change
 * now crosses to the kit's thread after the host saw it, and on a loaded machine that hop alone
 * can take longer than the few milliseconds an in-process store declares. A run's `patienceMs`
 * (the CLI's `--patience`) still overrides it.
 */
export const HOSTED_PATIENCE_FLOOR_MS = 25;

type StoreResult = Extract<HostReply, { type: 'storeResult' }>;

/**
 * A store plugin hosted behind the adapter protocol, seen as a {@link StorePlugin}: the store
 * properties run on the kit's side unchanged, and every store call is a request. The
 * declaration (capabilities, `deleteOfUnknownId`, `patienceMs`) is the one the host announced,
 * checked (its patience raised to {@link HOSTED_PATIENCE_FLOOR_MS} for the hop between threads).
 *
 * Faults are decided here, not by the host: a throw where the contract has no refusal —
 * setup, createStore, getObject, a query, dispose — is a fault (the rules come out `error`: a
 * database that is down has not broken a rule); a rejected upsert or delete is the store's
 * refusal and goes to the oracle as such, unless the store then fails a read of the same id too
 * (it is down, not refusing).
 */
export function remoteStorePlugin(host: HostConnection): StorePlugin {
  const declared = host.store;
  if (declared === undefined) throw new TypeError('the host announced no store plugin');
  const fault = (operation: string, message: string): Error => host.record({ operation, message });
  /** A store call's reply; a host-side `fault` (or a reply out of place) stops the run. */
  const call = async (store: number, operation: StoreCall): Promise<StoreResult> => {
    const reply = await host.request({ type: 'store', store, operation });
    if (reply.type === 'fault') throw fault(reply.fault.operation, reply.fault.message);
    if (reply.type !== 'storeResult') throw fault('the host', `a ${reply.type} reply to a store call`);
    return reply;
  };
  /** A call with no refusal in the contract: any error is a fault. */
  const answered = async (store: number, operation: StoreCall, name: string): Promise<StoreResult & { ok: true }> => {
    const reply = await call(store, operation);
    if (!reply.ok) throw fault(`${name}()`, reply.error);
    return reply;
  };
  /** A write: an error is a refusal while the store still answers a read of the same id. */
  const written = async (store: number, operation: StoreCall & { id: string }, name: string): Promise<void> => {
    const reply = await call(store, operation);
    if (reply.ok) return;
    const read = await call(store, { call: 'get', id: operation.id });
    if (read.ok) throw new Error(reply.error);
    throw fault(`${name}()`, `${reply.error}, and the store answers no read either (${read.error})`);
  };
  const handles = new WeakMap<StoreUnderTest, number>();
  return {
    name: declared.name,
    version: declared.version,
    capabilities: declared.capabilities,
    ...(declared.deleteOfUnknownId !== undefined ? { deleteOfUnknownId: declared.deleteOfUnknownId } : {}),
    ...(declared.patienceMs !== undefined ? { patienceMs: Math.max(declared.patienceMs, HOSTED_PATIENCE_FLOOR_MS) } : {}),
    async createStore(): Promise<StoreUnderTest> {
      host.countRun();
      const opened = await host.request({ type: 'storeOpen' });
      if (opened.type === 'fault') throw fault(opened.fault.operation, opened.fault.message);
      if (opened.type !== 'storeOpened') throw fault('the host', `a ${opened.type} reply to storeOpen`);
      const handle = opened.store;
      const query = (tag: string, offset: number, live: boolean): AsyncIterable<StoreChange> => ({
        [Symbol.asyncIterator]: () => cursorOver(handle, tag, offset, live, (store, operation) => answered(store, operation, live ? 'changes' : 'currentChanges')),
      });
      const store: StoreUnderTest = {
        async getObject(id) {
          const got = await answered(handle, { call: 'get', id }, 'getObject');
          return { value: got.value, revision: got.revision ?? 0 };
        },
        upsertObject: (id, revision, value, tag) => written(handle, { call: 'upsert', id, revision, value, tag }, 'upsertObject'),
        deleteObject: (id, revision) => written(handle, { call: 'delete', id, revision }, 'deleteObject'),
        currentChanges: (tag, offset) => query(tag, offset, false),
        changes: (tag, offset) => query(tag, offset, true),
      };
      handles.set(store, handle);
      return store;
    },
    async dispose(store) {
      const handle = handles.get(store);
      if (handle === undefined) return;
      const closed = await host.request({ type: 'storeClose', store: handle });
      if (closed.type === 'fault') throw fault(closed.fault.operation, closed.fault.message);
    },
  };
}

/** An async iterator over a host-side query: pulls in batches, asks again while a live query is quiet, closes on `return`. */
function cursorOver(
  store: number,
  tag: string,
  offset: number,
  live: boolean,
  call: (store: number, operation: StoreCall) => Promise<StoreResult & { ok: true }>,
): AsyncIterator<StoreChange> {
  let cursor: Promise<number> | undefined;
  const buffered: StoreChange[] = [];
  let done = false;
  let closed = false;
  const open = () => (cursor ??= call(store, { call: 'query', tag, offset, live }).then((r) => r.cursor ?? -1));
  return {
    async next(): Promise<IteratorResult<StoreChange>> {
      const id = await open();
      while (buffered.length === 0 && !done && !closed) {
        const pulled = await call(store, { call: 'pull', cursor: id, max: protocolLimits.maxChanges, waitMs: live ? livePullMs : 60_000 });
        buffered.push(...((pulled.changes ?? []) as StoreChange[]));
        done = pulled.done === true;
      }
      const next = buffered.shift();
      return next !== undefined ? { value: next, done: false } : { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<StoreChange>> {
      closed = true;
      if (cursor !== undefined) await call(store, { call: 'closeQuery', cursor: await cursor }).catch(() => undefined);
      return { value: undefined, done: true };
    },
  };
}
