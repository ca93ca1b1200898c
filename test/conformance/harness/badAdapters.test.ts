import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeReplayToken } from '../../../conformance/engine/ReplayToken.js';
import { AdapterLoadError } from '../../../conformance/harness/AdapterLoadError.js';
import { resolveAdapter } from '../../../conformance/harness/resolveAdapter.js';
import { runSuite, type SuiteOptions } from '../../../conformance/harness/runSuite.js';
import type { RuleOutcome } from '../../../conformance/report/ConformanceRun.js';

const fixtures = fileURLToPath(new URL('../../fixtures/bad-adapters/', import.meta.url));
const fast: SuiteOptions = { numRuns: 15, seed: 11, operationTimeoutMs: 600, totalTimeoutMs: 20_000 };

function run(fixture: string, options: SuiteOptions) {
  return runSuite(resolveAdapter(fixture, fixtures), { ...fast, ...options });
}

async function loadFailure(fixture: string): Promise<AdapterLoadError> {
  const error = await run(fixture, { select: ['LIF-01'] }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterLoadError);
  return error as AdapterLoadError;
}

function rule(rules: readonly RuleOutcome[], id: string): RuleOutcome {
  const found = rules.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no outcome for ${id}`);
  return found;
}

/** An error outcome names the adapter, the property and the seed, and carries a replay token for that adapter. */
function expectClearError(outcome: RuleOutcome, adapter: string, fragment: RegExp): void {
  expect(outcome.status).toBe('error');
  expect(outcome.reason).toMatch(fragment);
  expect(outcome.reason).toContain(`adapter ${adapter}`);
  expect(outcome.reason).toContain('seed 11');
  const token = decodeReplayToken(outcome.counterexample!.replayToken);
  expect(token).toMatchObject({ adapter, seed: 11 });
  expect(outcome.properties).toContain(token.family);
}

describe('a harness bad adapters cannot break', () => {
  it('an adapter file that does not exist is a load error naming the path', () => {
    expect(() => resolveAdapter('./no-such-adapter.ts', fixtures)).toThrow(AdapterLoadError);
    expect(() => resolveAdapter('./no-such-adapter.ts', fixtures)).toThrow(/no file at .*no-such-adapter\.ts/);
    expect(() => resolveAdapter('no-such-package-xyz', fixtures)).toThrow(/no installed package named no-such-package-xyz/);
  });

  it('an adapter that throws on import is a load error with its message', async () => {
    const error = await loadFailure('./throws-on-import.ts');
    expect(error.code).toBe('ADAPTER_IMPORT_FAILED');
    expect(error.message).toContain('threw on import: Error: this adapter cannot initialise its runtime');
  });

  it('an over-declared capability is a load error naming the capability and the missing member, before any rule runs', async () => {
    const error = await loadFailure('./over-declared.ts');
    expect(error.code).toBe('ADAPTER_CONTRACT');
    expect(error.message).toMatch(/capability `durable-state`.*no `spawnEntity`/);
    expect(error.message).not.toContain('\n');
  });

  it('an adapter missing a member of the contract is a load error naming the member', async () => {
    const error = await loadFailure('./missing-member.ts');
    expect(error.code).toBe('ADAPTER_CONTRACT');
    expect(error.message).toMatch(/no `start`.*RuntimeAdapter/);
  });

  it('a handler that loops forever is killed by the watchdog, the other rules still run, and its token hangs again at once', async () => {
    const result = await run('./sync-loop.ts', { select: ['LIF-01', 'WATCH-01', 'SUP-01'] });
    expectClearError(rule(result.rules, 'WATCH-01'), 'loops-on-watch', /tell\(\) did not return within 600 ms in run \d+/);
    expect(rule(result.rules, 'LIF-01').status).toBe('passed');
    expect(rule(result.rules, 'SUP-01').status).toBe('passed');
    const token = rule(result.rules, 'WATCH-01').counterexample!.replayToken;
    const again = await run('./sync-loop.ts', { replay: token, select: ['WATCH-01'] });
    expect(rule(again.rules, 'WATCH-01').reason).toMatch(/tell\(\) did not return .* in run 1 /);
  });

  it('a promise that never settles is cut by the per-operation timeout', async () => {
    const result = await run('./never-settles.ts', { select: ['LIF-03'] });
    expectClearError(rule(result.rules, 'LIF-03'), 'never-settles', /settle\(\) did not return within 600 ms/);
  });

  it('an adapter whose runtime throws at random is an error, not a failure', async () => {
    const result = await run('./random-throws.ts', { select: ['LIF-01', 'SUP-03'] });
    for (const id of ['LIF-01', 'SUP-03']) {
      expectClearError(rule(result.rules, id), 'throws-at-random', /broke in tell\(\) in run \d+: RangeError: mailbox index out of range/);
    }
  });

  it('events out of contract are an error naming the malformed event', async () => {
    const result = await run('./malformed-history.ts', { select: ['LIF-03'] });
    expectClearError(rule(result.rules, 'LIF-03'), 'malformed-history', /event out of contract: (received\("a[\w/]+", \d+, -\d+\)|signal\("a[\w/]+", "Stopped<script>"\))/);
  });

  it('durable-state events out of contract are an error too', async () => {
    const result = await run('./malformed-history.ts', { select: ['DS-01'] });
    expectClearError(rule(result.rules, 'DS-01'), 'malformed-history', /broke in durable\.probe\.handled .*event out of contract: handled\("[^"]+", \d+, NaN, \d+\)/);
  });

  it('a failure that passes when replayed is flaky, not failed', async () => {
    const result = await run('./flaky.ts', { select: ['LIF-05'], numRuns: 40 });
    const outcome = rule(result.rules, 'LIF-05');
    expect(outcome.status).toBe('flaky');
    expect(outcome.reason).toContain('passed when its replay token was run again');
  });

  it('a consistently wrong runtime fails with a shrunk counterexample', async () => {
    const result = await run('./post-stop-on-restart.ts', { select: ['LIF-05', 'LIF-01'], numRuns: 40 });
    const outcome = rule(result.rules, 'LIF-05');
    expect(outcome.status).toBe('failed');
    expect(outcome.counterexample!.message).toContain('unexpected event');
    expect(rule(result.rules, 'LIF-01').status).toBe('passed');
  });

  it('the overall timeout stops the run and reports what did not run', async () => {
    // Loading is bounded by its own limit; whether the deadline passes while the loop spins or
    // before the property starts (a slow machine), the rule reports the overall timeout.
    const result = await run('./sync-loop.ts', { select: ['WATCH-01'], operationTimeoutMs: 60_000, totalTimeoutMs: 1_500 });
    expect(rule(result.rules, 'WATCH-01').status).toBe('error');
    expect(rule(result.rules, 'WATCH-01').reason).toMatch(/overall timeout/);
  });
});
