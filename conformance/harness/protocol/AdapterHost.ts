import { advanceClock } from '../../_internals/advanceClock.js';
import { defaultSettle } from '../../_internals/defaultSettle.js';
import { suiteEnvironment, type SuiteRun } from '../../_internals/suiteEnvironment.js';
import type { SuiteExtension } from '../../contract/HookEnvironment.js';
import type { Capability } from '../../../spec/index.js';
import type { RuntimeAdapter, SystemUnderTest } from '../../contract/RuntimeAdapter.js';
import type { StorePlugin, StoreUnderTest } from '../../contract/StorePlugin.js';
import { HookRecorder } from '../../hooks/_internals/HookRecorder.js';
import type { Heartbeat, Operation } from '../_internals/Heartbeat.js';
import { AdapterFaultError } from './AdapterFaultError.js';
import { protocolVersion, type Action, type DeliveredChange, type Fault, type HostGreeting, type HostReply, type KitRequest, type Observation, type RunSetup, type StoreCall } from './messages.js';
import { truncated } from '../../report/reportSchema.js';
import { protocolLimits } from './protocolLimits.js';
import { checkedProbe, durableProbeContract, probeContract } from './_internals/probeContracts.js';

// Taken before any adapter code loads, so an adapter that patches them for its own ends does
// not break how the host answers (it can still break it on purpose: the kit then sees garbage).
const stringify = JSON.stringify;
const parse = JSON.parse;
const immediate = globalThis.setImmediate;

/** A thrown value, described without trusting it, and short enough to travel (the kit cuts it again). */
function describeError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : `non-error value thrown: ${String(error)}`;
  } catch {
    return 'a thrown value that cannot be described';
  }
  return typeof text === 'string' ? truncated(text, protocolLimits.maxMessageTextChars) : 'a thrown value that cannot be described';
}

/** One run of a runtime adapter, as the host keeps it. */
interface HostRun {
  readonly suite: SuiteRun;
  readonly sut: SystemUnderTest;
  readonly hooks: HookRecorder | undefined;
  /** Events out of contract the probes dropped since the last reply. */
  readonly faults: Fault[];
  /** Real ms of quiet the generic settle waits for (the run's `patienceMs`; else the settle's default). */
  readonly patienceMs: number | undefined;
}

/** The adapter side of the protocol: what it executes — a runtime adapter, a store plugin, or both (one module may export both). */
export interface Hosted {
  readonly adapter?: RuntimeAdapter;
  readonly plugin?: StorePlugin;
}

/** The heartbeat's name for each store call, so the watchdog names what hung. */
const storeOperation: Readonly<Record<StoreCall['call'], Operation>> = {
  get: 'getObject',
  upsert: 'upsertObject',
  delete: 'deleteObject',
  query: 'currentChanges',
  pull: 'currentChanges',
  closeQuery: 'currentChanges',
};

/**
 * The host side of the adapter protocol: executes the kit's requests against the adapter and
 * answers with the events they produced, as JSON text. It owns the run's environment (virtual
 * clock, error classes, recorder, the suite's store), which the kit drives only by requests;
 * it decides nothing. Runs in the adapter's worker, or in-process for the vitest form.
 */
export class AdapterHost {
  private readonly runs = new Map<number, HostRun>();
  private nextRun = 0;
  private readonly stores = new Map<number, StoreUnderTest>();
  private nextStore = 0;
  private readonly cursors = new Map<number, Cursor>();
  private setUp: Promise<void> | undefined;
  private storeCallsRunning = 0;
  private nextCursor = 0;

  constructor(
    private readonly hosted: Hosted,
    private readonly heartbeat?: Heartbeat,
  ) {}

  /** The greeting that opens the conversation. */
  greeting(): string {
    const { adapter, plugin } = this.hosted;
    const identity = (d: { name: string; version: string; capabilities: readonly Capability[] }) => ({ name: d.name, version: d.version, capabilities: [...d.capabilities] });
    const hello: HostGreeting = {
      type: 'hello',
      protocol: protocolVersion,
      ...(adapter !== undefined ? { adapter: { ...identity(adapter), ...(adapter.hookPolicy !== undefined ? { hookPolicy: adapter.hookPolicy } : {}) } } : {}),
      ...(plugin !== undefined
        ? {
            store: {
              ...identity(plugin),
              ...(plugin.deleteOfUnknownId !== undefined ? { deleteOfUnknownId: plugin.deleteOfUnknownId } : {}),
              ...(plugin.patienceMs !== undefined ? { patienceMs: plugin.patienceMs } : {}),
            },
          }
        : {}),
    };
    return stringify(hello);
  }

