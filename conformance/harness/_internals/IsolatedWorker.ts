import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Capability } from '../../../spec/index.js';
import type { PropertyResult } from '../../engine/results.js';
import { AdapterLoadError } from '../AdapterLoadError.js';
import type { AdapterLocation } from '../resolveAdapter.js';
import { Heartbeat, type Operation } from './Heartbeat.js';
import type { AdapterFault } from './instrument.js';
import type { LoadedImplementations, ScriptCoverage, WorkerReply, WorkerRequest } from './protocol.js';

/** What the adapter says it is, once loaded. */
export interface AdapterIdentity {
  readonly name: string;
  readonly version: string;
  readonly capabilities: readonly Capability[];
}

/** How one property job in the worker ended. */
export type JobOutcome =
  | { readonly kind: 'result'; readonly result: PropertyResult; readonly faults: readonly AdapterFault[] }
  /** The watchdog killed the worker: an operation overran its timeout, or the whole run did. */
  | { readonly kind: 'killed'; readonly why: 'operation' | 'overall'; readonly operation: Operation; readonly run: number; readonly elapsedMs: number }
  /** The worker died or failed by itself (an error thrown outside any operation, a bad replay token). */
  | { readonly kind: 'crashed'; readonly message: string; readonly run: number };

/** Limits the watchdog enforces. */
export interface WatchdogLimits {
  /** Longest a single adapter operation (import, start, spawn, tell, settle, shutdown) may run. */
  readonly operationTimeoutMs: number;
  /** Epoch ms after which everything still running is killed. */
  readonly deadline: number;
}

/**
 * Loading an adapter compiles it and the runtime it imports (cold tsx cache on a fresh CI
 * machine), so the import gets at least this long, whatever the per-operation timeout.
 */
const minimumLoadTimeoutMs = 30_000;

