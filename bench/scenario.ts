/** One implementation's measurement of a scenario: the figure of merit and, optionally, memory. */
export interface Measurement {
  /** Operations per second (higher is better). */
  readonly opsPerSecond: number;
  /** Heap bytes per unit where the scenario measures memory (e.g. per idle actor). */
  readonly heapBytesPerUnit?: number;
  /** Further named figures a scenario reports (e.g. per-level cost at each depth), medians like the rest. */
  readonly figures?: Readonly<Record<string, number>>;
}

/** The implementations a scenario compares, each run in the same process. */
export type Implementation = 'ours' | 'nact' | 'baseline';

/**
 * A benchmark scenario: the same workload written against our runtime, against nact and as a bare
 * loop that does the least work the workload allows. Every implementation checks its own result
 * (a wrong count throws) so a fast-but-broken implementation cannot win.
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** What `opsPerSecond` counts, e.g. "messages/s". */
  readonly unit: string;
  readonly run: Readonly<Partial<Record<Implementation, () => Promise<Measurement>>>>;
  /** Targets from the issue, checked and printed by the runner (never asserted in tests). */
  readonly targets?: readonly Target[];
  /** Why the scenario cannot run here (e.g. no database server), checked first; `undefined` when it can. */
  readonly unavailable?: () => Promise<string | undefined>;
}

/** What a scenario's worker reports when the scenario cannot run here. */
export interface Skipped {
  readonly skipped: string;
}

export interface Target {
  readonly description: string;
  readonly met: (results: Readonly<Partial<Record<Implementation, Measurement>>>) => boolean;
}

/** Times `body` and returns operations per second for `operations` operations. */
export async function opsPerSecond(operations: number, body: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await body();
  const elapsedMs = performance.now() - start;
  return (operations / elapsedMs) * 1000;
}

/** Throws when an implementation computed the wrong result. */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

/** Forces a full collection (the runner starts node with --expose-gc) and returns heap used. */
export function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start node with --expose-gc to measure memory');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** How many times faster ours is than `other` (NaN when either was not measured). */
export function ratio(results: Readonly<Partial<Record<Implementation, Measurement>>>, other: Implementation): number {
  const ours = results.ours?.opsPerSecond;
  const theirs = results[other]?.opsPerSecond;
  return ours !== undefined && theirs !== undefined ? ours / theirs : Number.NaN;
}
