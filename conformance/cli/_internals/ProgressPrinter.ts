import type { SuiteProgress } from '../../harness/runSuite.js';
import type { RuleOutcome, RuleStatus } from '../../report/ConformanceRun.js';

/** Where the command line writes. */
export interface Output {
  write(text: string): void;
}

const tags: Readonly<Record<RuleStatus, string>> = { passed: 'PASS ', failed: 'FAIL ', error: 'ERROR', flaky: 'FLAKY', skipped: 'SKIP ', unexercised: 'NONE ' };

/**
 * Prints progress: one line per rule once its verdict is final (see SuiteProgress), and on
 * a terminal also a self-overwriting line naming the running property; elsewhere (CI, pipes)
 * only the plain lines, nothing fancy.
 */
export class ProgressPrinter {
  constructor(
    private readonly out: Output,
    private readonly tty: boolean,
  ) {}

  /** Reacts to one event of the run. */
  progress(event: SuiteProgress): void {
    if (event.kind === 'rule') this.rule(event.outcome);
    else if (this.tty) this.out.write(event.kind === 'property-start' ? `\r\u001b[2K[${event.index + 1}/${event.total}] ${event.property}…` : '\r\u001b[2K');
  }

  private rule(rule: RuleOutcome): void {
    const detail = rule.status === 'skipped' || rule.status === 'unexercised' || rule.status === 'flaky' ? ` (${rule.reason ?? ''})` : '';
    this.out.write(`${tags[rule.status]} ${rule.id} [${rule.level}] ${rule.title}${detail}\n`);
    const c = rule.counterexample;
    if (c !== undefined && (rule.status === 'failed' || rule.status === 'error')) {
      const body = [...c.message.split('\n'), ...(c.steps.length > 0 ? ['counterexample:', ...c.steps.map((s) => `  ${s}`)] : []), `replay token: ${c.replayToken}`];
      this.out.write(`${body.map((l) => `      ${l}`).join('\n')}\n`);
    }
  }
}
