// docs/writing-an-adapter.md quotes the worked example's full run (examples/toy-runtime at seed 1):
// its summary line and the rules the toy passes. This test reruns it and fails when the guide is stale.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summaryLines } from '../../conformance/cli/_internals/runAdapter.js';
import { totalsOf, type ConformanceRun } from '../../conformance/report/ConformanceRun.js';
import { resolveAdapter } from '../../conformance/harness/resolveAdapter.js';
import { runSuite } from '../../conformance/harness/runSuite.js';

const guide = readFileSync(new URL('../../docs/writing-an-adapter.md', import.meta.url), 'utf8');
const toy = fileURLToPath(new URL('../../examples/toy-runtime/adapter.ts', import.meta.url));

/** `LIF-01, LIF-02, LIF-03, SUP-01` → `LIF-01 to LIF-03 and SUP-01`: runs of consecutive numbers in one area become ranges. */
export function ruleList(ids: readonly string[]): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= ids.length; i++) {
    const [area, number] = ids[i - 1]!.split('-');
    const next = ids[i]?.split('-');
    if (next !== undefined && next[0] === area && Number(next[1]) === Number(number) + 1) continue;
    parts.push(i - 1 - start >= 2 ? `${ids[start]} to ${ids[i - 1]}` : ids.slice(start, i).join(', '));
    start = i;
  }
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}

describe('docs/writing-an-adapter.md', () => {
  it('formats rule lists as the guide writes them', () => {
    expect(ruleList(['LIF-01', 'LIF-02', 'LIF-03', 'LIF-05', 'LIF-06', 'SUP-01'])).toBe('LIF-01 to LIF-03, LIF-05, LIF-06 and SUP-01');
    expect(ruleList(['SUP-12'])).toBe('SUP-12');
  });

  it('quotes the toy adapter\'s full run at seed 1 as it is', { timeout: 120_000 }, async () => {
    const run = await runSuite(resolveAdapter(toy), { seed: 1 });
    // The CLI's own summary line (its duration varies, so it is left out).
    const summary = summaryLines({ adapter: run.adapter, seed: run.seed, durationMs: 0, totals: totalsOf(run.rules) } as unknown as ConformanceRun)
      .trim().replace(/\d+\.\d s\)$/, '');
    const passed = run.rules.filter((r) => r.status === 'passed').map((r) => r.id);
    const sentence = `The toy passes the ${passed.length} rules it can express: ${ruleList(passed)}.`;
    // Prose is wrapped at any space: compare with whitespace folded.
    const folded = guide.replace(/\s+/g, ' ');
    expect(folded, `update the full run's summary in the guide to: ${summary}…`).toContain(summary);
    expect(folded, `update the guide's sentence to: ${sentence}`).toContain(sentence);
  });
});
