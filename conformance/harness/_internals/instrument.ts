import type { DurableProbe } from '../../contract/DurableEnvironment.js';
import type { Probe } from '../../contract/Probe.js';
import type { RuntimeAdapter, SystemUnderTest, TestEnvironment } from '../../contract/RuntimeAdapter.js';
import type { Heartbeat, Operation } from './Heartbeat.js';

/** Something the adapter did that no runtime may do: throw from an operation, break the contract. */
export interface AdapterFault {
  readonly operation: string;
  readonly message: string;
  /** 0-based generated run in which it happened. */
  readonly run: number;
}

/** Thrown into the property so the run stops at the fault; the worker reports the recorded fault instead. */
export class AdapterFaultError extends Error {
  readonly code = 'ADAPTER_FAULT';
  constructor(readonly fault: AdapterFault) {
    super(`the adapter broke in ${fault.operation}: ${fault.message}`);
    this.name = 'AdapterFaultError';
  }
}

/** Records a fault of the run in progress and returns the error that stops that run. */
export function recordFault(faults: AdapterFault[], heartbeat: Heartbeat, operation: string, message: string): AdapterFaultError {
  const fault = { operation, message, run: heartbeat.run };
  faults.push(fault);
  return new AdapterFaultError(fault);
}

/** A thrown value, for a fault message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-error value thrown: ${String(error)}`;
}

/** An argument as the adapter passed it (NaN stays NaN, not JSON's null). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

const signals = new Set(['PreRestart', 'PostStop']);
const isPath = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;

/** Argument checks per probe method: what an event in contract looks like. */
const probeContract: Readonly<Record<keyof Probe, readonly ((v: unknown) => boolean)[]>> = {
  setupStarted: [isPath],
  received: [isPath, isCount, isCount],
  signal: [isPath, (v) => signals.has(v as string)],
  terminated: [isPath, isPath],
  childFailed: [isPath, isPath, (v) => typeof v === 'string'],
  watchMessage: [isPath, isPath],
  deadLetter: [isPath, isCount],
};

const isState = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** The same for the durable-state probe. */
const durableProbeContract: Readonly<Record<keyof DurableProbe, readonly ((v: unknown) => boolean)[]>> = {
  recovered: [isPath, isState, isCount],
  recoveryFailed: [isPath],
  handled: [isPath, isCount, isState, isCount],
  callback: [isPath, isCount, isCount, isState],
  reply: [isPath, isCount, isState],
  dropped: [isPath, isCount],
};

/**
 * Wraps an adapter so the harness sees every operation: the heartbeat marks what runs (for the
 * watchdog), a throw from an operation becomes a recorded fault, and probe events out of
 * contract are recorded as faults and dropped instead of reaching the checker.
 */
export function instrument(adapter: RuntimeAdapter, heartbeat: Heartbeat, faults: AdapterFault[]): RuntimeAdapter {
  const record = (operation: string, message: string): AdapterFaultError => recordFault(faults, heartbeat, operation, message);
  async function guarded<T>(operation: Operation, call: () => T | Promise<T>): Promise<T> {
    heartbeat.enter(operation);
    try {
      return await call();
    } catch (error) {
      if (error instanceof AdapterFaultError) throw error;
      throw record(`${operation}()`, describeError(error));
    } finally {
      heartbeat.leave();
    }
  }
  function guardedSync(operation: Operation, call: () => void): void {
    heartbeat.enter(operation);
    try {
      call();
    } catch (error) {
      throw record(`${operation}()`, describeError(error));
    } finally {
      heartbeat.leave();
    }
  }
  /** Forwards each method of `real` whose arguments pass `contract`; records the others as faults and drops them. */
  function checked<P extends object>(real: P, contract: Readonly<Record<keyof P, readonly ((v: unknown) => boolean)[]>>, prefix: string): P {
    const wrapped = {} as Record<keyof P, (...args: unknown[]) => void>;
    for (const method of Object.keys(contract) as (keyof P & string)[]) {
      wrapped[method] = (...args: unknown[]) => {
        const checks = contract[method];
        if (args.length < checks.length || checks.some((ok, i) => !ok(args[i]))) {
          record(`${prefix}.${method}`, `event out of contract: ${method}(${args.map(show).join(', ')})`);
          return;
        }
        (real[method] as (...a: unknown[]) => void).apply(real, args);
      };
    }
    return wrapped as unknown as P;
  }
  return {
    name: adapter.name,
    version: adapter.version,
    capabilities: adapter.capabilities,
    runtimeErrors: adapter.runtimeErrors,
    ...(adapter.hookPolicy !== undefined ? { hookPolicy: adapter.hookPolicy } : {}),
    async start(env: TestEnvironment): Promise<SystemUnderTest> {
      heartbeat.nextRun();
      const durable = { ...env.durable, probe: checked(env.durable.probe, durableProbeContract, 'durable.probe') };
      const sut = await guarded('start', () => adapter.start({ ...env, probe: checked(env.probe, probeContract, 'probe'), durable }));
      for (const member of ['spawn', 'tell', 'shutdown'] as const) {
        if (typeof sut?.[member] !== 'function') throw record('start()', `the system it returned has no \`${member}\` function, a required member of SystemUnderTest`);
      }
      const { settle, spawnEntity, tellEntity, spawnHooked, tellHooked, stopHooked } = sut;
      return {
        spawn: (blueprint) => guardedSync('spawn', () => sut.spawn(blueprint)),
        tell: (path, command) => guardedSync('tell', () => sut.tell(path, command)),
        ...(typeof settle === 'function' ? { settle: () => guarded('settle', () => settle.call(sut)) } : {}),
        ...(typeof spawnEntity === 'function' ? { spawnEntity: (entity) => guardedSync('spawn', () => spawnEntity.call(sut, entity)) } : {}),
        ...(typeof tellEntity === 'function' ? { tellEntity: (path, command) => guardedSync('tell', () => tellEntity.call(sut, path, command)) } : {}),
        ...(typeof spawnHooked === 'function' ? { spawnHooked: (actor) => guardedSync('spawn', () => spawnHooked.call(sut, actor)) } : {}),
        ...(typeof tellHooked === 'function' ? { tellHooked: (path, command) => guardedSync('tell', () => tellHooked.call(sut, path, command)) } : {}),
        ...(typeof stopHooked === 'function' ? { stopHooked: (path) => guardedSync('tell', () => stopHooked.call(sut, path)) } : {}),
        shutdown: () => guarded('shutdown', () => sut.shutdown()),
      };
    },
  };
}
