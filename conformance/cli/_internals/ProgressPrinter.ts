import type { SuiteProgress } from '../../harness/runSuite.js';
import type { RuleOutcome, RuleStatus } from '../../report/ConformanceRun.js';

/** Where the command line writes. */
export interface Output {
  write(text: string): void;
}

const tags: Readonly<Record<RuleStatus, string>> = { passed: 'PASS ', failed: 'FAIL ', error: 'ERROR', flaky: 'FLAKY', skipped: 'SKIP ', unexercised: 'NONE ' };

/**
 * Prints progress: on a terminal one self-overwriting line per property, then one line per
 * rule; elsewhere (CI, pipes) only the plain lines, nothing fancy.
 */
export class ProgressPrinter {
  constructor(
    private readonly out: Output,
    private readonly tty: boolean,
  ) {}

  property(event: SuiteProgress): void {
    if (!this.tty) return;
    if (event.kind === 'property-start') this.out.write(`\r\u001b[2K[${event.index + 1}/${event.total}] ${event.property}…`);
    else this.out.write('\r\u001b[2K');
  }

  rule(rule: RuleOutcome): void {
    const detail = rule.status === 'skipped' || rule.status === 'unexercised' || rule.status === 'flaky' ? ` (${rule.reason ?? ''})` : '';
    this.out.write(`${tags[rule.status]} ${rule.id} [${rule.level}] ${rule.title}${detail}\n`);
    const c = rule.counterexample;
    if (c !== undefined && (rule.status === 'failed' || rule.status === 'error')) {
      const body = [...c.message.split('\n'), ...(c.steps.length > 0 ? ['counterexample:', ...c.steps.map((s) => `  ${s}`)] : []), `replay token: ${c.replayToken}`];
      this.out.write(`${body.map((l) => `      ${l}`).join('\n')}\n`);
    }
  }
}
