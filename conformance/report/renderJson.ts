import type { ConformanceRun } from './ConformanceRun.js';

/** `conformance.json`: the result model itself, pretty-printed. @public */
export function renderJson(run: ConformanceRun): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
