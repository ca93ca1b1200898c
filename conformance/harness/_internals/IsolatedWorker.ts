import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AdapterLoadError } from '../AdapterLoadError.js';
import { HostConnection, type HostGone, type HostPipe } from '../protocol/HostConnection.js';
import { protocolVersion } from '../protocol/messages.js';
import { ProtocolViolation, readGreeting } from '../protocol/readHostMessage.js';
import type { AdapterLocation } from '../resolveAdapter.js';
import { Heartbeat, type Beat } from './Heartbeat.js';
import type { WorkerSetup } from './worker.js';

/** Limits the watchdog enforces. */
export interface WatchdogLimits {
  /** Longest a single adapter operation (import, start, spawn, tell, settle, advance, shutdown) may run. */
  readonly operationTimeoutMs: number;
  /** Epoch ms after which everything still running is killed. */
  readonly deadline: number;
}

/**
 * Loading an adapter compiles it and the runtime it imports (cold tsx cache on a fresh CI
 * machine), so the import gets at least this long, whatever the per-operation timeout.
 */
const minimumLoadTimeoutMs = 30_000;

/** tsx's ESM or CommonJS API, resolved from this kit (not from the user's folder, which may not have tsx). */
function tsxApiUrl(kind: 'esm' | 'cjs'): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsField = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const entry = exportsField[`./${kind}/api`]?.import.default ?? `./dist/${kind}/api/index.mjs`;
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

/** A TypeScript file: loading it needs tsx. */
const typeScriptFile = /\.[mc]?tsx?$/;

/**
 * Boot code: register tsx in the worker only when something it loads is TypeScript (the adapter,
 * or the kit itself when it runs from its sources rather than from `dist/`), then run the worker.
 * A JavaScript adapter under the built kit never pays for tsx.
 */
