/**
 * Runs inside a worker thread: loads the adapter (a runtime adapter, a store plugin or both) and hosts it over the adapter protocol. It
 * only executes operations and reports their events; generation, the models, checking and
 * reports stay in the main thread, out of the adapter's reach. Adapter code only ever runs
 * here, where the watchdog can terminate it.
 */
import { Session } from 'node:inspector/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { AdapterLoadError } from '../AdapterLoadError.js';
import { checkStartedSystem, implementationsOf } from '../adapterContract.js';
import { AdapterHost } from '../protocol/AdapterHost.js';
import { protocolVersion, type HostGreeting } from '../protocol/messages.js';
import { Heartbeat } from './Heartbeat.js';

/** What the worker is started with. */
export interface WorkerSetup {
  readonly adapterUrl: string;
  readonly adapterSource: string;
  readonly heartbeat: SharedArrayBuffer;
  /** Collect v8 coverage of everything the worker runs. */
  readonly coverage: boolean;
}

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');
// Bound before the adapter loads: an adapter patching `MessagePort.prototype.postMessage` later
// does not change how the host answers (and whatever it posts itself, the kit checks).
const post = port.postMessage.bind(port);
const stringify = JSON.stringify;
const parse = JSON.parse;
const heartbeat = new Heartbeat(setup.heartbeat);

const session = setup.coverage ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Debugger.enable');
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
}

function loadFailed(code: 'ADAPTER_IMPORT_FAILED' | 'ADAPTER_CONTRACT', message: string): undefined {
  const greeting: HostGreeting = { type: 'loadFailed', protocol: protocolVersion, code, message };
  post(stringify(greeting));
  return undefined;
}

async function load(): Promise<AdapterHost | undefined> {
  let module: Record<string, unknown>;
  heartbeat.enter('import');
  try {
    module = (await import(setup.adapterUrl)) as Record<string, unknown>;
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return loadFailed('ADAPTER_IMPORT_FAILED', `its module threw on import: ${detail}`);
  } finally {
    heartbeat.leave();
  }
  try {
    // A runtime adapter, a store plugin, or both (the reference module exports its embedded store too).
    const { runtime, store } = implementationsOf(module, setup.adapterSource);
    // An over-declared capability is a load error naming the member, not a failure of every rule.
    if (runtime !== undefined) {
      heartbeat.enter('start');
      await checkStartedSystem(runtime, setup.adapterSource).finally(() => heartbeat.leave());
    }
    return new AdapterHost({ ...(runtime !== undefined ? { adapter: runtime } : {}), ...(store !== undefined ? { plugin: store } : {}) }, heartbeat);
  } catch (error) {
    if (!(error instanceof AdapterLoadError)) throw error;
    return loadFailed(error.code === 'ADAPTER_CONTRACT' ? 'ADAPTER_CONTRACT' : 'ADAPTER_IMPORT_FAILED', error.message.replace(/^cannot load adapter [^:]*: /, ''));
  }
}

/** The v8 coverage so far of files outside node_modules (only they can be the implementation under test), with their transformed source for mapping. */
async function coverage(id: number): Promise<string> {
  const scripts = [];
  if (session) {
    const taken = (await session.post('Profiler.takePreciseCoverage')).result;
    for (const script of taken) {
      if (!script.url.startsWith('file:') || script.url.includes('/node_modules/')) continue;
      const { scriptSource } = await session.post('Debugger.getScriptSource', { scriptId: script.scriptId });
      scripts.push({ url: script.url, source: scriptSource, functions: script.functions });
    }
  }
  return stringify({ id, type: 'coverage', scripts });
}

const host = await load();
if (host !== undefined) {
  post(host.greeting());
  port.on('message', (text: string) => {
    const { id, type } = parse(text) as { id: number; type: string };
    void (type === 'coverage' ? coverage(id) : host.handle(text)).then(post);
  });
}
