import type { DurableProbe } from '../../../contract/DurableEnvironment.js';
import type { Probe } from '../../../contract/Probe.js';
import { truncated } from '../../../report/reportSchema.js';

/** An argument as the adapter passed it (NaN stays NaN, not JSON's null). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

const signals = new Set(['PreRestart', 'PostStop']);
const isPath = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const isState = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

type Contract<P> = Readonly<Record<keyof P, readonly ((v: unknown) => boolean)[]>>;

/** Argument checks per probe method: what an event in contract looks like. */
export const probeContract: Contract<Probe> = {
  setupStarted: [isPath],
  received: [isPath, isCount, isCount],
  signal: [isPath, (v) => signals.has(v as string)],
  terminated: [isPath, isPath],
  childFailed: [isPath, isPath, (v) => typeof v === 'string'],
  watchMessage: [isPath, isPath],
  deadLetter: [isPath, isCount],
};

/** The same for the durable-state probe. */
export const durableProbeContract: Contract<DurableProbe> = {
  recovered: [isPath, isState, isCount],
  recoveryFailed: [isPath],
  handled: [isPath, isCount, isState, isCount],
  callback: [isPath, isCount, isCount, isState],
  reply: [isPath, isCount, isState],
  dropped: [isPath, isCount],
};

/**
 * Forwards each method of `real` whose arguments pass `contract`; reports the others to
 * `outOfContract` (with a readable rendering of the call, cut short) and drops them. The
 * kit checks every event again on its side: this only gives the adapter's author a precise message.
 */
export function checkedProbe<P extends object>(real: P, contract: Contract<P>, prefix: string, outOfContract: (operation: string, message: string) => void): P {
  const wrapped = {} as Record<keyof P, (...args: unknown[]) => void>;
  for (const method of Object.keys(contract) as (keyof P & string)[]) {
    wrapped[method] = (...args: unknown[]) => {
      const checks = contract[method];
      if (args.length < checks.length || checks.some((ok, i) => !ok(args[i]))) {
        const call = `${method}(${args.map(show).join(', ')})`;
        outOfContract(`${prefix}.${method}`, `event out of contract: ${truncated(call, 300)}`);
        return;
      }
      (real[method] as (...a: unknown[]) => void).apply(real, args);
    };
  }
  return wrapped as unknown as P;
}
