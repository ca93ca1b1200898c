import { describe, expect, it } from 'vitest';
import { inMemoryStorePlugin } from '../../../conformance/adapters/in-memory-store.js';
import { referenceRuntimeAdapter } from '../../../conformance/adapters/reference-runtime.js';
import { connectInProcess } from '../../../conformance/harness/protocol/inProcessPort.js';
import { AdapterFaultError } from '../../../conformance/harness/protocol/AdapterFaultError.js';
import { parseHostMessage, ProtocolViolation, readEvent, readGreeting, readReply } from '../../../conformance/harness/protocol/readHostMessage.js';
import { protocolVersion } from '../../../conformance/harness/protocol/messages.js';
import { HOSTED_PATIENCE_FLOOR_MS, remoteStorePlugin } from '../../../conformance/harness/protocol/remoteStorePlugin.js';
import type { RuntimeAdapter } from '../../../conformance/contract/RuntimeAdapter.js';
import type { StorePlugin } from '../../../conformance/contract/StorePlugin.js';
import { storeStaleReads } from '../../../conformance/mutants/store-stale-reads.js';
import { runStoreProperty } from '../../../conformance/store/runStoreProperty.js';
import { storeFamilies } from '../../../conformance/store/storeFamilies.js';

const reply = (message: object, to: string) => readReply(parseHostMessage(JSON.stringify(message)), to);

