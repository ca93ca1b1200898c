#!/usr/bin/env node
// The `conformance` / `actor-conformance` command. Plain JavaScript so npm can link it as is;
// it registers tsx (TypeScript adapters load through it) and runs the command line from the
// TypeScript sources the package ships, or from the compiled dist/ when they are absent.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();

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

const source = new URL('../conformance/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/conformance/cli/main.js', import.meta.url);
const { main } = await import(existsSync(source) ? source.href : compiled.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: pipeSafe(process.stdout),
  stderr: pipeSafe(process.stderr),
  cwd: process.cwd(),
  tty: process.stdout.isTTY === true,
});
// Adapter code only runs in worker threads the harness terminates; should anything still hold
// the event loop, do not hang the CI job on it.
setTimeout(() => process.exit(), 2000).unref();
