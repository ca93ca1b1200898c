import type { RunOptions } from '../runProperty.js';

/** The run's patience as a `RunSetup` field (absent when the run sets none, so the host keeps its default). */
export function patienceOf(options: RunOptions): { readonly patienceMs?: number } {
  return options.patienceMs !== undefined ? { patienceMs: options.patienceMs } : {};
}
