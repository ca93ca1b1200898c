// How long the installed command line takes to start: `conformance --version` and
// `conformance --list-rules` through bin/conformance.js (which runs dist/), against a bare
// `node -e 0` started the same way in the same process. Counted in CPU time of the started process
// (user + system, which it reports as it exits): on the shared 2-core machine wall time mostly
// measures the other processes waiting for a core.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectEqual, type Measurement, type Scenario } from '../scenario.js';

const bin = fileURLToPath(new URL('../../bin/conformance.js', import.meta.url));
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** Starts per measurement: enough to smooth one slow start, few enough to keep the bench short. */
const starts = 10;
/** The issue's target: the command line answers in under half a second. */
const targetSeconds = 0.5;

/** Preloaded into each started process: prints its own CPU time, in microseconds, as the last line of stderr. */
const reportCpu = `data:text/javascript,${encodeURIComponent("process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\n${u.user + u.system}\\n`); });")}`;

/** Starts `node args` `starts` times; `check` sees each one's stdout. Starts per CPU second. */
function startsPerSecond(args: readonly string[], check: (stdout: string) => void): Measurement {
  let cpuMicros = 0;
  for (let i = 0; i < starts; i++) {
    const result = spawnSync(process.execPath, ['--import', reportCpu, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    check(result.stdout);
    cpuMicros += Number(result.stderr.trim().split('\n').at(-1));
  }
  if (!Number.isFinite(cpuMicros) || cpuMicros <= 0) throw new Error(`node ${args.join(' ')} reported no CPU time`);
  return { opsPerSecond: starts / (cpuMicros / 1e6) };
}

function cliScenario(name: string, flag: string, check: (stdout: string) => void): Scenario {
  return {
    name,
    description: `\`conformance ${flag}\` from dist/, starts per CPU second (baseline: \`node -e 0\`)`,
    unit: 'starts/CPU s',
    run: {
      ours: async () => {
        if (!existsSync(new URL('../../dist/conformance/cli/main.js', import.meta.url))) throw new Error('dist/ is missing: run `npm run build` first');
        return startsPerSecond([bin, flag], check);
      },
      baseline: async () => startsPerSecond(['-e', '0'], () => undefined),
    },
    targets: [{ description: `one start under ${targetSeconds} s of CPU`, met: (results) => 1 / (results.ours?.opsPerSecond ?? 0) < targetSeconds }],
  };
}

/** `--version`, and `--list-rules` (which loads the rule registry and the property families). */
export const cliStartScenarios: readonly Scenario[] = [
  cliScenario('cli-start', '--version', (stdout) => expectEqual(stdout, `${version}\n`, 'conformance --version')),
  cliScenario('cli-list-rules', '--list-rules', (stdout) => expectEqual(/^LIF-01 /m.test(stdout), true, 'conformance --list-rules lists LIF-01')),
];
