import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { nactAdapter } from '../../../conformance/adapters/nact.js';
import {
  decodeReplayToken,
  runConformance,
  runProperty,
  type ConformanceReport,
  type PropertyFamily,
} from '../../../conformance/index.js';
import { familyById, ruleOf } from './_internals/reportLookup.js';
import { suiteEnvironment } from '../../../conformance/_internals/suiteEnvironment.js';
import { resolveAdapter } from '../../../conformance/harness/resolveAdapter.js';
import { runSuite } from '../../../conformance/harness/runSuite.js';
import { rulesByRole } from '../../../spec/index.js';
import type { ActorBlueprint } from '../../../spec/model/index.js';

// nact runs every message in its own setImmediate turn, so runs take real time: few runs, fixed seed
// (25 is enough for every property nact can express to reach all of its rules at this seed).
const options = { seed: 42, numRuns: 25 };
const declared = new Set(nactAdapter.capabilities);

describe('nact 7.6.2 through its conformance adapter', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    report = await runConformance(nactAdapter, options);
  });

  it('ends every runtime rule in a definite status', () => {
    expect(report.rules.map((r) => r.rule)).toEqual(rulesByRole('runtime').map((r) => r.id));
    const indefinite = report.rules.filter((r) => r.status === 'unexercised');
    expect(indefinite.map((r) => `${r.rule}: ${r.reason ?? ''}`)).toEqual([]);
  });

  it('skips every rule needing an undeclared capability, naming each missing capability', () => {
    for (const rule of rulesByRole('runtime')) {
      const missing = rule.capabilities.filter((c) => !declared.has(c));
      if (missing.length === 0) continue;
      const result = ruleOf(report, rule.id);
      expect(result.status, rule.id).toBe('skipped');
      for (const capability of missing) expect(result.reason, rule.id).toContain(capability);
    }
  });

  it('checks resume and restart through onCrash (no PreRestart needed), and nact passes them', () => {
    for (const id of ['SUP-02', 'SUP-03', 'SUP-15']) expect(ruleOf(report, id).status, id).toBe('passed');
  });

  it('runs every property nact can express, without any harness error', () => {
    const ran = report.properties.filter((p) => p.status !== 'skipped');
    expect(ran.map((p) => p.property)).toEqual([
      'lifecycle.start-and-stop',
      'supervision.strategies',
      'supervision.setup-failures',
      'supervision.child-stop-on-restart',
    ]);
    // A failure that is not a model divergence (the adapter threw) has no history excerpt.
    for (const rule of report.rules.filter((r) => r.status === 'failed')) {
      expect(rule.counterexample?.historyExcerpt.length, rule.rule).toBeGreaterThan(0);
      expect(rule.counterexample?.message, rule.rule).toMatch(/^after /);
    }
    expect(report.rules.filter((r) => r.status === 'failed').map((r) => r.rule)).toEqual(['LIF-04', 'SUP-08']);
  });

  it('fails SUP-08: afterStop runs for an actor whose first setup threw, so it never started', () => {
    const result = ruleOf(report, 'SUP-08');
    expect(result.status).toBe('failed');
    expect(result.counterexample!.message).toMatch(/unexpected event #\d+: (a\d+): PostStop/);
    expect(result.counterexample!.steps.some((s) => /first setup throws/.test(s))).toBe(true);
  });

  it('gives the same statuses under the harness (worker and watchdog), with no error and nothing flaky', async () => {
    const repository = fileURLToPath(new URL('../../../', import.meta.url));
    const suite = await runSuite(resolveAdapter('conformance/adapters/nact.ts', repository), { ...options, operationTimeoutMs: 5_000 });
    expect(suite.rules.filter((r) => r.status === 'error' || r.status === 'flaky').map((r) => `${r.id}: ${r.reason ?? ''}`)).toEqual([]);
    expect(suite.rules.map((r) => `${r.id} ${r.status}`)).toEqual(report.rules.map((r) => `${r.rule} ${r.status}`));
  });

  it('fails LIF-04: stopping an actor runs no afterStop for its children', async () => {
    const result = ruleOf(report, 'LIF-04');
    expect(result.status).toBe('failed');
    const counterexample = result.counterexample!;
    expect(counterexample.message).toMatch(/missing event: a\d+\/\w+: PostStop/);
    expect(counterexample.steps.some((s) => /^spawn a\d+\{/.test(s))).toBe(true);
    expect(decodeReplayToken(counterexample.replayToken)).toMatchObject({ family: 'lifecycle.start-and-stop', adapter: 'nact' });

    const replayed = await runProperty(nactAdapter, familyById('lifecycle.start-and-stop'), { replay: counterexample.replayToken });
    expect(replayed.status).toBe('failed');
    expect(replayed.runs).toBe(1);
    expect(replayed.counterexample?.message).toBe(counterexample.message);
  });

  it('passes everything else of start-and-stop once actors have no children', async () => {
    const base = familyById('lifecycle.start-and-stop');
    const { spawnChild: _children, ...steps } = base.profile.steps;
    const childless: PropertyFamily = { ...base, profile: { ...base.profile, maxDepth: 0, steps } };
    const result = await runProperty(nactAdapter, childless, { seed: 42, numRuns: 40 });
    expect(result.counterexample?.message).toBeUndefined();
    expect(result.exercised).toEqual(expect.arrayContaining(['LIF-01', 'LIF-03', 'LIF-06', 'SUP-01']));
  });

  it('maps resume, stop and error-scoped layers onto onCrash as the strategies property expects', async () => {
    // The strategies property with what nact cannot show (PreRestart, so restarts) taken out.
    const base = familyById('supervision.strategies');
    const withoutRestart: PropertyFamily = {
      ...base,
      requires: ['lifecycle.post-stop'],
      profile: { ...base.profile, strategies: ['stop', 'resume'] },
    };
    const result = await runProperty(nactAdapter, withoutRestart, { seed: 42, numRuns: 40 });
    expect(result.counterexample?.message).toBeUndefined();
    expect(result.exercised).toEqual(expect.arrayContaining(['SUP-02', 'SUP-04', 'SUP-15']));
  });

  it('refuses what nact cannot express before nact sees it, instead of emulating it', async () => {
    const sut = await nactAdapter.start(suiteEnvironment([{ name: 'E0' }], nactAdapter.runtimeErrors).env);
    const plain: ActorBlueprint = { name: 'a0', supervision: [], children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 0 };
    const limited: ActorBlueprint = { ...plain, supervision: [{ on: 'any', strategy: { kind: 'restart', limit: { max: 1, withinMs: 10 } } }] };
    expect(() => sut.spawn({ ...plain, children: [{ ...plain, name: 'c0', stashCapacity: 2 }] })).toThrow(/stash 2/);
    expect(() => sut.spawn(limited)).toThrow(/does not declare/);
    sut.spawn(plain);
    expect(() => sut.tell('a0', { kind: 'watch', target: 'a0' })).toThrow(/'watch' needs a capability/);
    expect(() => sut.tell('a0', { kind: 'spawn', child: { ...plain, name: 's0', watchChildren: 'watch' } })).toThrow(/does not declare/);
    await sut.shutdown();
  });
});
