/**
 * The suite section of the bench as console rows: the full run per part, then one row per mutant.
 *
 * @packageDocumentation
 */
import type { SuiteFigures } from './measure.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const figure = (value: number | null): string => (value === null ? '-' : String(value));

/** Header and rows of the full-run table. */
export function fullRunTable(figures: SuiteFigures): { header: string[]; rows: string[][] } {
  const { fullRun } = figures;
  const rows = Object.entries(fullRun.parts).map(([part, ms]) => {
    const verdicts = Object.entries(fullRun.verdicts[part] ?? {}).map(([status, n]) => `${n} ${status}`);
    const failed = fullRun.failed[part] ?? [];
    return [part, seconds(ms), verdicts.join(', '), failed.length ? `failed at some repetition: ${failed.join(', ')}` : ''];
  });
  rows.push(['whole run', seconds(fullRun.medianWallMs), `median of ${fullRun.samplesMs.length}`, '']);
  return { header: ['suite part', 'wall time', 'rules', 'note'], rows };
}

/** Header and rows of the mutant table. */
export function mutantTable(figures: SuiteFigures): { header: string[]; rows: string[][] } {
  const rows = figures.mutants.map((m) => [
    m.name.replace(/^mutant: /, ''),
    `${m.caught}/${m.seeds}`,
    m.caughtBy.map((rule) => `${rule} ${m.caughtByRule[rule] ?? 0}/${m.seeds}`).join(', '),
    `${m.precise}/${m.seeds}${Object.keys(m.wronglyBlamed).length > 0 ? ` (also ${Object.entries(m.wronglyBlamed).map(([rule, n]) => `${rule} ${n}/${m.seeds}`).join(', ')})` : ''}`,
    seconds(m.medianWallMs),
    figure(m.medianRunsToFailure),
    figure(m.medianCounterexampleSteps),
  ]);
  return { header: ['mutant', 'caught', 'by rule', 'blamed precisely', 'median time', 'median runs to failure', 'median shrunk steps'], rows };
}

/** Header and rows of the legal-variant table: every one must fail nothing. */
export function variantTable(figures: SuiteFigures): { header: string[]; rows: string[][] } {
  const rows = figures.variants.map((v) => {
    const failures = v.seeds.flatMap((seed) => (v.failed[seed] ?? []).map((rule) => `${rule} (seed ${seed})`));
    return [v.name.replace(/^variant: /, ''), failures.length === 0 ? `passes at seeds ${v.seeds.join(', ')}` : `FAILS ${failures.join(', ')}`, seconds(v.medianWallMs)];
  });
  return { header: ['legal variant', 'verdict', 'median time'], rows };
}

/** Header and rows of the oracle table: the default run against the reference, full oracle beside the one-order baseline. */
export function oracleTable(figures: SuiteFigures): { header: string[]; rows: string[][] } {
  const { oracle } = figures;
  const note = (list: readonly string[], none: string) => (list.length === 0 ? none : list.join(', '));
  const rows = [
    ['one-order baseline (before the freedoms)', seconds(oracle.medianBaselineMs), '1.00x', note(oracle.baselineFailed, 'fails nothing')],
    ['full oracle (the default run)', seconds(oracle.medianFullMs), `${oracle.ratio.toFixed(2)}x`, `${note(oracle.fullFailed, 'fails nothing')}; ${oracle.lostRuns.length === 0 ? 'no rule loses exercised runs' : `lost runs: ${oracle.lostRuns.join(', ')}`}`],
  ];
  return { header: [`reference run, seeds ${oracle.seeds.join(', ')}`, 'median wall time', 'ratio (target <= 2x)', 'note'], rows };
}
