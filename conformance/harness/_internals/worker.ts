/**
 * Runs inside a worker thread: loads the adapter (a runtime adapter, a store plugin or both),
 * then runs the properties the main thread asks for. Adapter code only ever runs here, where
 * the watchdog can terminate it.
 */
import { Session } from 'node:inspector/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { runtimeProperties } from '../../engine/runtimeProperties.js';
import { AdapterLoadError } from '../AdapterLoadError.js';
import type { Capability } from '../../../spec/index.js';
import { storeFamilies } from '../../store/storeFamilies.js';
import { storeProperties } from '../../store/storeProperties.js';
import { implementationsOf, type Implementations } from '../adapterContract.js';
import { Heartbeat } from './Heartbeat.js';
import { instrument, type AdapterFault } from './instrument.js';
import { instrumentStore } from './instrumentStore.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol.js';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');
const reply = (message: WorkerReply): void => port.postMessage(message);
const heartbeat = new Heartbeat(setup.heartbeat);

const session = setup.coverage ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Debugger.enable');
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
}

async function load(): Promise<Implementations | undefined> {
  let module: Record<string, unknown>;
  heartbeat.enter('import');
  try {
    module = (await import(setup.adapterUrl)) as Record<string, unknown>;
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    reply({ type: 'loadFailed', code: 'ADAPTER_IMPORT_FAILED', message: `its module threw on import: ${detail}` });
    return undefined;
  } finally {
    heartbeat.leave();
  }
  try {
    return implementationsOf(module, setup.adapterSource);
  } catch (error) {
    if (!(error instanceof AdapterLoadError)) throw error;
    reply({ type: 'loadFailed', code: error.code, message: error.message.replace(/^cannot load adapter [^:]*: /, '') });
    return undefined;
  }
}

const identity = (i: { name: string; version: string; capabilities: readonly Capability[] }) => ({ name: i.name, version: i.version, capabilities: [...i.capabilities] });
const loaded = await load();
if (loaded !== undefined) {
  reply({
    type: 'loaded',
    ...(loaded.runtime !== undefined ? { runtime: identity(loaded.runtime) } : {}),
    ...(loaded.store !== undefined ? { store: identity(loaded.store) } : {}),
  });
  port.on('message', (request: WorkerRequest) => {
    void handle(request);
  });
}

/** The store plugin's `setup()` runs once per worker, before its first store property; `teardown()` when the worker is retired. */
let storeSetUp = false;

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'coverage') {
    const taken = session ? (await session.post('Profiler.takePreciseCoverage')).result : [];
    // Only files outside node_modules can be the implementation under test; send their (transformed) source for mapping.
    const scripts = [];
    for (const script of taken) {
      if (!script.url.startsWith('file:') || script.url.includes('/node_modules/')) continue;
      const { scriptSource } = await session!.post('Debugger.getScriptSource', { scriptId: script.scriptId });
      scripts.push({ url: script.url, source: scriptSource, functions: script.functions });
    }
    reply({ type: 'coverage', job: request.job, scripts });
    return;
  }
  const faults: AdapterFault[] = [];
  if (request.type === 'teardown') {
    const store = loaded?.store === undefined ? undefined : instrumentStore(loaded.store, heartbeat, faults);
    if (storeSetUp) await store?.teardown?.().catch(() => undefined);
    storeSetUp = false;
    reply({ type: 'tornDown', job: request.job, faults });
    return;
  }
  try {
    if (loaded === undefined) throw new Error('no adapter loaded');
    const store = loaded.store === undefined ? undefined : instrumentStore(loaded.store, heartbeat, faults);
    const properties = [
      ...(loaded.runtime !== undefined ? runtimeProperties(instrument(loaded.runtime, heartbeat, faults)) : []),
      ...(store !== undefined ? storeProperties(store) : []),
    ];
    const property = properties.find((p) => p.id === request.family);
    if (property === undefined) throw new Error(`unknown property ${request.family}`);
    heartbeat.resetRuns();
    const isStoreProperty = store !== undefined && storeFamilies.some((f) => f.id === property.id);
    if (isStoreProperty && !storeSetUp) {
      const failed = await Promise.resolve(store.setup?.()).then(() => false, () => true);
      if (failed) {
        // The fault recorded by setup() turns every rule of the property into `error`.
        reply({ type: 'result', job: request.job, result: { property: property.id, status: 'failed', runs: 0, exercised: [], durationMs: 0 }, faults });
        return;
      }
      storeSetUp = true;
    }
    const result = await property.run({
      ...(request.numRuns !== undefined ? { numRuns: request.numRuns } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.replay !== undefined ? { replay: request.replay } : {}),
      ...(request.patienceMs !== undefined ? { patienceMs: request.patienceMs } : {}),
    });
    reply({ type: 'result', job: request.job, result, faults });
  } catch (error) {
    reply({ type: 'crashed', job: request.job, message: error instanceof Error ? error.message : String(error) });
  }
}
