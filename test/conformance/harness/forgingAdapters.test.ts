import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAdapter } from '../../../conformance/harness/resolveAdapter.js';
import { runSuite, type SuiteOptions } from '../../../conformance/harness/runSuite.js';
import type { RuleOutcome } from '../../../conformance/report/ConformanceRun.js';
import { cliSandbox } from '../cli/_cliSandbox.js';

const fixtures = fileURLToPath(new URL('../../fixtures/forging-adapters/', import.meta.url));
const fast: SuiteOptions = { numRuns: 15, seed: 11, operationTimeoutMs: 1_500, totalTimeoutMs: 40_000 };
const sandbox = cliSandbox('forging-');

async function outcome(fixture: string, id: string, options: SuiteOptions = {}): Promise<RuleOutcome> {
  const result = await runSuite(resolveAdapter(fixture, fixtures), { ...fast, select: [id], ...options });
  const found = result.rules.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no outcome for ${id}`);
  return found;
}

afterEach(() => {
  delete process.env['GARBAGE_KIND'];
});

// Every forger wraps the same failing mutant (PostStop on restart, against LIF-05): whatever it
// does to its own worker, the verdict is computed where it cannot reach, so it never passes.
describe('verdicts outside the adapter’s reach', () => {
  it('rewriting its worker’s messages and answering requests itself is an error, never a pass', async () => {
    const lif05 = await outcome('./rewrites-post-message.ts', 'LIF-05');
    expect(lif05.status).toBe('error');
    expect(lif05.reason).toMatch(/broke the adapter protocol in run 1: /);
    expect(lif05.counterexample?.replayToken).toMatch(/^acr1\./);
  });

  it('patching Array.prototype.filter, JSON and process.send leaves the failure a failure', async () => {
    const lif05 = await outcome('./patches-globals.ts', 'LIF-05');
    expect(lif05.status).toBe('failed');
    expect(lif05.counterexample?.message).toContain('PostStop');
  });

  it('patching Promise breaks only the adapter’s own worker: an error, never a pass', async () => {
    const lif05 = await outcome('./patches-promise.ts', 'LIF-05');
    expect(lif05.status).toBe('error');
    expect(lif05.counterexample?.replayToken).toMatch(/^acr1\./);
  });

  it('a flood of forged replies is an error at the first one', async () => {
    const lif05 = await outcome('./floods.ts', 'LIF-05');
    expect(lif05.status).toBe('error');
    expect(lif05.reason).toMatch(/broke the adapter protocol in run 1: a message that answers no awaited request/);
  });

  it.each([
    ['an object instead of JSON text', 0, /a message that is not JSON text \(object\)/],
    ['text that is not JSON', 1, /a message that is not valid JSON: not json at all/],
    ['a reply to a request nobody made', 2, /answers no awaited request \(id 987654\)/],
    ['a message past the size limit', 3, /a message of \d+ characters, more than the 8000000 allowed/],
  ])('garbage (%s) is an error, not a pass', async (_kind, kind, reason) => {
    process.env['GARBAGE_KIND'] = String(kind);
    const lif05 = await outcome('./sends-garbage.ts', 'LIF-05');
    expect(lif05.status).toBe('error');
    expect(lif05.reason).toMatch(reason);
    expect(lif05.reason!.length).toBeLessThan(2_000);
  });

  it('replies out of order are an error', async () => {
    const lif05 = await outcome('./answers-out-of-order.ts', 'LIF-05');
    expect(lif05.status).toBe('error');
    expect(lif05.reason).toMatch(/broke the adapter protocol/);
  });

  it('a 2 MB actor path reaches the report cut short', async () => {
    const lif02 = await outcome('./huge-paths.ts', 'LIF-02');
    expect(lif02.status).toBe('failed');
    expect(JSON.stringify(lif02).length).toBeLessThan(50_000);
    expect(lif02.counterexample?.message).toMatch(/\[truncated: \d{7} characters\]/);
  });

  it('an endless loop in a microtask a tell queued is blamed on that tell', async () => {
    const lif03 = await outcome('./microtask-loop.ts', 'LIF-03', { operationTimeoutMs: 800 });
    expect(lif03.status).toBe('error');
    expect(lif03.reason).toMatch(/^tell\(\) did not return within 800 ms/);
  });

  it('the command line exits 1, not 0, for a forger of a failing mutant', async () => {
    const run = await sandbox.cli('--adapter', `${fixtures}rewrites-post-message.ts`, '--rules', 'LIF-05', '--num-runs', '10', '--seed', '3', '--timeout', '1500', '--out', sandbox.path('out'));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/ERROR LIF-05|error/i);
  });
});