  /** Answers one request (JSON text) with one reply (JSON text). */
  async handle(text: string): Promise<string> {
    const request = parse(text) as KitRequest;
    let reply: HostReply;
    try {
      reply = await this.answer(request);
    } catch (error) {
      const fault = error instanceof AdapterFaultError ? error.fault : { operation: 'the host', message: describeError(error) };
      reply = { id: request.id, type: 'fault', fault };
    }
    return stringify(reply);
  }

  private async answer(request: KitRequest): Promise<HostReply> {
    switch (request.type) {
      case 'start': {
        const faults: Fault[] = [];
        const run = await this.start(request.setup, faults);
        return { id: request.id, type: 'started', run, faults: faults.splice(0) };
      }
      case 'step': {
        const run = this.current(request.run);
        const observed = await this.step(run, request.actions, request.settle);
        return { id: request.id, type: 'observed', ...observed, faults: run.faults.splice(0) };
      }
      case 'stop': {
        const run = this.current(request.run);
        await this.stop(request.run, request.drainMs);
        return { id: request.id, type: 'stopped', faults: run.faults.splice(0) };
      }
      case 'storeOpen': {
        const plugin = this.plugin();
        // The plugin's costly part (a pool, a schema) once, before its first store.
        this.setUp ??= this.callAsync('setup', async () => plugin.setup?.());
        await this.setUp;
        const store = await this.callAsync('createStore', () => plugin.createStore());
        if (typeof store?.getObject !== 'function' || typeof store.upsertObject !== 'function' || typeof store.deleteObject !== 'function') {
          throw new AdapterFaultError({ operation: 'createStore()', message: 'the store it returned lacks getObject, upsertObject or deleteObject, required members of StoreUnderTest' });
        }
        this.stores.set(++this.nextStore, store);
        return { id: request.id, type: 'storeOpened', store: this.nextStore };
      }
      case 'store':
        return { id: request.id, type: 'storeResult', ...(await this.storeCall(request.store, request.operation)) };
      case 'storeClose': {
        const store = this.stores.get(request.store);
        this.stores.delete(request.store);
        const plugin = this.plugin();
        if (store !== undefined && typeof plugin.dispose === 'function') await this.callAsync('dispose', async () => plugin.dispose?.(store));
        return { id: request.id, type: 'storeClosed' };
      }
      case 'storeTeardown': {
        const plugin = this.plugin();
        const setUp = this.setUp;
        this.setUp = undefined;
        // Only a plugin whose setup() ran (and did not fail) is torn down.
        const ran = setUp !== undefined && (await setUp.then(() => true, () => false));
        if (ran && typeof plugin.teardown === 'function') await this.callAsync('teardown', async () => plugin.teardown?.());
        return { id: request.id, type: 'storeTornDown' };
      }
      default:
        return { id: (request as { id: number }).id, type: 'rejected', message: `unknown request type ${String((request as { type: unknown }).type)}` };
    }
  }

  private adapter(): RuntimeAdapter {
    if (this.hosted.adapter === undefined) throw new TypeError('this host holds no runtime adapter');
    return this.hosted.adapter;
  }

  private plugin(): StorePlugin {
    if (this.hosted.plugin === undefined) throw new TypeError('this host holds no store plugin');
    return this.hosted.plugin;
  }

  private fault(operation: string, error: unknown): AdapterFaultError {
    return error instanceof AdapterFaultError ? error : new AdapterFaultError({ operation, message: describeError(error) });
  }

  /**
   * A synchronous adapter call. The heartbeat keeps naming it until the next macrotask turn
   * ({@link AdapterHost.endTurn}), so an endless loop in a microtask it queued is blamed on it,
   * not on whatever runs next.
   */
  private callSync(operation: Operation, call: () => void): void {
    this.heartbeat?.enter(operation);
    try {
      call();
    } catch (error) {
      throw this.fault(`${operation}()`, error);
    }
  }

  /** An asynchronous adapter call, watched until the turn after it settled. */
  private async callAsync<T>(operation: Operation, call: () => T | Promise<T>): Promise<T> {
    this.heartbeat?.enter(operation);
    try {
      return await call();
    } catch (error) {
      throw this.fault(`${operation}()`, error);
    } finally {
      await this.endTurn();
    }
  }

  /** Lets the microtasks the last adapter call queued run, still under its name, then marks the host idle. */
  private async endTurn(): Promise<void> {
    await new Promise<void>((resolve) => immediate(resolve));
    this.heartbeat?.leave();
  }

  private current(handle: number): HostRun {
    const run = this.runs.get(handle);
    if (run === undefined) throw new TypeError(`no open run ${handle}`);
    return run;
  }

