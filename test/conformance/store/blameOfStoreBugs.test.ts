import { describe, expect, it } from 'vitest';
import type { StoreChange, StorePlugin, StoreUnderTest } from '../../../conformance/contract/StorePlugin.js';
import { runStoreConformance } from '../../../conformance/store/runStoreConformance.js';

/**
 * Bugs the shipped mutants do not have, in a small store that keeps a change log with a row per
 * write (as SQL stores do), each switched on in one place. The suite must fail exactly the rules
 * whose statements the bug breaks.
 */
interface Bugs {
  /** The change-log row is inserted before the revision check, and stays when the check refuses the write. */
  readonly logBeforeCheck?: boolean;
  /** A hard delete removes the object but leaves its change-log rows. */
  readonly hardDeleteKeepsLog?: boolean;
  /** The revision check reads, yields, then writes: two writers of one revision both pass. */
  readonly racyCheck?: boolean;
  /** A delete record is logged without the entity's tag. */
  readonly deleteLosesTag?: boolean;
}

class Refused extends Error {
  readonly code = 'REVISION_CONFLICT';
}

function logStore(bugs: Bugs): StoreUnderTest {
  const objects = new Map<string, { value: unknown; revision: number; tag: string }>();
  let log: StoreChange[] = [];
  let offset = 0;
  // Checked and written in one synchronous stretch, as a transaction would; the racy bug yields in between.
  const check = (id: string, revision: number) => {
    const expected = (objects.get(id)?.revision ?? 0) + 1;
    if (revision !== expected) throw new Refused(`${id}: expected ${expected}, got ${revision}`);
  };
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const append = (change: Omit<StoreChange, 'offset'>) => {
    const row = { ...change, offset: ++offset } as StoreChange;
    log.push(row);
    return row;
  };
  return {
    getObject: async (id) => {
      const o = objects.get(id);
      return { value: o?.value, revision: o?.revision ?? 0 };
    },
    upsertObject: async (id, revision, value, tag) => {
      const row = bugs.logBeforeCheck ? append({ type: 'updated', persistenceId: id, revision, tag, value }) : undefined;
      check(id, revision);
      if (bugs.racyCheck) await turn();
      objects.set(id, { value, revision, tag });
      if (!row) append({ type: 'updated', persistenceId: id, revision, tag, value });
    },
    deleteObject: async (id, revision) => {
      if (revision === 0) {
        objects.delete(id);
        if (!bugs.hardDeleteKeepsLog) log = log.filter((c) => c.persistenceId !== id);
        return;
      }
      check(id, revision);
      if (bugs.racyCheck) await turn();
      const tag = objects.get(id)?.tag ?? '';
      objects.set(id, { value: undefined, revision, tag });
      append({ type: 'deleted', persistenceId: id, revision, tag: bugs.deleteLosesTag ? '' : tag });
    },
    async *currentChanges(tag, after) {
      // The latest row of each id, in offset order.
      const latest = new Map<string, StoreChange>();
      for (const c of log) latest.set(c.persistenceId, c);
      yield* [...latest.values()].filter((c) => c.tag === tag && c.offset > after).sort((a, b) => a.offset - b.offset);
    },
  };
}

function plugin(name: string, bugs: Bugs): StorePlugin {
  return {
    name,
    version: '1.0.0',
    capabilities: ['store', 'store.revision-check', 'store.delete-revision-check', 'store.hard-delete', 'store.tag-queries'],
    deleteOfUnknownId: 'tombstone',
    createStore: () => logStore(bugs),
  };
}

async function failedRules(bugs: Bugs, seed: number): Promise<string[]> {
  const report = await runStoreConformance(plugin(`log store ${JSON.stringify(bugs)}`, bugs), { seed });
  return report.rules.filter((r) => r.status === 'failed').map((r) => r.rule);
}

describe('store bugs the suite had not seen are blamed on the rules they break, and nothing else', () => {
  it('the log store without bugs passes', async () => {
    expect(await failedRules({}, 1)).toEqual([]);
  });

  it.each<[string, Bugs, readonly string[]]>([
    ['a change-log row written before the revision check', { logBeforeCheck: true }, ['STORE-09', 'TAG-06']],
    ['a hard delete that leaves its change-log rows', { hardDeleteKeepsLog: true }, ['STORE-07']],
    // Deletes race too (STORE-06); tag queries are optional, and TAG-07 is not failed by a race.
    ['a revision check that races', { racyCheck: true }, ['STORE-04', 'STORE-06']],
    ['a delete record without its tag', { deleteLosesTag: true }, ['TAG-01', 'TAG-06']],
  ])('%s', async (_bug, bugs, rules) => {
    for (const seed of [1, 2]) {
      const failed = await failedRules(bugs, seed);
      expect(failed.length, `seed ${seed}`).toBeGreaterThan(0);
      expect(failed.filter((rule) => !rules.includes(rule)), `seed ${seed}: blamed beyond ${rules.join(', ')}`).toEqual([]);
    }
  });
});
