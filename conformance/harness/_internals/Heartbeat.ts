/** Adapter and store-plugin operations the watchdog can see running. */
export const operations = [
  'none',
  'import',
  'start',
  'spawn',
  'tell',
  'settle',
  'advance',
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

/** What the watchdog reads: the operation running (or `none`) and a counter that moves on every change. */
export interface Beat {
  readonly operation: Operation;
  readonly sequence: number;
}

/**
 * Memory shared between the host running adapter code and the watchdog in the main thread:
 * which operation is running. The host writes, the watchdog reads and times it with its own
 * clock (the host's clock is the adapter's to patch); a host stuck in a synchronous loop cannot
 * answer messages, but this it does not have to answer. A value the adapter scribbles here can
 * only name the wrong operation or get the worker killed, never a verdict.
 */
export class Heartbeat {
  private readonly ints: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.ints = new Int32Array(buffer, 0, 2);
  }

  /** Marks the start of an operation. */
  enter(operation: Operation): void {
    Atomics.add(this.ints, 0, 1);
    Atomics.store(this.ints, 1, operations.indexOf(operation));
  }

  /** Marks that no adapter operation is running. */
  leave(): void {
    Atomics.add(this.ints, 0, 1);
    Atomics.store(this.ints, 1, 0);
  }

  /** The running operation and the change counter. */
  read(): Beat {
    return { operation: operations[Atomics.load(this.ints, 1)] ?? 'none', sequence: Atomics.load(this.ints, 0) };
  }
}
