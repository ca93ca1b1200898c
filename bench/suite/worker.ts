// Measures the suite's own figures in this process and prints them as one JSON line on stdout
// (progress on stderr). `bench/run.ts` starts it as its own process, like every scenario:
//   node --import tsx bench/suite/worker.ts <repetitions> <seeds>
import { measureSuite } from './measure.js';

const [repetitionsText = '3', seedsText = '9'] = process.argv.slice(2);
const figures = await measureSuite({
  repetitions: Number(repetitionsText),
  seeds: Number(seedsText),
  onProgress: (what) => process.stderr.write(`bench: suite: ${what} ...\n`),
});
process.stdout.write(`${JSON.stringify(figures)}\n`);
// Store plugins and runtimes may leave timers behind; the figures are out, so leave.
process.exit(0);
