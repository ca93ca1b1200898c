/** Adapter and store-plugin operations the watchdog can see running. */
export const operations = [
  'none',
  'import',
  'start',
  'spawn',
  'tell',
  'settle',
  'shutdown',
  'setup',
  'createStore',
  'getObject',
  'upsertObject',
  'deleteObject',
  'currentChanges',
  'dispose',
  'teardown',
] as const;

/** One adapter operation. */
export type Operation = (typeof operations)[number];

/**
 * Memory shared between the worker running adapter code and the watchdog in the main thread:
 * which operation is running since when, and in which generated run. The worker writes, the
 * watchdog reads; a worker stuck in a synchronous loop cannot answer messages, but this it
 * does not have to answer.
 */
export class Heartbeat {
  private readonly ints: Int32Array;
  private readonly times: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.ints = new Int32Array(buffer, 0, 2);
    this.times = new Float64Array(buffer, 8, 1);
  }

  /** Marks the start of an operation. */
  enter(operation: Operation): void {
    this.times[0] = Date.now();
    Atomics.store(this.ints, 1, operations.indexOf(operation));
  }

  /** Marks that no adapter operation is running. */
  leave(): void {
    Atomics.store(this.ints, 1, 0);
  }

  /** Counts a new generated run (a fresh `start`). */
  nextRun(): void {
    Atomics.add(this.ints, 0, 1);
  }

  /** Forgets the runs of the previous property. */
  resetRuns(): void {
    Atomics.store(this.ints, 0, 0);
  }

  /** 0-based index of the current generated run (-1 before the first). */
  get run(): number {
    return Atomics.load(this.ints, 0) - 1;
  }

  /** The running operation and since when (epoch ms), or undefined when none is. */
  current(): { readonly operation: Operation; readonly since: number } | undefined {
    const code = Atomics.load(this.ints, 1);
    if (code === 0) return undefined;
    return { operation: operations[code] ?? 'none', since: this.times[0] ?? Date.now() };
  }
}
