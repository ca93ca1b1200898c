import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { main, type CliIo } from '../../../conformance/cli/main.js';

/** What one call of the command line printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A temporary working folder for the file's tests (made before, removed after) and the command line run in it. */
export interface CliSandbox {
  /** The working folder. */
  readonly dir: string;
  /** A path inside the working folder. */
  path(...parts: string[]): string;
  /** Runs the command line in the working folder, capturing its output. */
  cli(...argv: string[]): Promise<CliResult>;
}

/** Registers the hooks that make and remove the folder; call at the top of a test file. */
export function cliSandbox(prefix: string): CliSandbox {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    path: (...parts) => join(dir, ...parts),
    async cli(...argv) {
      let out = '';
      let err = '';
      const io: CliIo = { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, cwd: dir, tty: false };
      const code = await main(argv, io);
      return { code, out, err };
    },
  };
}
