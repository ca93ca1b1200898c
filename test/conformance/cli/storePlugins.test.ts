import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules, rulesByRole } from '../../../spec/index.js';
import type { ConformanceRun } from '../../../conformance/report/ConformanceRun.js';
import { cliSandbox } from './_cliSandbox.js';

const fixtures = fileURLToPath(new URL('../../fixtures/store-plugins/', import.meta.url));
const inMemory = fileURLToPath(new URL('../../../conformance/adapters/in-memory-store.ts', import.meta.url));
const fileStore = fileURLToPath(new URL('../../../conformance/adapters/file-store.ts', import.meta.url));
const sandbox = cliSandbox('conformance-store-cli-');
const { cli } = sandbox;
const quick = ['-s', '7', '--timeout', '2000'];
const readRun = async (folder: string): Promise<ConformanceRun> => JSON.parse(await readFile(sandbox.path(folder, 'conformance.json'), 'utf8')) as ConformanceRun;

describe('conformance --adapter <store plugin>', () => {
  it('runs the STORE and TAG rules with every report and exits 0 for a conforming plugin', async () => {
    const { code, out } = await cli('--adapter', inMemory, ...quick, '-o', 'mem');
    expect(code).toBe(0);
    for (const file of ['conformance.json', 'junit.xml', 'conformance.md', 'conformance.html']) expect(out).toContain(sandbox.path('mem', file));
    const run = await readRun('mem');
    expect(run.adapter.name).toBe('in-memory-store');
    expect(run.rules.map((r) => r.id)).toEqual(rulesByRole('store').map((r) => r.id));
    for (const file of ['junit.xml', 'conformance.html']) {
      const report = await readFile(sandbox.path('mem', file), 'utf8');
      for (const id of ['STORE-04', 'TAG-03']) expect(report, `${id} in ${file}`).toContain(id);
    }
    // The Markdown summary counts per area and details only what did not pass.
    expect(await readFile(sandbox.path('mem', 'conformance.md'), 'utf8')).toMatch(/\| STORE Durable state store contract \| 0 \| 0 \| 0 \| 9 \|/);
  });

  it('exits 1 naming the revision rule for a broken plugin, and its replay command passes against the fixed plugin', async () => {
    const broken = await cli('--adapter', `${fixtures}no-revision-check.ts`, ...quick, '-r', 'STORE', '-o', 'broken', '--reporter', 'json');
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/not conforming: .*STORE-04 \(failed\)/);
    const failed = (await readRun('broken')).rules.find((r) => r.id === 'STORE-04')!;
    const token = failed.counterexample!.replayToken;
    expect(broken.out).toContain(token);
    const again = await cli('--adapter', `${fixtures}no-revision-check.ts`, '--replay', token, '-o', 'again', '--reporter', 'json');
    expect(again.code).toBe(1);
    const fixed = await cli('--adapter', `${fixtures}fixed.ts`, '--replay', token, '-o', 'fixed', '--reporter', 'json');
    expect(fixed.err).toBe('');
    expect(fixed.code).toBe(0);
  });

  it('exits 1 with error, not failed, when the database is down', async () => {
    const { code, err } = await cli('--adapter', `${fixtures}database-down.ts`, ...quick, '-r', 'STORE-01,STORE-04', '--reporter', 'json', '-o', 'down');
    expect(code).toBe(1);
    expect(err).toContain('not conforming: STORE-01 (error), STORE-04 (error)');
  });

  it('splits a store run into shards that merge into the whole, and takes a baseline', async () => {
    for (const shard of ['1/2', '2/2']) expect((await cli('--adapter', inMemory, ...quick, '--shard', shard, '-o', `shard-${shard[0]}`, '--reporter', 'json')).code).toBe(0);
    const merged = await cli('merge', sandbox.path('shard-1', 'conformance.json'), sandbox.path('shard-2', 'conformance.json'), '-o', 'merged', '--reporter', 'json');
    expect(merged.code).toBe(0);
    expect((await readRun('merged')).rules.map((r) => r.id)).toEqual(rulesByRole('store').map((r) => r.id));
    const broken = await cli('--adapter', `${fixtures}no-revision-check.ts`, ...quick, '-r', 'STORE', '--baseline', sandbox.path('broken', 'conformance.json'), '-o', 'base', '--reporter', 'json');
    expect(broken.code).toBe(0);
  });

  it('compares store plugins in one matrix of store rules', async () => {
    const { code, out } = await cli('compare', '-a', inMemory, '-a', fileStore, ...quick, '-n', '5', '-r', 'STORE-01,TAG-02', '--reporter', 'json', '-o', 'cmp');
    expect(code).toBe(0);
    const matrix = await readFile(sandbox.path('cmp', 'compatibility.md'), 'utf8');
    expect(matrix).toContain('STORE-01');
    expect(matrix).toContain('TAG-02');
    expect(out).toMatch(/in-memory-store 0\.1\.0: 2 passed/);
    expect(out).toMatch(/file-store 0\.1\.0: 2 passed/);
  });

  it('refuses store rules for a runtime adapter, and validates --patience, with one line and exit 2', async () => {
    const xstate = fileURLToPath(new URL('../../../conformance/adapters/xstate.ts', import.meta.url));
    const wrongRole = await cli('--adapter', xstate, '-r', 'STORE-01');
    expect(wrongRole.code).toBe(2);
    expect(wrongRole.err).toMatch(/^conformance: .*judged on runtime rules only; the selected rules hold none of them\n$/);
    for (const bad of ['0', '-3', 'soon', '1.5']) {
      const { code, err } = await cli('--patience', bad);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toContain('--patience');
    }
  });

  it('lists every rule of the catalogue, store rules marked', async () => {
    const { code, out } = await cli('--list-rules');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(rules.length);
    expect(out).toMatch(/^STORE-04 .*\(store plugin\)/m);
  });
});
