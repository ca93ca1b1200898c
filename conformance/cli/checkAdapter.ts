import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { resolveAdapter } from '../harness/resolveAdapter.js';
import { exitCodes } from './_internals/exitCodes.js';
import type { Output } from './_internals/ProgressPrinter.js';
import { typeCheckAdapter } from './_internals/typeCheckAdapter.js';
import { UsageError } from './_internals/UsageError.js';

/** A file TypeScript can check. */
const typeScriptFile = /\.[mc]?tsx?$/;

/**
 * `conformance check-adapter <file>`: type-checks an adapter against the contract with the
 * TypeScript the kit ships (tsx, which loads adapters for a run, strips types unchecked).
 * Exit 0 when it type-checks, 1 with the type errors, 2 when there is no TypeScript file to check.
 */
export function registerCheckAdapter(program: Command, io: { readonly stdout: Output; readonly stderr: Output; readonly cwd: string }, exit: { code: number }): Command {
  return program
    .command('check-adapter')
    .description('type-check a TypeScript adapter (or store plugin) against the contract, with the TypeScript the kit ships')
    .argument('<file>', 'the adapter file, as given to --adapter')
    .action(async (spec: string) => {
      const file = fileURLToPath(resolveAdapter(spec, io.cwd).url);
      if (!typeScriptFile.test(file)) throw new UsageError(`check-adapter type-checks TypeScript adapters; ${spec} is ${file} (run it with --adapter to check it at load time)`);
      const result = await typeCheckAdapter(file, io.cwd);
      for (const error of result.errors) io.stderr.write(`${error}\n`);
      if (result.errors.length > 0) {
        io.stderr.write(`${spec}: ${result.errors.length} type error(s)\n`);
        exit.code = exitCodes.failed;
        return;
      }
      io.stdout.write(`${spec}: no type errors; its export \`${result.exportName ?? '?'}\` satisfies ${result.contract ?? '?'}\n`);
      exit.code = exitCodes.conforms;
    });
}
