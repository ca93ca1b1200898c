// Runs one scenario in this process: every implementation, interleaved, `runs` times each, and
// prints the medians as one JSON line on stdout. The runner starts one such process per scenario.
import type { Implementation, Measurement } from './scenario.js';
import { scenarios } from './scenarios/index.js';
import { median } from './statistics.js';

const [name, runsText = '3'] = process.argv.slice(2);
const scenario = scenarios.find((s) => s.name === name);
if (!scenario) {
  console.error(`bench worker: unknown scenario '${name}'; known: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const runs = Number(runsText);

const skipped = await scenario.unavailable?.();
if (skipped !== undefined) {
  process.stdout.write(`${JSON.stringify({ skipped })}\n`);
  process.exit(0);
}

const samples = new Map<Implementation, Measurement[]>();
for (let i = 0; i < runs; i++) {
  for (const [implementation, run] of Object.entries(scenario.run) as [Implementation, () => Promise<Measurement>][]) {
    const measurement = await run();
    samples.set(implementation, [...(samples.get(implementation) ?? []), measurement]);
  }
}

const result: Record<string, Measurement> = {};
for (const [implementation, measurements] of samples) {
  const heaps = measurements.flatMap((m) => (m.heapBytesPerUnit === undefined ? [] : [m.heapBytesPerUnit]));
  const figureNames = [...new Set(measurements.flatMap((m) => Object.keys(m.figures ?? {})))];
  const figures = Object.fromEntries(figureNames.map((name) => [name, median(measurements.flatMap((m) => m.figures?.[name] ?? []))]));
  result[implementation] = {
    opsPerSecond: median(measurements.map((m) => m.opsPerSecond)),
    ...(heaps.length ? { heapBytesPerUnit: median(heaps) } : {}),
    ...(figureNames.length ? { figures } : {}),
  };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
// nact keeps timers alive after its systems stop; the measurement is done, so leave.
process.exit(0);