describe('the adapter protocol, kit side', () => {
  it('rebuilds events from their checked fields: extra fields dropped, long strings cut and marked', () => {
    const event = readEvent({ kind: 'received', path: 'a0', id: 3, count: 0, extra: { __proto__: { polluted: true } } }, 'e');
    expect(event).toEqual({ kind: 'received', path: 'a0', id: 3, count: 0 });
    const long = readEvent({ kind: 'childFailed', path: 'a0', of: `a0/${'x'.repeat(10_000)}`, cause: 'E1' }, 'e');
    expect(long.kind === 'childFailed' && long.of.length).toBeLessThan(600);
    expect(long.kind === 'childFailed' && long.of).toMatch(/… \[truncated: \d+ characters\]$/);
  });

  it.each([
    [{ kind: 'received', path: 'a0', id: 1, count: -1 }, /count is not an integer ≥ 0/],
    [{ kind: 'received', path: '', id: 1, count: 0 }, /path is empty/],
    [{ kind: 'handled', path: 'e0', id: 1, state: null, revision: 0 }, /state is not a finite number/],
    [{ kind: 'signal', path: 'a0', signal: 'Stopped' }, /signal is not one of PreRestart, PostStop/],
    [{ kind: 'setup', path: 'a0', incarnation: 0 }, /incarnation is not an integer ≥ 1/],
    [{ kind: 'verdict', status: 'passed' }, /kind is not an event kind/],
    ['setup', /is not an object/],
  ])('refuses the malformed event %j', (event, problem) => {
    expect(() => readEvent(event, 'e')).toThrow(ProtocolViolation);
    expect(() => readEvent(event, 'e')).toThrow(problem);
  });

  it('refuses replies of a type the request does not allow, and any step over its event limit', () => {
    expect(() => reply({ id: 1, type: 'stopped', faults: [] }, 'step')).toThrow(/a "stopped" reply to a step request/);
    expect(() => reply({ id: 1, type: 'result', status: 'passed' }, 'step')).toThrow(/a "result" reply to a step request/);
    const flood = Array.from({ length: 20_001 }, () => ({ kind: 'recoveryFailed', path: 'e0' }));
    expect(() => reply({ id: 1, type: 'observed', events: flood, lookups: [], wrongTags: [], faults: [] }, 'step')).toThrow(/holds 20001 entries/);
    expect(reply({ id: 2, type: 'fault', fault: { operation: 'tell()', message: 'm'.repeat(5_000) } }, 'step')).toMatchObject({ type: 'fault', fault: { operation: 'tell()' } });
  });

  it('refuses text past the size limit before parsing it, and anything that is not text', () => {
    expect(() => parseHostMessage('x'.repeat(9_000_000))).toThrow(/more than the 8000000 allowed/);
    expect(() => parseHostMessage({ id: 1 })).toThrow(/not JSON text \(object\)/);
    expect(() => parseHostMessage('[1, 2]')).toThrow(/is not an object/);
  });

  it('checks the greeting: version, capability words, hook policy', () => {
    const hello = (adapter: object, protocol = protocolVersion) => JSON.stringify({ type: 'hello', protocol, adapter });
    expect(readGreeting(hello({ name: 'x', version: '1', capabilities: ['watch'] }))).toMatchObject({ adapter: { name: 'x', capabilities: ['watch'] } });
    expect(readGreeting(hello({ name: 'x', version: '1', capabilities: [] }, 2)).protocol).toBe(2);
    expect(() => readGreeting(hello({ name: 'x', version: '1', capabilities: ['telepathy'] }))).toThrow(/unknown word: "telepathy"/);
    expect(() => readGreeting(hello({ name: 'x', version: '1', capabilities: [], hookPolicy: { restartedChildren: 'kept' } }))).toThrow(/restartedChildren/);
    expect(() => readGreeting(JSON.stringify({ type: 'observed', protocol: 1 }))).toThrow(/not a greeting/);
  });

  it('drives a run step by step: one request per step, its events in the reply', async () => {
    const host = connectInProcess({ adapter: referenceRuntimeAdapter });
    const run = await host.openRun({ errors: [{ name: 'E0' }], writeLatencyMs: 0 });
    const blueprint = { name: 'a0', supervision: [], children: [], watchChildren: 'none' as const, handlesTerminated: true, stashCapacity: 0 };
    expect((await run.step([{ do: 'spawn', blueprint }])).events).toEqual([{ kind: 'setup', path: 'a0', incarnation: 1 }]);
    const burst = await run.step([
      { do: 'tell', path: 'a0', command: { kind: 'ping', id: 1 } },
      { do: 'tell', path: 'a0', command: { kind: 'ping', id: 2 } },
    ]);
    expect(burst.events).toEqual([
      { kind: 'received', path: 'a0', id: 1, count: 0 },
      { kind: 'received', path: 'a0', id: 2, count: 1 },
    ]);
    await run.stop();
    await expect(run.step([])).rejects.toThrow(AdapterFaultError);
  });

  it('carries store operations, queries included, to a hosted store plugin', async () => {
    const host = connectInProcess({ plugin: inMemoryStorePlugin });
    const opened = await host.request({ type: 'storeOpen' });
    const store = opened.type === 'storeOpened' ? opened.store : -1;
    const call = (operation: object) => host.request({ type: 'store', store, operation } as never);
    expect(await call({ call: 'upsert', id: 'p1', revision: 1, value: { n: 1 }, tag: 't' })).toMatchObject({ ok: true });
    expect(await call({ call: 'upsert', id: 'p1', revision: 1, value: { n: 2 }, tag: 't' })).toMatchObject({ ok: false, error: expect.stringMatching(/revision/i) });
    expect(await call({ call: 'get', id: 'p1' })).toMatchObject({ ok: true, value: { n: 1 }, revision: 1 });
    const query = await call({ call: 'query', tag: 't', offset: 0, live: false });
    const cursor = query.type === 'storeResult' && query.ok ? query.cursor : -1;
    expect(await call({ call: 'pull', cursor, max: 10, waitMs: 100 })).toMatchObject({ ok: true, done: true, changes: [{ type: 'updated', persistenceId: 'p1', revision: 1, tag: 't' }] });
    const live = await call({ call: 'query', tag: 't', offset: 0, live: true });
    const liveCursor = live.type === 'storeResult' && live.ok ? live.cursor : -1;
    expect(await call({ call: 'pull', cursor: liveCursor, max: 10, waitMs: 50 })).toMatchObject({ ok: true, done: false, changes: [{ revision: 1 }] });
    await call({ call: 'upsert', id: 'p1', revision: 2, value: { n: 3 }, tag: 't' });
    expect(await call({ call: 'pull', cursor: liveCursor, max: 10, waitMs: 50 })).toMatchObject({ ok: true, done: false, changes: [{ revision: 2 }] });
    expect(await call({ call: 'closeQuery', cursor: liveCursor })).toMatchObject({ ok: true });
    expect(await host.request({ type: 'storeClose', store })).toMatchObject({ type: 'storeClosed' });
  });
});

