import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileDurableStateStore } from '../../../../src/persistence/stores/FileDurableStateStore.js';
import { fileNameFor } from '../../../../src/persistence/stores/_internals/fileNames.js';

const writer = fileURLToPath(new URL('./_internals/fileStoreWriter.ts', import.meta.url));
let directory = '';
const children: ChildProcess[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'file-store-processes-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(directory, { recursive: true, force: true });
});

function start(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Runs the writer to its end; its stdout, or a rejection with its stderr. */
function run(...args: string[]): Promise<string> {
  const child = start(...args);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer exited ${code}: ${err}`)))));
}

/** Starts a process that opens the store and keeps it open; resolves once it has. */
async function holder(): Promise<ChildProcess> {
  const child = start('hold', directory);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
  return child;
}

describe('FileDurableStateStore: one writer per directory, across processes', () => {
  it('a second process gets STORE_LOCKED naming the owner; once the owner is killed its lock is taken over', async () => {
    const owner = await holder();
    const second = JSON.parse(await run('try-open', directory)) as { code: string; message: string };
    expect(second.code).toBe('STORE_LOCKED');
    expect(second.message).toContain(`pid ${owner.pid}`);
    await expect(FileDurableStateStore.open({ directory })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    owner.kill('SIGKILL');
    await new Promise((resolve) => owner.on('exit', resolve));
    // The owner died without closing: its lock is stale and the next open takes it over.
    expect(JSON.parse(await run('try-open', directory))).toEqual({ code: 'OPENED' });
    const store = await FileDurableStateStore.open({ directory });
    await expect(FileDurableStateStore.open({ directory })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await store.close();
    await (await FileDurableStateStore.open({ directory })).close();
  });

  it('two processes incrementing one counter in one folder never lose an acknowledged write', async () => {
    const results = await Promise.all([run('increment', directory, '6', '15'), run('increment', directory, '6', '15')]);
    const counts = results.map((r) => JSON.parse(r) as { acknowledged: number; conflicts: number });
    const acknowledged = counts.reduce((sum, c) => sum + c.acknowledged, 0);
    expect(acknowledged).toBe(2 * 6 * 15);
    const store = await FileDurableStateStore.open({ directory });
    expect(await store.getObject('c')).toEqual({ value: acknowledged, revision: acknowledged });
    await store.close();
    expect((await readdir(directory)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('recovery removes the temporary files of dead writers only', async () => {
    const live = start('hold', join(directory, 'elsewhere'));
    const dead = start('try-open', join(directory, 'other'));
    await new Promise((resolve) => dead.on('exit', resolve));
    const temp = (pid: number | undefined) => `${fileNameFor('p')}.p${pid}-0123abcd.1.tmp`;
    await writeFile(join(directory, temp(live.pid)), '{"state":"upd');
    await writeFile(join(directory, temp(dead.pid)), '{"state":"upd');
    await writeFile(join(directory, `${fileNameFor('p')}.7.tmp`), '{"state":"upd');
    const store = await FileDurableStateStore.open({ directory });
    const left = (await readdir(directory)).filter((n) => n.endsWith('.tmp'));
    expect(left).toEqual([temp(live.pid)]);
    await store.close();
  });
});
