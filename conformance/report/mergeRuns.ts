import { reportSchemaVersion, totalsOf, type ConformanceRun } from './ConformanceRun.js';

/** Shard reports that cannot be merged into one run. @public */
export class MergeError extends Error {
  readonly code = 'MERGE_ERROR';
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/** Reads a `conformance.json` and checks its schema version. @public */
export function parseRun(text: string, source: string): ConformanceRun {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MergeError(`${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const run = data as Partial<ConformanceRun> | null;
  if (run === null || typeof run !== 'object' || !Array.isArray(run.rules)) throw new MergeError(`${source} is not a conformance report (no rules)`);
  if (run.schemaVersion !== reportSchemaVersion) throw new MergeError(`${source} has report schema ${String(run.schemaVersion)}, this kit reads ${reportSchemaVersion}`);
  return run as ConformanceRun;
}

/**
 * Merges the JSON reports of the shards of one run (same adapter, same seed) into the report
 * the unsplit run would have written: rules in registry order, totals recounted, the longest
 * shard's duration.
 *
 * @public
 */
export function mergeRuns(shards: readonly ConformanceRun[], ruleOrder: readonly string[]): ConformanceRun {
  const [first] = shards;
  if (first === undefined) throw new MergeError('nothing to merge');
  for (const shard of shards) {
    if (shard.adapter.name !== first.adapter.name || shard.adapter.version !== first.adapter.version) {
      throw new MergeError(`shards ran different adapters: ${first.adapter.name} ${first.adapter.version} and ${shard.adapter.name} ${shard.adapter.version}`);
    }
    if (shard.seed !== first.seed) throw new MergeError(`shards ran with different seeds: ${first.seed} and ${shard.seed}`);
  }
  const byId = new Map<string, ConformanceRun['rules'][number]>();
  for (const shard of shards) {
    for (const rule of shard.rules) {
      if (byId.has(rule.id)) throw new MergeError(`rule ${rule.id} is in more than one shard`);
      byId.set(rule.id, rule);
    }
  }
  const rank = (id: string): number => {
    const i = ruleOrder.indexOf(id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const rules = [...byId.values()].sort((a, b) => rank(a.id) - rank(b.id));
  const { shard: _dropped, coverage: _coverage, ...rest } = first;
  return {
    ...rest,
    startedAt: shards.map((s) => s.startedAt).sort()[0] ?? first.startedAt,
    durationMs: Math.max(...shards.map((s) => s.durationMs)),
    rules,
    totals: totalsOf(rules),
  };
}