describe('store plugins behind the adapter protocol', () => {
  const remote = (plugin: StorePlugin) => remoteStorePlugin(connectInProcess({ plugin }));

  it('every store property gives the same verdicts through the protocol as in-process', async () => {
    for (const family of storeFamilies) {
      const direct = await runStoreProperty(inMemoryStorePlugin, family, { seed: 5, numRuns: 8 });
      const hosted = await runStoreProperty(remote(inMemoryStorePlugin), family, { seed: 5, numRuns: 8 });
      expect({ family: family.id, status: hosted.status, exercised: hosted.exercised }).toEqual({ family: family.id, status: direct.status, exercised: direct.exercised });
    }
  });

  it('a broken store still fails through the protocol', async () => {
    const results = await Promise.all(storeFamilies.map((family) => runStoreProperty(remote(storeStaleReads.plugin), family, { seed: 5 })));
    expect(results.some((r) => r.status === 'failed' && r.counterexample !== undefined)).toBe(true);
  });
});

describe('a host of a runtime adapter, a store plugin, or both', () => {
  const greet = (fields: object) => readGreeting(JSON.stringify({ type: 'hello', protocol: protocolVersion, ...fields }));
  const identity = { name: 'x', version: '1', capabilities: ['store'] };

  it('announces and checks a store declaration, its refusal mode and patience', () => {
    expect(greet({ store: { ...identity, deleteOfUnknownId: 'ignore', patienceMs: 2.5 } })).toMatchObject({ store: { name: 'x', deleteOfUnknownId: 'ignore', patienceMs: 2.5 } });
    expect(() => greet({ store: { ...identity, deleteOfUnknownId: 'explode' } })).toThrow(/deleteOfUnknownId/);
    expect(() => greet({ store: { ...identity, patienceMs: -1 } })).toThrow(/patienceMs is negative/);
    expect(() => greet({ store: { ...identity, patienceMs: 'soon' } })).toThrow(/patienceMs is not a finite number/);
    expect(() => greet({})).toThrow(/neither an adapter nor a store plugin/);
  });

  it('hosts a module that exports both: runtime identity first, capabilities of both', () => {
    const plugin: StorePlugin = { ...inMemoryStorePlugin, name: 'embedded-store', deleteOfUnknownId: 'tombstone', patienceMs: 3 };
    const host = connectInProcess({ adapter: referenceRuntimeAdapter, plugin });
    expect(host.identity.name).toBe(referenceRuntimeAdapter.name);
    expect(host.identity.capabilities).toEqual([...referenceRuntimeAdapter.capabilities, ...plugin.capabilities]);
    // The engine's runtime properties read the runtime adapter's own capabilities.
    expect(host.capabilities).toEqual(referenceRuntimeAdapter.capabilities);
    expect(host.store).toMatchObject({ name: 'embedded-store', deleteOfUnknownId: 'tombstone', patienceMs: 3 });
    const remote = remoteStorePlugin(host);
    expect(remote.deleteOfUnknownId).toBe('tombstone');
    // An in-process store's few milliseconds do not cover the hop between threads.
    expect(remote.patienceMs).toBe(HOSTED_PATIENCE_FLOOR_MS);
    expect(remoteStorePlugin(connectInProcess({ plugin: { ...plugin, patienceMs: 400 } })).patienceMs).toBe(400);
  });

  it('carries the run’s patience to the generic settle of a runtime without one', async () => {
    // Events a real 40 ms after the tell: only a settle with that much patience sees them in the same step.
    const late: RuntimeAdapter = {
      ...referenceRuntimeAdapter,
      async start(env) {
        const sut = await referenceRuntimeAdapter.start(env);
        return { spawn: (b) => sut.spawn(b), tell: (path, command) => void setTimeout(() => sut.tell(path, command), 40), shutdown: () => sut.shutdown() };
      },
    };
    const host = connectInProcess({ adapter: late });
    const blueprint = { name: 'a0', supervision: [], children: [], watchChildren: 'none' as const, handlesTerminated: true, stashCapacity: 0 };
    const run = await host.openRun({ errors: [{ name: 'E0' }], writeLatencyMs: 0, patienceMs: 400 });
    await run.step([{ do: 'spawn', blueprint }]);
    expect((await run.step([{ do: 'tell', path: 'a0', command: { kind: 'ping', id: 1 } }])).events).toEqual([{ kind: 'received', path: 'a0', id: 1, count: 0 }]);
    await run.stop();
  });
});

