/**
 * `conformance init <dir>`: writes a commented adapter skeleton for a new runtime (every member
 * of the contract throwing "not implemented yet" until it is filled in), a vitest file that runs
 * the suite against it, and a short README. `docs/writing-an-adapter.md` continues from there.
 *
 * @packageDocumentation
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { checkOutputFolder } from './_internals/checkOutputFolder.js';
import type { Command } from 'commander';
import type { Output } from './_internals/ProgressPrinter.js';
import { adapterSource, readmeSource, testSource } from './_internals/initTemplates.js';

/** Why `init` refused to write. @public */
export type InitErrorCode = 'INIT_FILES_EXIST' | 'INIT_NOT_A_DIRECTORY' | 'INIT_BAD_NAME';

/** `init` refused, and wrote nothing. @public */
export class InitError extends Error {
  constructor(
    readonly code: InitErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InitError';
  }
}

/** Knobs of {@link initAdapter}. @public */
export interface InitOptions {
  /** Overwrite files that already exist (default: refuse). */
  readonly force?: boolean;
  /** The runtime name the adapter declares (default: the folder's name). */
  readonly name?: string;
  /** What a relative `dir` is relative to (default: the process's working directory). */
  readonly cwd?: string;
}

/** What {@link initAdapter} wrote. @public */
export interface InitResult {
  readonly directory: string;
  /** Absolute paths, in the order written. */
  readonly written: readonly string[];
  /** What will stop the files from running as written (they were written anyway). */
  readonly warnings: readonly string[];
}

/** Letters, digits and a few separators: the name goes into a string literal, a TSDoc comment and a Markdown heading. */
const runtimeNamePattern = /^[\w@.+/ -]{1,100}$/;

async function kindOf(path: string): Promise<'missing' | 'directory' | 'file'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    // ENOTDIR: a file stands where a folder of the path should be.
    if (code === 'ENOTDIR') return 'file';
    throw error;
  }
}

/** The nearest `package.json` at or above `directory` and whether it makes `.ts` files ES modules. */
async function enclosingPackage(directory: string): Promise<{ file: string; esm: boolean } | undefined> {
  for (let dir = directory; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      try {
        return { file, esm: (JSON.parse(text) as { type?: unknown }).type === 'module' };
      } catch {
        return { file, esm: false };
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Writes `adapter.ts`, `adapter.test.ts` and `README.md` into `dir` (created when missing).
 * Checks everything before writing anything: a `dir` that is a file, a bad runtime name, or
 * (without `force`) any of the three files already present throws an {@link InitError} and
 * leaves the disk untouched.
 *
 * @public
 */
export async function initAdapter(dir: string, options: InitOptions = {}): Promise<InitResult> {
  if (dir.trim() === '') throw new InitError('INIT_NOT_A_DIRECTORY', 'name the folder to write the adapter into, e.g. `conformance init adapters/my-runtime`');
  const directory = resolve(options.cwd ?? process.cwd(), dir);
  const name = options.name ?? basename(directory);
  if (!runtimeNamePattern.test(name)) {
    throw new InitError('INIT_BAD_NAME', `runtime name '${name}' must be 1–100 letters, digits, spaces or @ . + / - _ (give one with --name)`);
  }
  if ((await kindOf(directory)) === 'file') throw new InitError('INIT_NOT_A_DIRECTORY', `${dir} is a file (or lies under one), not a folder`);
  const files: readonly [string, string][] = [
    ['adapter.ts', adapterSource(name)],
    ['adapter.test.ts', testSource()],
    ['README.md', readmeSource(name, relative(options.cwd ?? process.cwd(), directory) || '.')],
  ];
  const present: string[] = [];
  for (const [file] of files) if ((await kindOf(join(directory, file))) !== 'missing') present.push(file);
  if (present.length > 0 && options.force !== true) {
    throw new InitError('INIT_FILES_EXIST', `${dir} already has ${present.join(', ')}; nothing written (--force overwrites)`);
  }
  await mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const [file, text] of files) {
    await writeFile(join(directory, file), text);
    written.push(join(directory, file));
  }
  // The command loads TypeScript adapters as ES modules; in a CommonJS package they fail to load.
  const enclosing = await enclosingPackage(directory);
  const warnings = enclosing?.esm
    ? []
    : [`${enclosing ? enclosing.file : 'no package.json above it'}: the adapter is not in an ES module package; add "type": "module" there, or the conformance command cannot load it`];
  return { directory, written, warnings };
}

/** Where the `init` command writes its messages. @public */
export interface InitIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
}

/**
 * Adds `init <dir> [--name <runtime>] [--force]` to the command line. Sets `exit.code` to 0
 * when the files were written and to 2 (usage) when `init` refused; other errors propagate.
 *
 * @public
 */
export function registerInit(program: Command, io: InitIo, exit: { code: number }): Command {
  return program
    .command('init')
    .description('write an adapter skeleton for a new runtime into <dir>: adapter.ts, adapter.test.ts, README.md')
    .argument('<dir>', 'folder to write into (created when missing)')
    .option('--name <runtime>', 'runtime name the adapter declares (default: the folder name)')
    .option('-f, --force', 'overwrite adapter.ts, adapter.test.ts and README.md when they exist')
    .action(async (dir: string, flags: { name?: string; force?: boolean }) => {
      try {
        if (dir.trim() !== '') await checkOutputFolder('init', dir, io.cwd);
        const result = await initAdapter(dir, { ...flags, cwd: io.cwd });
        for (const file of result.written) io.stdout.write(`wrote ${relative(io.cwd, file)}\n`);
        for (const warning of result.warnings) io.stderr.write(`conformance init: warning: ${warning}\n`);
        const adapterFile = relative(io.cwd, join(result.directory, 'adapter.ts'));
        io.stdout.write(`\nnext: fill in ${adapterFile} (each member names its ADAPTERS.md section), then run\n  npx conformance --adapter ${adapterFile}\n`);
        exit.code = 0;
      } catch (error) {
        if (!(error instanceof InitError)) throw error;
        io.stderr.write(`conformance init: ${error.message}\n`);
        exit.code = 2;
      }
    });
}
