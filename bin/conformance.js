#!/usr/bin/env node
// The `conformance` / `actor-conformance` command. Plain JavaScript so npm can link it as is;
// it runs the compiled command line in dist/ (the package ships no TypeScript sources). tsx is
// registered only where a TypeScript adapter is loaded, in the harness worker, so `--version`
// and `--list-rules` never load it.
import { existsSync } from 'node:fs';

/**
 * `conformance | head -1` closes the pipe early. The run must still finish, write its reports
 * and exit with its own code (a failing run piped into `head` must not turn CI green under
 * `pipefail`), so a closed stream is only stopped being written to, never a reason to exit.
 */
function pipeSafe(stream) {
  let closed = false;
  stream.on('error', (error) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw error;
  });
  return {
    write(text) {
      if (!closed) stream.write(text);
    },
  };
}

const compiled = new URL('../dist/conformance/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  // Only a source checkout can lack dist/ (the published package always has it).
  process.stderr.write('conformance: dist/ is missing: run `npm run build` in the actor-conformance checkout\n');
  process.exit(2);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: pipeSafe(process.stdout),
  stderr: pipeSafe(process.stderr),
  cwd: process.cwd(),
  tty: process.stdout.isTTY === true,
});
// Adapter code only runs in worker threads the harness terminates; should anything still hold
// the event loop, do not hang the CI job on it.
setTimeout(() => process.exit(), 2000).unref();
