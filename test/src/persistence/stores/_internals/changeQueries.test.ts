import { describe, expect, it } from 'vitest';
import type { DurableStateChange } from '../../../../../src/persistence/DurableStateStore.js';
import { ChangeNotifier } from '../../../../../src/persistence/stores/_internals/ChangeNotifier.js';
import { currentChangesQuery, liveChangesQuery } from '../../../../../src/persistence/stores/_internals/changeQueries.js';

const change = (id: string, offset: number): DurableStateChange => ({ type: 'deleted', persistenceId: id, revision: 1, tag: 't', offset, timestamp: 0 });

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('tag queries over asynchronous reads', () => {
  it('TAG-03 re-reads after a commit that arrives during a read that found nothing', async () => {
    const notifier = new ChangeNotifier();
    const log: DurableStateChange[] = [];
    let reads = 0;
    let commitDuringFirstRead: (() => void) | undefined;
    const changesAfter = async (_tag: string, after: number) => {
      reads++;
      const snapshot = log.filter((c) => c.offset > after);
      if (reads === 1) {
        // The commit lands after the snapshot was taken, before the read returns.
        await new Promise<void>((resolve) => (commitDuringFirstRead = resolve));
      }
      return snapshot;
    };
    const iterator = liveChangesQuery(changesAfter, notifier, 't')[Symbol.asyncIterator]();
    const next = iterator.next();
    await turns();
    log.push(change('a', 1));
    notifier.notify();
    commitDuringFirstRead!();
    expect(await next).toMatchObject({ done: false, value: { persistenceId: 'a', offset: 1 } });
    expect(reads).toBe(2);
    await iterator.return?.();
  });

  it('TAG-03 a read cut short by close ends the query; any other failed read is reported', async () => {
    const notifier = new ChangeNotifier();
    let fail: ((error: Error) => void) | undefined;
    const failing = () => new Promise<DurableStateChange[]>((_, reject) => (fail = reject));
    const closing = liveChangesQuery(failing, notifier, 't')[Symbol.asyncIterator]();
    const ended = closing.next();
    await turns();
    notifier.close();
    fail!(new Error('connection closed'));
    expect(await ended).toEqual({ done: true, value: undefined });

    const open = liveChangesQuery(failing, new ChangeNotifier(), 't')[Symbol.asyncIterator]();
    const failed = open.next();
    await turns();
    fail!(new Error('server gone'));
    await expect(failed).rejects.toThrow('server gone');
  });

  it('TAG-02 currentChanges sends its read at the call and reports its failure to whoever iterates', async () => {
    let calls = 0;
    const query = currentChangesQuery(async () => {
      calls++;
      throw new Error('no server');
    }, 't');
    expect(calls).toBe(1);
    await turns(); // no unhandled rejection meanwhile
    const iterator = query[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow('no server');
  });
});
