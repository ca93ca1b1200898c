import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { xstateAdapter } from '../../../conformance/adapters/xstate.js';
import {
  decodeReplayToken,
  runConformance,
  runProperty,
  type ConformanceReport,
  type RuleResult,
} from '../../../conformance/index.js';
import { familyById, ruleOf } from './_internals/reportLookup.js';
import { suiteEnvironment } from '../../../conformance/_internals/suiteEnvironment.js';
import { resolveAdapter } from '../../../conformance/harness/resolveAdapter.js';
import { runSuite } from '../../../conformance/harness/runSuite.js';
import { rulesByRole } from '../../../spec/index.js';
import type { ActorBlueprint } from '../../../spec/model/index.js';

// xstate handles every event synchronously, so the properties run at their own number of runs.
const options = { seed: 42 };
const declared = new Set(xstateAdapter.capabilities);

function idsWith(report: ConformanceReport, status: RuleResult['status']): string[] {
  return report.rules.filter((r) => r.status === status).map((r) => r.rule);
}

describe('xstate 5.33.3 through its conformance adapter (seed 42)', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    report = await runConformance(xstateAdapter, options);
  });

  it('gives the verdicts recorded in docs/xstate-findings.md', () => {
    expect(report.rules.map((r) => r.rule)).toEqual(rulesByRole('runtime').map((r) => r.id));
    // LIF-03 passes through the timers and strategies properties, which reach it too.
    expect(idsWith(report, 'passed')).toEqual(['LIF-01', 'LIF-02', 'LIF-03', 'LIF-06', 'LIF-09', 'SUP-01']);
    // An unwatched child's failure fails its parent (escalation): WATCH-08, which needs no watch.
    expect(idsWith(report, 'failed')).toEqual(['LIF-04', 'WATCH-08']);
    // Verdicts are independent: start-and-stop runs again with LIF-04 set aside, and reaches LIF-09.
    expect(idsWith(report, 'unexercised')).toEqual([]);
  });

  it('skips every other rule, naming each capability it needs and xstate lacks', () => {
    const ran = new Set(['LIF-01', 'LIF-02', 'LIF-03', 'LIF-04', 'LIF-06', 'LIF-09', 'SUP-01', 'WATCH-08']);
    for (const rule of rulesByRole('runtime').filter((r) => !ran.has(r.id))) {
      const result = ruleOf(report, rule.id);
      expect(result.status, rule.id).toBe('skipped');
      const missing = rule.capabilities.filter((c) => !declared.has(c));
      expect(missing.length, rule.id).toBeGreaterThan(0);
      for (const capability of missing) expect(result.reason, rule.id).toContain(capability);
    }
    // The timers property runs and passes, but its one rule also needs restarts, which xstate lacks.
    expect(ruleOf(report, 'LIF-07').reason).toContain('supervision.restart');
  });

  it('runs start-and-stop (failed), timers and strategies (passed, stop only); every other property is skipped', () => {
    const ran = report.properties.filter((p) => p.status !== 'skipped').map((p) => `${p.property} ${p.status}`);
    expect(ran).toEqual(['lifecycle.start-and-stop failed', 'lifecycle.timers passed', 'supervision.strategies passed']);
    const timers = report.properties.find((p) => p.property === 'lifecycle.timers');
    expect(timers?.exercised).toContain('LIF-07');
  });

  it('fails LIF-04: a parent whose own action throws leaves its children running (statelyai/xstate#5153)', async () => {
    const counterexample = ruleOf(report, 'LIF-04').counterexample!;
    expect(counterexample.steps).toEqual([
      'errors: E0, E1 extends E0, E2 extends E0, E3 extends E0',
      'spawn a0{c0}',
      'burst to a0: fail {"id":1,"error":"E0"}, spawn s0',
    ]);
    expect(counterexample.message).toMatch(/missing event: a0\/c0: PostStop\n\s*observed: a0: PostStop\n/);
    expect(decodeReplayToken(counterexample.replayToken)).toMatchObject({ family: 'lifecycle.start-and-stop', adapter: 'xstate', seed: 42 });

    const replayed = await runProperty(xstateAdapter, familyById('lifecycle.start-and-stop'), { replay: counterexample.replayToken });
    expect(replayed.status).toBe('failed');
    expect(replayed.runs).toBe(1);
    expect(replayed.counterexample?.message).toBe(counterexample.message);
  });

  it('passes the rest of start-and-stop: without failures (stops, child stops, spawns) and without children (failures)', async () => {
    const base = familyById('lifecycle.start-and-stop');
    const { fail: _fail, burst: _burst, ...withoutFailures } = base.profile.steps;
    const { spawnChild: _spawnChild, ...withoutChildren } = base.profile.steps;
    const noFailures = await runProperty(xstateAdapter, { ...base, profile: { ...base.profile, steps: withoutFailures } }, { seed: 42, numRuns: 60 });
    expect(noFailures.counterexample?.message).toBeUndefined();
    expect(noFailures.exercised).toEqual(expect.arrayContaining(['LIF-01', 'LIF-03', 'LIF-04', 'LIF-09']));
    const childless = await runProperty(xstateAdapter, { ...base, profile: { ...base.profile, maxDepth: 0, steps: withoutChildren } }, { seed: 42, numRuns: 60 });
    expect(childless.counterexample?.message).toBeUndefined();
    expect(childless.exercised).toEqual(expect.arrayContaining(['LIF-02', 'LIF-06', 'SUP-01']));
  });

  it('gives the same statuses under the harness (worker and watchdog), with no error and nothing flaky', async () => {
    const repository = fileURLToPath(new URL('../../../', import.meta.url));
    const suite = await runSuite(resolveAdapter('conformance/adapters/xstate.ts', repository), { ...options, operationTimeoutMs: 5_000 });
    expect(suite.rules.filter((r) => r.status === 'error' || r.status === 'flaky').map((r) => `${r.id}: ${r.reason ?? ''}`)).toEqual([]);
    expect(suite.rules.map((r) => `${r.id} ${r.status}`)).toEqual(report.rules.map((r) => `${r.rule} ${r.status}`));
  });

  it('refuses what xstate cannot express before xstate sees it, instead of emulating it', async () => {
    const sut = await xstateAdapter.start(suiteEnvironment([{ name: 'E0' }], xstateAdapter.runtimeErrors).env);
    const plain: ActorBlueprint = { name: 'a0', supervision: [], children: [], watchChildren: 'none', handlesTerminated: true, stashCapacity: 0 };
    const restarting: ActorBlueprint = { ...plain, supervision: [{ on: 'any', strategy: { kind: 'restart' } }] };
    expect(() => sut.spawn({ ...plain, children: [{ ...plain, name: 'c0', watchChildren: 'watch' }] })).toThrow(/c0\[watch\]/);
    expect(() => sut.spawn(restarting)).toThrow(/does not declare/);
    sut.spawn({ ...plain, supervision: [{ on: 'any', strategy: { kind: 'stop' } }] }); // stop is what xstate does anyway
    expect(() => sut.tell('a0', { kind: 'stash', command: { kind: 'ping', id: 1 } })).toThrow(/'stash' needs a capability/);
    expect(() => sut.tell('a0', { kind: 'spawn', child: { ...plain, name: 's0', stashCapacity: 2 } })).toThrow(/does not declare/);
    await sut.shutdown();
  });
});
