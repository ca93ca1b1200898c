import { constants } from 'node:fs';
import { access, lstat, mkdtemp, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './UsageError.js';

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);

/** What is at `path`: a folder, a link to nothing, something else, or nothing (missing, or under a file). */
async function kindOf(path: string): Promise<'folder' | 'broken link' | 'other' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if (codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') throw error;
    // A symbolic link to nothing: nothing can be made at its place either.
    return (await lstat(path).then(() => true, () => false)) ? 'broken link' : 'none';
  }
}

/** Whether a file can be made in `folder`: tried for real (and undone), since permission bits say nothing to root or about read-only mounts. */
async function canCreateIn(folder: string): Promise<string | undefined> {
  try {
    await rm(await mkdtemp(join(folder, '.conformance-probe-')), { recursive: true, force: true });
    return undefined;
  } catch (error) {
    return codeOf(error);
  }
}

/**
 * Checks, before any rule runs, that the reports can be written under `given` (resolved
 * against `cwd`): the folder is a folder or can be created, a file can be made in it, and none of
 * `entries` (the files and folders the command will write there) is in the way. Writes nothing
 * that stays. Throws {@link UsageError} naming the option and the path at fault.
 */
export async function checkOutputFolder(option: string, given: string, cwd: string, entries: readonly { name: string; folder?: boolean }[] = []): Promise<void> {
  const out = resolve(cwd, given);
  const where = `${option} ${given}`;
  let existing = out;
  while ((await kindOf(existing)) === 'none' && dirname(existing) !== existing) existing = dirname(existing);
  const kind = await kindOf(existing);
  if (kind !== 'folder') throw new UsageError(`${where}: ${existing} is ${kind === 'broken link' ? 'a link to nothing' : 'a file'}, not a folder`);
  const refused = await canCreateIn(existing);
  if (refused !== undefined) throw new UsageError(`${where}: cannot write in ${existing} (${refused})`);
  if (existing !== out) return;
  for (const entry of entries) {
    const path = join(out, entry.name);
    const kind = await kindOf(path);
    if (kind === 'none') continue;
    if (entry.folder === true ? kind !== 'folder' : kind !== 'other') throw new UsageError(`${where}: ${path} is in the way (a ${kind === 'other' ? 'file' : kind} where the ${entry.folder === true ? 'folder' : 'file'} ${entry.name} goes)`);
    if (entry.folder !== true) {
      await access(path, constants.W_OK).catch((error: unknown) => {
        throw new UsageError(`${where}: cannot overwrite ${path} (${codeOf(error)})`);
      });
    }
  }
}
