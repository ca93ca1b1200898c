import { builtInReferenceSource } from '../../harness/resolveAdapter.js';
import type { Explanation } from '../CompatibilityNotes.js';
import type { MatrixCell, MatrixColumn } from '../CompatibilityMatrix.js';
import type { RuleStatus } from '../ConformanceRun.js';

/** Statuses in the order the summaries count them: what ran first, then what could not. */
export const summaryStatuses: readonly RuleStatus[] = ['passed', 'failed', 'error', 'flaky', 'skipped', 'unexercised'];

/** What the cells of both renderers call each status. */
export const cellLabels: Readonly<Record<MatrixCell['status'], string>> = {
  passed: 'passed',
  failed: 'failed',
  error: 'error',
  flaky: 'flaky',
  skipped: 'skipped',
  unexercised: 'unexercised',
  'not-run': 'not run',
};

/** The heading of a column: the adapter's declared name and version. */
export function columnTitle(column: MatrixColumn): string {
  return `${column.adapter.name} ${column.adapter.version}`;
}

/** The lead-in of an explanation, e.g. "Bug of nact" or "Deliberate difference". */
export function verdictLabel(explanation: Explanation, column: MatrixColumn): string {
  return explanation.verdict === 'bug' ? `Bug of ${column.adapter.name}` : 'Deliberate difference';
}

/** "2 bugs, 1 difference" or "" when nothing is explained. */
export function verdictCounts(column: MatrixColumn): string {
  const { bug, difference } = column.verdicts;
  const parts = [bug > 0 ? `${bug} bug${bug === 1 ? '' : 's'}` : '', difference > 0 ? `${difference} difference${difference === 1 ? '' : 's'}` : ''];
  return parts.filter((p) => p !== '').join(', ');
}

/** The command that reruns one failing case of an implementation. */
export function replayCommand(column: MatrixColumn, replayToken: string): string {
  const adapter = column.adapter.source === builtInReferenceSource ? '' : ` --adapter ${column.adapter.source}`;
  // Tokens are base64url; anything else did not come from the kit.
  return `npx actor-conformance${adapter} --replay ${replayToken.replace(/[^A-Za-z0-9._-]/g, '')}`;
}

/** The seeds of the columns: one when they agree (`compare` always runs every adapter with one seed). */
export function seedsOf(columns: readonly MatrixColumn[]): string {
  return [...new Set(columns.map((c) => c.seed))].join(', ');
}

/** The text under a failure's heading: the message, then the shrunk steps. */
export function failureText(cell: MatrixCell): string {
  const c = cell.counterexample;
  const message = c?.message ?? cell.detail ?? '';
  const steps = c !== undefined && c.steps.length > 0 ? ['', 'counterexample:', ...c.steps.map((s) => `  ${s}`)] : [];
  return [message, ...steps].join('\n');
}
