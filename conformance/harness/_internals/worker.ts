/**
 * Runs inside a worker thread: loads the adapter, then runs the properties the main thread
 * asks for. Adapter code only ever runs here, where the watchdog can terminate it.
 */
import { Session } from 'node:inspector/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { runtimeProperties } from '../../engine/runtimeProperties.js';
import { AdapterLoadError } from '../AdapterLoadError.js';
import { adapterExportOf, checkAdapterContract } from '../adapterContract.js';
import { Heartbeat } from './Heartbeat.js';
import { instrument, type AdapterFault } from './instrument.js';
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

async function load(): Promise<ReturnType<typeof checkAdapterContract> | undefined> {
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
    return checkAdapterContract(adapterExportOf(module, setup.adapterSource), setup.adapterSource);
  } catch (error) {
    if (!(error instanceof AdapterLoadError)) throw error;
    reply({ type: 'loadFailed', code: error.code, message: error.message.replace(/^cannot load adapter [^:]*: /, '') });
    return undefined;
  }
}

const adapter = await load();
if (adapter !== undefined) {
  reply({ type: 'loaded', name: adapter.name, version: adapter.version, capabilities: [...adapter.capabilities] });
  port.on('message', (request: WorkerRequest) => {
    void handle(request);
  });
}

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
  try {
    if (adapter === undefined) throw new Error('no adapter loaded');
    const property = runtimeProperties(instrument(adapter, heartbeat, faults)).find((p) => p.id === request.family);
    if (property === undefined) throw new Error(`unknown property ${request.family}`);
    heartbeat.resetRuns();
    const result = await property.run({
      ...(request.numRuns !== undefined ? { numRuns: request.numRuns } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.replay !== undefined ? { replay: request.replay } : {}),
    });
    reply({ type: 'result', job: request.job, result, faults });
  } catch (error) {
    reply({ type: 'crashed', job: request.job, message: error instanceof Error ? error.message : String(error) });
  }
}
