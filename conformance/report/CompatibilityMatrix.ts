import { areas, rules, type AreaId, type Level } from '../../spec/index.js';
import { CompatibilityNotesError, type CompatibilityNotes, type Explanation } from './CompatibilityNotes.js';
import type { ConformanceRun, ReportedCounterexample, RuleStatus } from './ConformanceRun.js';
import { shortReason } from './_internals/shortReason.js';

/** One implementation to put in the matrix: its run and where its own reports are. @public */
export interface CompatibilityInput {
  readonly run: ConformanceRun;
  /** Path of its HTML report relative to the matrix's folder, when one was written (failed cells link into it). */
  readonly htmlReport?: string;
  /** Whether its failures need an explanation: every implementation but the kit's own reference runtime. */
  readonly thirdParty: boolean;
}

/** A column of the matrix: one implementation. @public */
export interface MatrixColumn {
  /** Unique within the matrix, made of `a-z0-9-`: usable in anchors and folder names. */
  readonly key: string;
  readonly adapter: ConformanceRun['adapter'];
  readonly seed: number;
  readonly thirdParty: boolean;
  readonly htmlReport?: string;
  readonly totals: Readonly<Record<RuleStatus, number>>;
  /** Explained failures of this implementation, per verdict. */
  readonly verdicts: Readonly<Record<Explanation['verdict'], number>>;
}

/** Why a cell is not simply passed or failed, shared by every cell that gives the same reason. @public */
export interface MatrixReason {
  readonly text: string;
  /** A few words for the cell; the full text goes in a footnote and a tooltip. */
  readonly short: string;
  /** 1-based number of the footnote that holds the full text. */
  readonly footnote: number;
}

/** How one implementation did on one rule. `not-run`: the rule was not in its selection. @public */
export interface MatrixCell {
  readonly status: RuleStatus | 'not-run';
  /** For skipped and unexercised cells. */
  readonly reason?: MatrixReason;
  /** For failed, error and flaky cells: where the failure's details are within the matrix. */
  readonly anchor?: string;
  readonly counterexample?: ReportedCounterexample;
  /** The message an error or flaky result gave (a failure's is in its counterexample). */
  readonly detail?: string;
  readonly explanation?: Explanation;
}

/** A rule of the registry and one cell per column. @public */
export interface MatrixRow {
  readonly id: string;
  readonly level: Level;
  readonly title: string;
  readonly cells: readonly MatrixCell[];
}

/** The rows of one area, in registry order. @public */
export interface MatrixArea {
  readonly id: AreaId;
  readonly title: string;
  readonly rows: readonly MatrixRow[];
}

/** A failed, error or flaky cell, for the details section under the matrix. @public */
export interface MatrixFailure {
  readonly column: MatrixColumn;
  readonly row: MatrixRow;
  readonly cell: MatrixCell & { readonly anchor: string };
}

/**
 * Rules down, implementations across: the model both compatibility renderers draw. Rule IDs,
 * levels and titles come from the registry.
 *
 * @public
 */
export interface CompatibilityMatrix {
  readonly kit: ConformanceRun['kit'];
  readonly columns: readonly MatrixColumn[];
  readonly areas: readonly MatrixArea[];
  /** Full text of every reason, in order of first appearance (footnote n is `reasons[n - 1]`). */
  readonly reasons: readonly string[];
  /** Every failed, error and flaky cell, column by column, rules in registry order. */
  readonly failures: readonly MatrixFailure[];
}

/** Options of {@link compatibilityMatrix}. @public */
export interface CompatibilityMatrixOptions {
  /** Explanations of third-party failures. */
  readonly notes?: CompatibilityNotes;
  /**
   * Refuse to build the matrix when a third-party failure has no explanation, or when an
   * explanation names a rule the implementation ran and did not fail (so a committed matrix
   * cannot go stale silently).
   */
  readonly requireExplanations?: boolean;
}

const broken = (status: MatrixCell['status']): boolean => status === 'failed' || status === 'error' || status === 'flaky';

/** A slug for anchors and folders: lower-case letters, digits and dashes, never empty. */
function slugOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '') || 'adapter';
}

/**
 * Unique keys for the adapters, in order: the slug of the declared name, with `-2`, `-3`…
 * for repeats. Also names each adapter's report folder. @public
 */
export function columnKeys(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = slugOf(name);
    let key = base;
    for (let n = 2; used.has(key); n += 1) key = `${base}-${n}`;
    used.add(key);
    return key;
  });
}

/**
 * Builds the matrix of several runs of the suite. Throws {@link CompatibilityNotesError}
 * (`NOTE_MISSING`, `NOTE_UNUSED`) when explanations are required and do not match the failures.
 *
 * @public
 */
