import { reportSchemaVersion, totalsOf, type ConformanceRun } from './ConformanceRun.js';
import { schemaProblems } from './reportSchema.js';

/** A `conformance.json` read back (a baseline, a shard) that this kit cannot use. The command line exits 2 on it. @public */
export class InvalidReportError extends Error {
  readonly code = 'INVALID_REPORT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReportError';
  }
}

/** What a report read back must agree with: the kit reading it and its rule registry. @public */
export interface ReportExpectations {
  readonly kit: { readonly name: string; readonly version: string };
  /** Every rule ID the report may hold. */
  readonly ruleIds: readonly string[];
}

const listed = (items: readonly string[]): string => (items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${items.length - 5} more`);

/**
 * Reads a `conformance.json` and checks it before anything else runs: JSON, the report schema
 * (every field, type, status word and size; see `conformance-report.schema.json`), made by this
 * kit and version, only rule IDs of this kit's registry, each once, and totals that count its
 * rules. Throws {@link InvalidReportError} with one line naming `source` and the first problems.
 *
 * @public
 */
export function parseReport(text: string, source: string, expected: ReportExpectations): ConformanceRun {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidReportError(`${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && version !== reportSchemaVersion) {
    throw new InvalidReportError(`${source} has report schema ${JSON.stringify(version) ?? 'undefined'}, this kit reads ${reportSchemaVersion}`);
  }
  const problems = schemaProblems(data);
  if (problems.length > 0) throw new InvalidReportError(`${source} is not a valid conformance report: ${problems.join('; ')}`);
  const run = data as ConformanceRun;
  if (run.kit.name !== expected.kit.name || run.kit.version !== expected.kit.version) {
    throw new InvalidReportError(`${source} was made by ${run.kit.name} ${run.kit.version}, this is ${expected.kit.name} ${expected.kit.version}: make it again with this version`);
  }
  const known = new Set(expected.ruleIds);
  const unknown = run.rules.map((r) => r.id).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new InvalidReportError(`${source} holds rules this kit does not have: ${listed(unknown)}`);
  const twice = run.rules.map((r) => r.id).filter((id, i, ids) => ids.indexOf(id) !== i);
  if (twice.length > 0) throw new InvalidReportError(`${source} holds rules more than once: ${listed([...new Set(twice)])}`);
  const recount = totalsOf(run.rules);
  const wrong = Object.entries(recount).filter(([status, n]) => run.totals[status as keyof typeof recount] !== n);
  if (wrong.length > 0) throw new InvalidReportError(`${source} has totals that do not count its rules (${wrong.map(([status, n]) => `${status}: ${run.totals[status as keyof typeof recount]} given, ${n} counted`).join(', ')})`);
  if (run.shard !== undefined && run.shard.index > run.shard.total) throw new InvalidReportError(`${source} claims to be shard ${run.shard.index} of ${run.shard.total}`);
  return run;
}
