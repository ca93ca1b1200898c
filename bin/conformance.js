#!/usr/bin/env node
// The `conformance` / `actor-conformance` command. Plain JavaScript so npm can link it as is;
// it registers tsx (TypeScript adapters load through it) and runs the command line from the
// TypeScript sources the package ships, or from the compiled dist/ when they are absent.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
// `conformance | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const source = new URL('../conformance/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/conformance/cli/main.js', import.meta.url);
const { main } = await import(existsSync(source) ? source.href : compiled.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  tty: process.stdout.isTTY === true,
});
// Adapter code only runs in worker threads the harness terminates; should anything still hold
// the event loop, do not hang the CI job on it.
setTimeout(() => process.exit(), 2000).unref();