export function compatibilityMatrix(inputs: readonly CompatibilityInput[], options: CompatibilityMatrixOptions = {}): CompatibilityMatrix {
  const [first] = inputs;
  if (first === undefined) throw new RangeError('a compatibility matrix needs at least one run');
  const keys = columnKeys(inputs.map((i) => i.run.adapter.name));
  const reasons: string[] = [];
  const reasonOf = (text: string): MatrixReason => {
    let index = reasons.indexOf(text);
    if (index < 0) index = reasons.push(text) - 1;
    return { text, short: shortReason(text), footnote: index + 1 };
  };
  const explanationOf = (input: CompatibilityInput, ruleId: string): Explanation | undefined =>
    Object.hasOwn(options.notes ?? {}, input.run.adapter.name) ? options.notes?.[input.run.adapter.name]?.[ruleId] : undefined;

  const ran = new Set(inputs.flatMap((i) => i.run.rules.map((r) => r.id)));
  // Runtime rules, then the STORE and TAG rules of store plugins (and of runtimes that export their store).
  const rows = rules
    .filter((rule) => ran.has(rule.id))
    .map((rule): MatrixRow & { area: AreaId } => ({
      id: rule.id,
      area: rule.area as AreaId,
      level: rule.level,
      title: rule.title,
      cells: inputs.map((input, c): MatrixCell => {
        const outcome = input.run.rules.find((r) => r.id === rule.id);
        if (outcome === undefined) return { status: 'not-run' };
        const { status } = outcome;
        if (status === 'passed') return { status };
        if (status === 'skipped' || status === 'unexercised') return { status, reason: reasonOf(outcome.reason ?? status) };
        const explanation = explanationOf(input, rule.id);
        return {
          status,
          anchor: `fail-${keys[c]}-${rule.id.toLowerCase()}`,
          ...(outcome.counterexample !== undefined ? { counterexample: outcome.counterexample } : {}),
          ...(status !== 'failed' && outcome.reason !== undefined ? { detail: outcome.reason } : {}),
          ...(explanation !== undefined ? { explanation } : {}),
        };
      }),
    }));

  const columns = inputs.map((input, c): MatrixColumn => {
    const explained = rows.map((row) => row.cells[c]?.explanation).filter((e) => e !== undefined);
    return {
      key: keys[c]!,
      adapter: input.run.adapter,
      seed: input.run.seed,
      thirdParty: input.thirdParty,
      ...(input.htmlReport !== undefined ? { htmlReport: input.htmlReport } : {}),
      totals: input.run.totals,
      verdicts: { bug: explained.filter((e) => e.verdict === 'bug').length, difference: explained.filter((e) => e.verdict === 'difference').length },
    };
  });
  const failures = columns.flatMap((column, c) =>
    rows.flatMap((row): MatrixFailure[] => {
      const cell = row.cells[c]!;
      return cell.anchor !== undefined ? [{ column, row, cell: { ...cell, anchor: cell.anchor } }] : [];
    }),
  );
  if (options.requireExplanations === true) checkExplanations(inputs, columns, rows, failures, options.notes ?? {});

  const areaIds = [...new Set(rows.map((r) => r.area))];
  return {
    kit: first.run.kit,
    columns,
    areas: areaIds.map((id) => ({ id, title: areas[id].title, rows: rows.filter((r) => r.area === id).map(({ area: _area, ...row }) => row) })),
    reasons,
    failures,
  };
}

function checkExplanations(inputs: readonly CompatibilityInput[], columns: readonly MatrixColumn[], rows: readonly MatrixRow[], failures: readonly MatrixFailure[], notes: CompatibilityNotes): void {
  const missing = failures.filter((f) => f.column.thirdParty && f.cell.explanation === undefined);
  if (missing.length > 0) {
    const lines = missing.map((f) => `  ${f.column.adapter.name} › ${f.row.id} (${f.cell.status}): ${(f.cell.detail ?? f.cell.counterexample?.message ?? '').split('\n')[0]}`);
    throw new CompatibilityNotesError(
      'NOTE_MISSING',
      `${missing.length} failure(s) of third-party runtimes have no explanation; add one sentence each ("verdict": "bug" or "difference") to the notes file under the adapter's name and the rule ID:\n${lines.join('\n')}`,
    );
  }
  const stale = columns.flatMap((column, c) => {
    if (!column.thirdParty) return [];
    const explained = Object.keys(notes[inputs[c]!.run.adapter.name] ?? {});
    return explained.filter((id) => {
      const cell = rows.find((r) => r.id === id)?.cells[c];
      return cell !== undefined && cell.status !== 'not-run' && !broken(cell.status);
    }).map((id) => `  ${column.adapter.name} › ${id}: ${rows.find((r) => r.id === id)?.cells[c]?.status ?? ''}`);
  });
  if (stale.length > 0) {
    throw new CompatibilityNotesError('NOTE_UNUSED', `${stale.length} explanation(s) in the notes file name rules that ran and did not fail; remove them or check why the failure went away:\n${stale.join('\n')}`);
  }
}
