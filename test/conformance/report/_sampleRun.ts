import { rulesByRole } from '../../../spec/index.js';
import { reportSchemaVersion, totalsOf, type ConformanceRun, type RuleOutcome, type RuleStatus } from '../../../conformance/report/ConformanceRun.js';

/** Text an adapter controls, crafted to run as script or break markup if a report forgot to escape it. */
export const hostile = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">]]></failure>|&amp;\`\`\``;

/** A run over the first rules of the registry with one rule of every status, adapter text hostile. */
export function sampleRun(): ConformanceRun {
  const statuses: RuleStatus[] = ['passed', 'failed', 'error', 'flaky', 'skipped', 'unexercised'];
  const rules = rulesByRole('runtime').slice(0, 8).map((rule, i): RuleOutcome => {
    const status = statuses[i % statuses.length]!;
    const broken = status === 'failed' || status === 'error' || status === 'flaky';
    return {
      id: rule.id,
      area: rule.area,
      level: rule.level,
      title: rule.title,
      statement: rule.statement,
      hints: rule.hints,
      status,
      properties: ['lifecycle.start-and-stop'],
      runs: 10,
      durationMs: 12,
      ...(status === 'passed' ? {} : { reason: `${status} because ${hostile}` }),
      ...(broken
        ? {
            counterexample: {
              steps: ['spawn a0[any→restart]', `tell a0 ${hostile}`],
              message: `after tell a0:\n  - unexpected event #0: a0: ${hostile}`,
              historyExcerpt: ['spawn a0[any→restart]\n    a0: setup #1', `tell a0 fail\n    a0: PostStop\n    ${hostile}: PreRestart\n    a0: setup #2`],
              replayToken: 'acr1.eyJmYW1pbHkiOiJ4In0',
            },
          }
        : {}),
    };
  });
  return {
    schemaVersion: reportSchemaVersion,
    kit: { name: 'actor-conformance', version: '0.1.0' },
    adapter: { name: `evil ${hostile}`, version: '6.6.6', source: `./adapters/${hostile}.ts` },
    runtime: { node: 'v20.20.2', platform: 'linux-x64' },
    capabilities: ['watch', 'stash'],
    seed: 42,
    startedAt: '2026-11-23T10:00:00.000Z',
    durationMs: 1234,
    rules,
    totals: totalsOf(rules),
  };
}