  /** Starts a system with a fresh environment; several runs may be open at once (vitest runs properties side by side). */
  private async start(setup: RunSetup, faults: Fault[]): Promise<number> {
    const adapter = this.adapter();
    const suite = suiteEnvironment(setup.errors, adapter.runtimeErrors);
    const { env, recorder, store } = suite;
    store.setWriteLatency(setup.writeLatencyMs);
    if (setup.expectTag !== undefined) store.expectTag(setup.expectTag);
    const outOfContract = (operation: string, message: string): void => {
      faults.push({ operation, message });
    };
    // Fresh instances per run: the host checks each lookup returns the very object it registered (HOOK-08).
    const extensions: SuiteExtension[] | undefined = setup.hooks?.extensions.map((id) => ({ id }));
    const hooks = extensions === undefined ? undefined : new HookRecorder(recorder, extensions);
    const durable = { ...env.durable, probe: checkedProbe(env.durable.probe, durableProbeContract, 'durable.probe', outOfContract) };
    const sut = await this.callAsync('start', () =>
      adapter.start({
        ...env,
        probe: checkedProbe(env.probe, probeContract, 'probe', outOfContract),
        durable,
        ...(hooks !== undefined && extensions !== undefined ? { hooks: { resource: store, extensions, probe: hooks } } : {}),
      }),
    );
    for (const member of ['spawn', 'tell', 'shutdown'] as const) {
      if (typeof sut?.[member] !== 'function') {
        throw new AdapterFaultError({ operation: 'start()', message: `the system it returned has no \`${member}\` function, a required member of SystemUnderTest` });
      }
    }
    this.runs.set(++this.nextRun, { suite, sut, hooks, faults, patienceMs: setup.patienceMs });
    return this.nextRun;
  }

  private async step(run: HostRun, actions: readonly Action[], settle: boolean): Promise<Observation> {
    // Adapter calls go back to back in one synchronous stretch (a burst reaches a mailbox
    // together); only `advance` waits.
    for (const action of actions) {
      if (action.do === 'advance') await this.advance(run, action.ms);
      else this.apply(run, action);
    }
    await this.endTurn();
    if (settle) await this.settle(run);
    return { events: run.suite.recorder.takeNew(), lookups: run.hooks?.takeLookups() ?? [], wrongTags: run.suite.store.takeWrongTags() };
  }

  private apply(run: HostRun, action: Exclude<Action, { do: 'advance' }>): void {
    const { sut, suite } = run;
    const need = <K extends keyof SystemUnderTest>(member: K): NonNullable<SystemUnderTest[K]> => {
      const found = sut[member];
      if (typeof found !== 'function') throw new AdapterFaultError({ operation: `${member}()`, message: `the system has no \`${member}\` function, needed by the capabilities it declares` });
      return (found as (...args: never[]) => unknown).bind(sut) as NonNullable<SystemUnderTest[K]>;
    };
    switch (action.do) {
      case 'spawn':
        return this.callSync('spawn', () => sut.spawn(action.blueprint));
      case 'tell':
        return this.callSync('tell', () => sut.tell(action.path, action.command));
      case 'spawnEntity':
        return this.callSync('spawn', () => need('spawnEntity')(action.entity));
      case 'tellEntity':
        return this.callSync('tell', () => need('tellEntity')(action.path, action.command));
      case 'spawnHooked':
        return this.callSync('spawn', () => need('spawnHooked')(action.actor));
      case 'tellHooked':
        return this.callSync('tell', () => need('tellHooked')(action.path, action.command));
      case 'stopHooked':
        return this.callSync('tell', () => need('stopHooked')(action.path));
      case 'armSetupFailure':
        return suite.recorder.armSetupFailure(action.path, action.error);
      case 'failNextWrite':
        return suite.store.failNextWrite();
      case 'failNextRead':
        return suite.store.failNextRead();
      case 'slowNextRead':
        return suite.store.slowNextRead();
      case 'writeBehind':
        return suite.store.writeBehind(action.persistenceId, action.value);
    }
  }

  /** Moves the run's clock, one due instant at a time; timer callbacks are adapter code, watched as `advance`. */
  private async advance(run: HostRun, ms: number): Promise<void> {
    await this.endTurn();
    const clock = run.suite.clock;
    const watched = {
      now: () => clock.now(),
      nextDue: () => clock.nextDue(),
      fireUntil: (instant: number) => this.callSync('advance', () => clock.fireUntil(instant)),
    };
    await advanceClock(watched, ms, async () => {
      await this.endTurn();
      await this.settle(run);
    });
    await this.endTurn();
  }

