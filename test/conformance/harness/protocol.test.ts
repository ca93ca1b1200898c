import { describe, expect, it } from 'vitest';
import { inMemoryStorePlugin } from '../../../conformance/adapters/in-memory-store.js';
import { referenceRuntimeAdapter } from '../../../conformance/adapters/reference-runtime.js';
import { connectInProcess } from '../../../conformance/harness/protocol/inProcessPort.js';
import { AdapterFaultError } from '../../../conformance/harness/protocol/AdapterFaultError.js';
import { parseHostMessage, ProtocolViolation, readEvent, readGreeting, readReply } from '../../../conformance/harness/protocol/readHostMessage.js';
import { protocolVersion } from '../../../conformance/harness/protocol/messages.js';
import { remoteStorePlugin } from '../../../conformance/harness/protocol/remoteStorePlugin.js';
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