function bootstrap(adapterUrl: string): string {
  const worker = new URL('./worker.js', import.meta.url).href;
  const needsTsx = typeScriptFile.test(new URL(adapterUrl).pathname) || typeScriptFile.test(new URL(import.meta.url).pathname);
  if (!needsTsx) return `import(${JSON.stringify(worker)});`;
  // Both hooks: in a CommonJS project (no "type": "module") a `.ts` adapter is CommonJS, and with
  // the ESM hooks alone Node's require(esm) meets it mid-import ("Cannot require() ES Module … in a cycle").
  const [esm, cjs] = [JSON.stringify(tsxApiUrl('esm')), JSON.stringify(tsxApiUrl('cjs'))];
  return `Promise.all([import(${esm}), import(${cjs})]).then(([esm, cjs]) => { esm.register(); cjs.register(); return import(${JSON.stringify(worker)}); });`;
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * The adapter's worker thread as a pipe of the adapter protocol, with the watchdog that kills
 * it when an operation overruns, when it owes a reply and shows no sign of life, or when the
 * whole run's time is up. The watchdog times the heartbeat with the main thread's clock.
 */
export class IsolatedWorker implements HostPipe {
  private onMessage: (raw: unknown) => void = () => undefined;
  private onGone: (gone: HostGone) => void = () => undefined;
  private outstanding = 0;
  private last: Beat;
  private since = Date.now();
  private readonly timer: NodeJS.Timeout;
  private lastPoll = Date.now();
  private ended = false;

  private constructor(
    private readonly worker: Worker,
    private readonly heartbeat: Heartbeat,
    private limits: WatchdogLimits,
    private readonly everyMs: number,
  ) {
    this.last = heartbeat.read();
    worker.on('message', (raw: unknown) => this.onMessage(raw));
    worker.on('error', (error) => this.finish({ kind: 'crashed', message: describe(error) }));
    worker.on('exit', (code) => this.finish({ kind: 'crashed', message: `the worker exited with code ${code}` }));
    this.timer = setInterval(() => this.watch(), everyMs);
  }

  /**
   * Starts a worker, loads the adapter in it and checks its greeting; throws
   * {@link AdapterLoadError} when it cannot load or speaks another protocol version.
   */
  static async connect(location: AdapterLocation, limits: WatchdogLimits, coverage = false): Promise<HostConnection> {
    const heartbeat = new Heartbeat();
    const setup: WorkerSetup = { adapterUrl: location.url, adapterSource: location.source, heartbeat: heartbeat.buffer, coverage };
    const worker = new Worker(bootstrap(location.url), { eval: true, workerData: setup });
    // Loading has its own limit; the overall deadline is for running rules, which report it.
    const loadingTimeoutMs = Math.max(limits.operationTimeoutMs, minimumLoadTimeoutMs);
    const everyMs = Math.max(5, Math.min(250, Math.floor(limits.operationTimeoutMs / 5)));
    const pipe = new IsolatedWorker(worker, heartbeat, { operationTimeoutMs: loadingTimeoutMs, deadline: Number.POSITIVE_INFINITY }, everyMs);
    const fail = (code: AdapterLoadError['code'], message: string): never => {
      throw new AdapterLoadError(code, location.source, message);
    };
    pipe.awaiting(1);
    const first = await new Promise<{ raw: unknown } | { gone: HostGone }>((resolve) => pipe.listen((raw) => resolve({ raw }), (gone) => resolve({ gone })));
    pipe.awaiting(0);
    if ('gone' in first) {
      await pipe.close();
      if (first.gone.kind === 'killed') return fail('ADAPTER_LOAD_TIMEOUT', `importing it did not finish within ${loadingTimeoutMs} ms`);
      return fail('ADAPTER_IMPORT_FAILED', first.gone.message);
    }
    let greeting;
    try {
      greeting = readGreeting(first.raw);
    } catch (error) {
      await pipe.close();
      return fail('ADAPTER_PROTOCOL', `its host did not greet as the adapter protocol says: ${error instanceof ProtocolViolation ? error.message : describe(error)}`);
    }
    if (greeting.protocol !== protocolVersion) {
      await pipe.close();
      return fail('ADAPTER_PROTOCOL', `its host speaks adapter protocol ${greeting.protocol}; this kit speaks ${protocolVersion}`);
    }
    if (greeting.type === 'loadFailed') {
      await pipe.close();
      return fail(greeting.code, greeting.message);
    }
    pipe.limits = limits;
    return new HostConnection(pipe, greeting);
  }

  send(text: string): void {
    if (!this.ended) this.worker.postMessage(text);
  }

  listen(onMessage: (raw: unknown) => void, onGone: (gone: HostGone) => void): void {
    this.onMessage = onMessage;
    this.onGone = onGone;
  }

  awaiting(count: number): void {
    if (this.outstanding === 0 && count > 0 && this.last.operation === 'none') this.since = Date.now();
    this.outstanding = count;
  }

  async close(): Promise<void> {
    this.finish({ kind: 'crashed', message: 'closed by the kit' });
    await this.worker.terminate();
  }

  private finish(gone: HostGone): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    this.onGone(gone);
  }

  private kill(gone: HostGone): void {
    this.finish(gone);
    void this.worker.terminate();
  }

  /**
   * One look at the heartbeat. An operation running longer than the limit is killed under its
   * name; a host that owes a reply and has shown no sign of life for as long (a loop in a timer
   * of its own, a patched heartbeat) is killed as unresponsive.
   */
  private watch(): void {
    const now = Date.now();
    // Time the main thread itself was stalled (a long check, GC, a loaded machine) is not the
    // host's: a reply may be waiting in the queue behind this very poll.
    const stalled = now - this.lastPoll - this.everyMs;
    if (stalled > this.everyMs) this.since += stalled;
    this.lastPoll = now;
    const beat = this.heartbeat.read();
    if (beat.sequence !== this.last.sequence || beat.operation !== this.last.operation) {
      this.last = beat;
      this.since = now;
    }
    const busy = beat.operation !== 'none' || this.outstanding > 0;
    if (!busy) this.since = now;
    else if (now - this.since > this.limits.operationTimeoutMs) {
      this.kill({ kind: 'killed', why: beat.operation === 'none' ? 'unresponsive' : 'operation', operation: beat.operation, elapsedMs: now - this.since });
      return;
    }
    if (now > this.limits.deadline) this.kill({ kind: 'killed', why: 'overall', operation: beat.operation, elapsedMs: 0 });
  }
}