  private settle(run: HostRun): Promise<void> {
    const { sut, suite } = run;
    return this.callAsync('settle', () => (sut.settle ? sut.settle() : defaultSettle(() => suite.recorder.history.length, run.patienceMs)));
  }

  private async stop(handle: number, drainMs: number): Promise<void> {
    const run = this.current(handle);
    this.runs.delete(handle);
    run.hooks?.close();
    run.suite.recorder.close();
    try {
      // Start hooks still waiting for the clock would hold up the shutdown: let them finish unobserved.
      if (drainMs > 0) await this.advance(run, drainMs);
    } finally {
      await this.callAsync('shutdown', () => run.sut.shutdown());
    }
  }

  /**
   * One store call under its heartbeat name. Writers race, so store calls overlap: the heartbeat
   * marks a call running while any is, and the watchdog stops a store that hangs.
   */
  private async storeCall(handle: number, operation: StoreCall): Promise<StoreOutcome> {
    if (this.storeCallsRunning++ === 0) this.heartbeat?.enter(storeOperation[operation.call]);
    try {
      return await this.runStoreCall(handle, operation);
    } finally {
      if (--this.storeCallsRunning === 0) {
        await new Promise<void>((resolve) => immediate(resolve));
        if (this.storeCallsRunning === 0) this.heartbeat?.leave();
      }
    }
  }

  /** A store call's outcome: `ok: false` carries what the store threw (the kit tells a refusal from a store that is down). */
  private async runStoreCall(handle: number, operation: StoreCall): Promise<StoreOutcome> {
    const store = this.stores.get(handle);
    if (store === undefined) throw new TypeError(`no open store ${handle}`);
    try {
      switch (operation.call) {
        case 'get': {
          const got = await store.getObject(operation.id);
          // Not an answer at all (a driver returning nothing): out of contract.
          if (typeof got !== 'object' || got === null) throw new TypeError(`getObject(${stringify(operation.id)}) resolved to ${String(got)}, not { value, revision }`);
          return { ok: true, value: got.value, revision: got.revision };
        }
        case 'upsert':
          await store.upsertObject(operation.id, operation.revision, operation.value, operation.tag);
          return { ok: true };
        case 'delete':
          await store.deleteObject(operation.id, operation.revision);
          return { ok: true };
        case 'query': {
          const source = operation.live ? store.changes : store.currentChanges;
          if (typeof source !== 'function') throw new TypeError(`the store has no ${operation.live ? 'changes' : 'currentChanges'} query`);
          const iterator = source.call(store, operation.tag, operation.offset)[Symbol.asyncIterator]();
          this.cursors.set(++this.nextCursor, { iterator, pending: undefined });
          return { ok: true, cursor: this.nextCursor };
        }
        case 'pull':
          return { ok: true, ...(await this.pull(operation.cursor, operation.max, operation.waitMs)) };
        case 'closeQuery': {
          const open = this.cursors.get(operation.cursor);
          this.cursors.delete(operation.cursor);
          void open?.iterator.return?.();
          return { ok: true };
        }
      }
    } catch (error) {
      return { ok: false, error: error instanceof AdapterFaultError ? error.fault.message : describeError(error) };
    }
  }

  /** Up to `max` changes of a cursor, the first awaited at most `waitMs` (a live query never ends by itself). */
  private async pull(cursor: number, max: number, waitMs: number): Promise<{ changes: DeliveredChange[]; done: boolean }> {
    const open = this.cursors.get(cursor);
    if (open === undefined) throw new TypeError(`no open cursor ${cursor}`);
    const changes: DeliveredChange[] = [];
    while (changes.length < max) {
      // Waits up to `waitMs` for the first change only; after one, it sends what is ready at once.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        if (changes.length === 0) timer = setTimeout(() => resolve('late'), waitMs);
        else immediate(() => resolve('late'));
      });
      // A change still on its way when the wait ran out is kept for the next pull, not lost.
      const pending = open.pending ?? open.iterator.next();
      open.pending = pending;
      const next = await Promise.race([pending, late]).finally(() => clearTimeout(timer));
      if (next === 'late') return { changes, done: false };
      open.pending = undefined;
      if (next.done === true) return { changes, done: true };
      changes.push(next.value as DeliveredChange);
    }
    return { changes, done: false };
  }
}

/** An open store query and the change it is waiting for, if a pull gave up on it. */
interface Cursor {
  readonly iterator: AsyncIterator<unknown>;
  pending: Promise<IteratorResult<unknown>> | undefined;
}

type StoreOutcome = { ok: true; value?: unknown; revision?: number; cursor?: number; changes?: DeliveredChange[]; done?: boolean } | { ok: false; error: string };