describe('store faults are decided on the kit’s side', () => {
  const failing = (message: string) => () => Promise.reject(new Error(message));

  it('a refused write is the store’s answer while it still answers a read; no fault', async () => {
    const host = connectInProcess({ plugin: inMemoryStorePlugin });
    host.beginProperty();
    const store = await remoteStorePlugin(host).createStore();
    await store.upsertObject('p1', 1, { n: 1 }, 't');
    await expect(store.upsertObject('p1', 1, { n: 2 }, 't')).rejects.not.toBeInstanceOf(AdapterFaultError);
    expect(host.faults).toEqual([]);
  });

  it('a write refused by a store that then fails the read too is a fault, and so is a failed read', async () => {
    const inner = await inMemoryStorePlugin.createStore();
    let down = false;
    const flaky: StorePlugin = {
      ...inMemoryStorePlugin,
      createStore: () => ({
        getObject: (id) => (down ? failing('ECONNRESET')() : inner.getObject(id)),
        upsertObject: (...args) => (down ? failing('ECONNRESET')() : inner.upsertObject(...args)),
        deleteObject: (...args) => (down ? failing('ECONNRESET')() : inner.deleteObject(...args)),
      }),
    };
    const host = connectInProcess({ plugin: flaky });
    host.beginProperty();
    const store = await remoteStorePlugin(host).createStore();
    down = true;
    await expect(store.upsertObject('p1', 1, 1, 't')).rejects.toBeInstanceOf(AdapterFaultError);
    expect(host.faults[0]).toMatchObject({ operation: 'upsertObject()', message: expect.stringMatching(/answers no read either/), run: 0 });
    await expect(store.getObject('p1')).rejects.toBeInstanceOf(AdapterFaultError);
    expect(host.faults.map((f) => f.operation)).toEqual(['upsertObject()', 'getObject()']);
  });

  it('a store without its required calls, or whose get answers nothing, is a fault', async () => {
    const hollow = connectInProcess({ plugin: { ...inMemoryStorePlugin, createStore: () => ({}) as never } });
    await expect(remoteStorePlugin(hollow).createStore()).rejects.toThrow(/lacks getObject/);
    const silent = connectInProcess({ plugin: { ...inMemoryStorePlugin, createStore: () => ({ getObject: async () => undefined as never, upsertObject: async () => undefined, deleteObject: async () => undefined }) } });
    const store = await remoteStorePlugin(silent).createStore();
    await expect(store.getObject('p1')).rejects.toThrow(/resolved to undefined/);
    expect(silent.faults).toHaveLength(1);
  });

  it('teardown() runs once, only after a setup() that ran and did not fail', async () => {
    const calls: string[] = [];
    const plugin = (setupFails: boolean): StorePlugin => ({
      ...inMemoryStorePlugin,
      setup: async () => {
        calls.push('setup');
        if (setupFails) throw new Error('no database');
      },
      teardown: async () => void calls.push('teardown'),
    });
    const unused = connectInProcess({ plugin: plugin(false) });
    expect(await unused.request({ type: 'storeTeardown' })).toMatchObject({ type: 'storeTornDown' });
    expect(calls).toEqual([]);
    const used = connectInProcess({ plugin: plugin(false) });
    await remoteStorePlugin(used).createStore();
    await remoteStorePlugin(used).createStore();
    await used.request({ type: 'storeTeardown' });
    await used.request({ type: 'storeTeardown' });
    expect(calls).toEqual(['setup', 'teardown']);
    calls.length = 0;
    const broken = connectInProcess({ plugin: plugin(true) });
    await expect(remoteStorePlugin(broken).createStore()).rejects.toThrow(/no database/);
    expect(broken.faults[0]).toMatchObject({ operation: 'setup()' });
    await broken.request({ type: 'storeTeardown' });
    expect(calls).toEqual(['setup']);
  });
});
