import { describe, expect, it } from 'vitest';
import { ProgressPrinter } from '../../../conformance/cli/_internals/ProgressPrinter.js';
import type { SuiteProgress } from '../../../conformance/harness/runSuite.js';
import { sampleRun } from '../report/_sampleRun.js';

function printed(tty: boolean): string {
  let text = '';
  const printer = new ProgressPrinter({ write: (s) => void (text += s) }, tty);
  const run = sampleRun();
  const events: SuiteProgress[] = [
    { kind: 'property-start', property: 'lifecycle.start-and-stop', index: 0, total: 1 },
    { kind: 'property-end', property: 'lifecycle.start-and-stop', index: 0, total: 1, status: 'failed' },
    ...run.rules.map((outcome) => ({ kind: 'rule' as const, outcome })),
  ];
  for (const event of events) printer.progress(event);
  return text;
}

describe('progress output', () => {
  it('off a terminal: one plain line per rule (details indented under it), no control characters', () => {
    const text = printed(false);
    expect(text).not.toMatch(/[\r\u001b]/);
    const ruleLines = text.split('\n').filter((l) => /^(PASS|FAIL|ERROR|FLAKY|SKIP|NONE) /.test(l));
    expect(ruleLines).toHaveLength(sampleRun().rules.length);
    expect(text).toMatch(/^FAIL  LIF-02 \[MUST\]/m);
    expect(text).toContain('      replay token: acr1.');
  });

  it('on a terminal: also a self-overwriting line for the running property', () => {
    const text = printed(true);
    expect(text).toContain('\r\u001b[2K[1/1] lifecycle.start-and-stop…');
    expect(text).toContain('\r\u001b[2KPASS  LIF-01 [MUST]');
  });
});
