import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rulesByRole } from '../../../spec/index.js';
import { decodeReplayToken } from '../../../conformance/engine/ReplayToken.js';
import { resolveAdapter } from '../../../conformance/harness/resolveAdapter.js';
import { runSuite, type SuiteOptions } from '../../../conformance/harness/runSuite.js';
import { SelectionError } from '../../../conformance/harness/SelectionError.js';

const fixtures = fileURLToPath(new URL('../../fixtures/store-plugins/', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fast: SuiteOptions = { numRuns: 10, seed: 17, operationTimeoutMs: 1_000, totalTimeoutMs: 60_000 };
const storeRuleIds = rulesByRole('store').map((r) => r.id);

const run = (fixture: string, options: SuiteOptions = {}) => runSuite(resolveAdapter(fixture, fixtures), { ...fast, ...options });

describe('a store plugin through the harness', () => {
  it('is recognised and judged on every STORE and TAG rule, and only on those', async () => {
    const result = await runSuite(resolveAdapter('conformance/adapters/sqlite-store.ts', root), { ...fast, numRuns: undefined });
    expect(result.adapter.name).toBe('sqlite-store');
    expect(result.rules.map((r) => r.id)).toEqual(storeRuleIds);
    expect(result.rules.filter((r) => r.status !== 'passed').map((r) => `${r.id} ${r.status}`)).toEqual(['TAG-01 skipped']);
  });

  it('names the revision rule for a plugin without revision checks, with a token that replays against the fixed plugin', async () => {
    const broken = await run('./no-revision-check.ts', { select: ['STORE'] });
    const failed = broken.rules.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id)).toContain('STORE-04');
    const token = failed[0]!.counterexample!.replayToken;
    const data = decodeReplayToken(token);
    expect(data.adapter).toBeUndefined();
    expect(data.family).toMatch(/^store\./);
    expect(JSON.stringify(data)).not.toContain('revision check forgotten');
    // The counterexample replays against the broken plugin (it fails again) and the fixed one, named otherwise (it passes).
    const again = await run('./no-revision-check.ts', { replay: token });
    expect(again.rules.some((r) => r.status === 'failed')).toBe(true);
    const fixed = await run('./fixed.ts', { replay: token });
    expect(fixed.adapter.name).toBe('map store 0.2, revision check fixed');
    expect(fixed.rules.length).toBeGreaterThan(0);
    expect(fixed.rules.every((r) => r.status === 'passed' || r.status === 'skipped' || r.status === 'unexercised')).toBe(true);
  });

  it('reports a store whose database is down as error on every rule it reaches, not as failed', async () => {
    const result = await run('./database-down.ts');
    const statuses = new Set(result.rules.filter((r) => r.status !== 'skipped').map((r) => r.status));
    expect([...statuses]).toEqual(['error']);
    const store01 = result.rules.find((r) => r.id === 'STORE-01')!;
    expect(store01.reason).toMatch(/ECONNREFUSED/);
    expect(store01.reason).toContain('seed 17');
  });

  it('reports a setup() that fails as error', async () => {
    const result = await run('./setup-fails.ts', { select: ['STORE-01', 'TAG-02'] });
    expect(result.rules.map((r) => r.status)).toEqual(['error', 'error']);
    expect(result.rules[0]!.reason).toMatch(/setup\(\).*password authentication failed/);
  });

  it('kills a store call that hangs and reports error, with a replay token', async () => {
    const result = await run('./hangs.ts', { select: ['STORE-01'], operationTimeoutMs: 300 });
    const [outcome] = result.rules;
    expect(outcome!.status).toBe('error');
    expect(outcome!.reason).toMatch(/getObject\(\) did not return within 300 ms/);
    expect(decodeReplayToken(outcome!.counterexample!.replayToken).family).toMatch(/^store\./);
  });

  it('calls setup() once before the first store and teardown() once after the last, in the worker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-lifecycle-'));
    process.env['STORE_LIFECYCLE_LOG'] = join(dir, 'log');
    try {
      const result = await run('./lifecycle.ts', { numRuns: 3 });
      expect(result.rules.filter((r) => r.status === 'failed' || r.status === 'error')).toEqual([]);
      const lines = (await readFile(join(dir, 'log'), 'utf8')).trim().split('\n');
      expect(lines[0]).toBe('setup');
      expect(lines.at(-1)).toBe('teardown');
      expect(lines.filter((l) => l === 'setup' || l === 'teardown')).toEqual(['setup', 'teardown']);
      expect(lines.filter((l) => l === 'createStore').length).toBe(lines.filter((l) => l === 'dispose').length);
    } finally {
      delete process.env['STORE_LIFECYCLE_LOG'];
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses runtime rules for a store plugin and store rules for a runtime adapter', async () => {
    await expect(run('./fixed.ts', { select: ['SUP-01'] })).rejects.toThrow(SelectionError);
    await expect(runSuite(resolveAdapter('conformance/adapters/xstate.ts', root), { ...fast, select: ['STORE'] })).rejects.toThrow(/STORE and TAG rules|runtime rules only/);
  });

  it('judges the reference runtime together with its embedded default store', async () => {
    const result = await runSuite(resolveAdapter('reference', root), { ...fast, select: ['LIF-01', 'STORE-02', 'TAG-05'] });
    expect(result.rules.map((r) => `${r.id} ${r.status}`)).toEqual(['LIF-01 passed', 'STORE-02 passed', 'TAG-05 passed']);
    expect(result.adapter.capabilities).toContain('store.live-changes');
  });
});