/** tsx's ESM API, resolved from this kit (not from the user's folder, which may not have tsx). */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsField = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const entry = exportsField['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

/** Boot code: register tsx in the worker (for TypeScript adapters and kit sources), then run worker.ts. */
function bootstrap(): string {
  const worker = new URL('./worker.js', import.meta.url).href;
  return `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
}

/**
 * One worker thread holding the adapter, seen from the main thread, with the watchdog that
 * kills it when an operation overruns. A killed worker is finished; the harness starts another.
 */
export class IsolatedWorker {
  private nextJob = 0;
  private pending: ((reply: WorkerReply) => void) | undefined;
  private died: ((message: string) => void) | undefined;
  private dead = false;

  private constructor(
    private readonly worker: Worker,
    private readonly heartbeat: Heartbeat,
    private readonly limits: WatchdogLimits,
    /** What the module offers: its runtime adapter, its store plugin, or both. */
    readonly implementations: LoadedImplementations,
  ) {
    worker.on('message', (reply: WorkerReply) => this.pending?.(reply));
    worker.on('error', (error) => this.died?.(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
    worker.on('exit', (code) => {
      this.dead = true;
      this.died?.(`the worker exited with code ${code}`);
    });
  }

  /** Starts a worker and loads the adapter in it; throws {@link AdapterLoadError} when it cannot. */
  static async start(location: AdapterLocation, limits: WatchdogLimits, coverage = false): Promise<IsolatedWorker> {
    const heartbeat = new Heartbeat();
    const worker = new Worker(bootstrap(), {
      eval: true,
      workerData: { adapterUrl: location.url, adapterSource: location.source, heartbeat: heartbeat.buffer, coverage },
    });
    const fail = (code: AdapterLoadError['code'], message: string): never => {
      throw new AdapterLoadError(code, location.source, message);
    };
    const first = await new Promise<WorkerReply | { type: 'timeout' } | { type: 'error'; message: string }>((resolve) => {
      // Loading has its own limit; the overall deadline is for running rules, which report it.
      const loading = { operationTimeoutMs: Math.max(limits.operationTimeoutMs, minimumLoadTimeoutMs), deadline: Number.POSITIVE_INFINITY };
      const stop = watch(heartbeat, loading, () => resolve({ type: 'timeout' }));
      const onMessage = (reply: WorkerReply): void => done(reply);
      const onError = (error: unknown): void => done({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      const onExit = (code: number): void => done({ type: 'error', message: `the worker exited with code ${code} while loading` });
      const done = (value: WorkerReply | { type: 'error'; message: string }): void => {
        stop();
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        resolve(value);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    if (first.type === 'loaded') {
      const { type: _loaded, ...implementations } = first;
      return new IsolatedWorker(worker, heartbeat, limits, implementations);
    }
    await worker.terminate();
    if (first.type === 'loadFailed') return fail(first.code, first.message);
    if (first.type === 'timeout') {
      return fail('ADAPTER_LOAD_TIMEOUT', `importing it did not finish within ${Math.max(limits.operationTimeoutMs, minimumLoadTimeoutMs)} ms`);
    }
    return fail('ADAPTER_IMPORT_FAILED', first.type === 'error' ? first.message : `unexpected reply ${first.type}`);
  }

  /**
   * The module's identity for reports: its runtime adapter's name and version (else its store
   * plugin's), and the capabilities both declare (a run combines the two declarations).
   */
  get identity(): AdapterIdentity {
    const { runtime, store } = this.implementations;
    const primary = (runtime ?? store)!;
    return { name: primary.name, version: primary.version, capabilities: [...(runtime?.capabilities ?? []), ...(store?.capabilities ?? [])] };
  }

  /** Whether the worker can still take jobs. */
  get alive(): boolean {
    return !this.dead;
  }

  /** Runs one property in the worker under the watchdog. */
  async run(request: Omit<Extract<WorkerRequest, { type: 'run' }>, 'type' | 'job'>): Promise<JobOutcome> {
    const job = this.nextJob++;
    const outcome = await this.exchange({ type: 'run', job, ...request }, true);
    if (outcome.kind !== 'reply') return outcome.outcome;
    const reply = outcome.reply;
    if (reply.type === 'result') return { kind: 'result', result: reply.result, faults: reply.faults };
    return { kind: 'crashed', message: reply.type === 'crashed' ? reply.message : `unexpected reply ${reply.type}`, run: this.heartbeat.run };
  }

  /** The v8 coverage the worker collected so far (empty when it was started without coverage). */
  async coverage(): Promise<readonly ScriptCoverage[]> {
    const outcome = await this.exchange({ type: 'coverage', job: this.nextJob++ }, false);
    return outcome.kind === 'reply' && outcome.reply.type === 'coverage' ? outcome.reply.scripts : [];
  }

  /** Calls the store plugin's `teardown()` (when its `setup()` ran) under the watchdog; its faults, if any. */
  async teardown(): Promise<readonly AdapterFault[]> {
    const outcome = await this.exchange({ type: 'teardown', job: this.nextJob++ }, true);
    return outcome.kind === 'reply' && outcome.reply.type === 'tornDown' ? outcome.reply.faults : [];
  }

  /** Stops the worker. */
  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }

  private exchange(request: WorkerRequest, watched: boolean): Promise<{ kind: 'reply'; reply: WorkerReply } | { kind: 'failed'; outcome: JobOutcome }> {
    if (this.dead) return Promise.resolve({ kind: 'failed', outcome: { kind: 'crashed', message: 'the worker is no longer running', run: -1 } });
    return new Promise((resolve) => {
      const stop = watched
        ? watch(this.heartbeat, this.limits, (why, operation, elapsedMs) => {
            const run = this.heartbeat.run;
            finish({ kind: 'failed', outcome: { kind: 'killed', why, operation, run, elapsedMs } });
            void this.terminate();
          })
        : () => undefined;
      const finish = (value: { kind: 'reply'; reply: WorkerReply } | { kind: 'failed'; outcome: JobOutcome }): void => {
        stop();
        this.pending = undefined;
        this.died = undefined;
        resolve(value);
      };
      this.pending = (reply) => {
        if ('job' in reply && reply.job === request.job) finish({ kind: 'reply', reply });
      };
      this.died = (message) => {
        const run = this.heartbeat.run;
        this.dead = true;
        void this.worker.terminate();
        finish({ kind: 'failed', outcome: { kind: 'crashed', message, run } });
      };
      this.worker.postMessage(request);
    });
  }
}

/** Polls the heartbeat; calls `expired` once when an operation overruns or the deadline passes. Returns a stop function. */
function watch(heartbeat: Heartbeat, limits: WatchdogLimits, expired: (why: 'operation' | 'overall', operation: Operation, elapsedMs: number) => void): () => void {
  const every = Math.max(5, Math.min(250, Math.floor(limits.operationTimeoutMs / 5)));
  const timer = setInterval(() => {
    const now = Date.now();
    const current = heartbeat.current();
    if (current !== undefined && now - current.since > limits.operationTimeoutMs) {
      clearInterval(timer);
      expired('operation', current.operation, now - current.since);
    } else if (now > limits.deadline) {
      clearInterval(timer);
      expired('overall', current?.operation ?? 'none', 0);
    }
  }, every);
  return () => clearInterval(timer);
}
