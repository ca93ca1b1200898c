import { totalsOf, type ConformanceRun } from './ConformanceRun.js';

/** Shard reports that cannot be merged into one run. @public */
export class MergeError extends Error {
  readonly code = 'MERGE_ERROR';
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/** How {@link mergeRuns} treats an incomplete set of shards. @public */
export interface MergeOptions {
  /** Merge even when some shards of the run are missing (their rules are then absent). */
  readonly allowPartial?: boolean;
}

/** The shards of a run `shards` lacks, as `i/n` (for the message, and for `--allow-partial` to report). @public */
export function missingShards(shards: readonly Pick<ConformanceRun, 'shard'>[]): string[] {
  const total = shards[0]?.shard?.total ?? 0;
  const present = new Set(shards.map((s) => s.shard?.index));
  return Array.from({ length: total }, (_, i) => i + 1)
    .filter((i) => !present.has(i))
    .map((i) => `${i}/${total}`);
}

function checkShardSet(shards: readonly ConformanceRun[], options: MergeOptions): void {
  const [first] = shards;
  if (first === undefined) throw new MergeError('nothing to merge');
  for (const shard of shards) {
    if (shard.shard === undefined) throw new MergeError(`a report of ${shard.adapter.name} has no shard field: merge takes the conformance.json of each --shard run`);
    if (shard.kit.name !== first.kit.name || shard.kit.version !== first.kit.version) {
      throw new MergeError(`shards were made by different kits: ${first.kit.name} ${first.kit.version} and ${shard.kit.name} ${shard.kit.version}`);
    }
    if (shard.adapter.name !== first.adapter.name || shard.adapter.version !== first.adapter.version) {
      throw new MergeError(`shards ran different adapters: ${first.adapter.name} ${first.adapter.version} and ${shard.adapter.name} ${shard.adapter.version}`);
    }
    if (shard.seed !== first.seed) throw new MergeError(`shards ran with different seeds: ${first.seed} and ${shard.seed}`);
    if (shard.shard.total !== first.shard!.total) throw new MergeError(`shards split the run differently: ${first.shard!.index}/${first.shard!.total} and ${shard.shard.index}/${shard.shard.total}`);
  }
  const indexes = shards.map((s) => s.shard!.index);
  const repeated = indexes.find((index, i) => indexes.indexOf(index) !== i);
  if (repeated !== undefined) throw new MergeError(`shard ${repeated}/${first.shard!.total} is given more than once`);
  const missing = missingShards(shards);
  if (missing.length > 0 && options.allowPartial !== true) {
    throw new MergeError(`incomplete shard set: missing shard ${missing.join(', ')} (pass --allow-partial to merge without ${missing.length === 1 ? 'it' : 'them'})`);
  }
}

/**
 * Merges the JSON reports of the shards of one run (same kit, adapter, seed and split) into the
 * report the unsplit run would have written: rules in registry order, totals recounted, the
 * longest shard's duration. Every shard of the split must be there unless
 * {@link MergeOptions.allowPartial}. Expects reports checked by `parseReport`.
 *
 * @public
 */
export function mergeRuns(shards: readonly ConformanceRun[], ruleOrder: readonly string[], options: MergeOptions = {}): ConformanceRun {
  checkShardSet(shards, options);
  const first = shards[0]!;
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
