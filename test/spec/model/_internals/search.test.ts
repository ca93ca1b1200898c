import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../../spec/model/index.js';
import { Chooser, Guide, nextOrder, placeNotice, Pruned, searchObserved, searchOrders, withOrdersLimitedTo } from '../../../../spec/model/_internals/search.js';

const received = (path: string, id: number): HistoryEvent => ({ kind: 'received', path, id, count: 0 });
const terminated = (path: string, of: string): HistoryEvent => ({ kind: 'terminated', path, of });
const deadLetter = (path: string, id: number): HistoryEvent => ({ kind: 'deadLetter', path, id });

describe('Guide', () => {
  const observed = [received('a', 1), received('b', 7), received('a', 2), terminated('a', 'x')];

  it('prunes an event required more often than observed, or never observed', () => {
    const guide = new Guide(observed);
    guide.admit(terminated('a', 'x'), false);
    expect(() => guide.admit(terminated('a', 'x'), false)).toThrow(Pruned);
    expect(() => new Guide(observed).admit(received('c', 1), false)).toThrow(Pruned);
  });

  it('never holds optional, absent or loose events against a prediction', () => {
    const guide = new Guide(observed, (e) => (e.kind === 'deadLetter' ? 'absent' : 'required'), true);
    guide.admit(received('c', 9), true);
    guide.admit(deadLetter('a', 3), false);
    guide.admit(received('a', 2), false, true);
    guide.admit(received('a', 1), false);
  });

  it('with order, prunes two events of one path the other way round, not of different paths', () => {
    const ordered = new Guide(observed, undefined, true);
    ordered.admit(received('b', 7), false);
    ordered.admit(received('a', 2), false);
    expect(() => ordered.admit(received('a', 1), false)).toThrow(Pruned);
    const unordered = new Guide(observed);
    unordered.admit(received('a', 2), false);
    unordered.admit(received('a', 1), false);
  });

  it('forgets the order before an optional event of the path (its edges go when it does not happen)', () => {
    const guide = new Guide(observed, undefined, true);
    guide.admit(received('a', 2), false);
    guide.admit(received('a', 5), true);
    guide.admit(received('a', 1), false);
  });
});

describe('the order search', () => {
  it('walks the orders depth first, the last choice first', () => {
    expect(nextOrder([], [2, 3])).toEqual([0, 1]);
    expect(nextOrder([0, 2], [2, 3])).toEqual([1]);
    expect(nextOrder([1, 2], [2, 3])).toBeUndefined();
  });

  it('finds the order that produces the observed history, pruning the others early', () => {
    // Two choice points of two ways: the prediction emits a ping per choice, its id the way taken.
    const observed = [received('a', 11), received('a', 20)];
    let runs = 0;
    const found = searchObserved(
      observed,
      { ordered: true, budget: 100 },
      (chooser) => {
        runs++;
        const events: HistoryEvent[] = [];
        for (const base of [10, 20]) {
          const event = received('a', base + chooser.pick(2));
          chooser.guide!.admit(event, false);
          events.push(event);
        }
        return { prediction: events, feasible: true };
      },
      (events) => JSON.stringify(events) === JSON.stringify(observed),
    );
    expect(found).toEqual(observed);
    // [0,…] pruned at its first event, then [1,0] found: the second choice of [0] is never tried.
    expect(runs).toBe(2);
  });

  it('gives up after its budget', () => {
    const found = searchObserved([], { ordered: false, budget: 3 }, (chooser) => ({ prediction: chooser.pick(10), feasible: true }), () => false);
    expect(found).toBeUndefined();
  });
});

describe('placeNotice', () => {
  const isNotice = (item: string) => item.startsWith('n');

  it('puts it behind everything at choice 0, ahead of the k-th overtakable item at choice k, never ahead of an earlier notice', () => {
    const ways = (order: number[]) => {
      const mailbox = ['m1', 'n0', 'm2', 'm3'];
      placeNotice(mailbox, 'n1', isNotice, new Chooser(order));
      return mailbox;
    };
    expect(ways([])).toEqual(['m1', 'n0', 'm2', 'm3', 'n1']);
    expect(ways([1])).toEqual(['m1', 'n0', 'n1', 'm2', 'm3']);
    expect(ways([2])).toEqual(['m1', 'n0', 'm2', 'n1', 'm3']);
    const chooser = new Chooser();
    placeNotice(['m1', 'n0', 'm2', 'm3'], 'n1', isNotice, chooser);
    expect(chooser.ways).toEqual([3]);
  });

  it('in a queue shared by several actors, overtakes only the watcher’s items after its last that keeps ahead', () => {
    const ways = (order: number[]) => {
      const queue = ['a:m1', 'a:n0', 'b:m2', 'a:m3', 'b:n9', 'a:m4'];
      placeNotice(queue, 'a:n1', (item) => item.split(':')[1]!.startsWith('n'), new Chooser(order), (item) => item.startsWith('a:'));
      return queue;
    };
    expect(ways([])).toEqual(['a:m1', 'a:n0', 'b:m2', 'a:m3', 'b:n9', 'a:m4', 'a:n1']);
    expect(ways([1])).toEqual(['a:m1', 'a:n0', 'b:m2', 'a:n1', 'a:m3', 'b:n9', 'a:m4']);
    expect(ways([2])).toEqual(['a:m1', 'a:n0', 'b:m2', 'a:m3', 'b:n9', 'a:n1', 'a:m4']);
    expect(ways([3])).toEqual(ways([2]));
  });
});

describe('withOrdersLimitedTo (the bench’s one-order baseline)', () => {
  const everyOrder = () => {
    const seen: string[] = [];
    searchOrders(
      (order) => ({ prediction: order.join(''), ways: [2, 3], feasible: true }),
      (p) => {
        seen.push(p);
        return false;
      },
      100,
    );
    return seen;
  };

  it('cuts every search to its first orders while the body runs, and only then', async () => {
    expect(everyOrder()).toHaveLength(6);
    expect(await withOrdersLimitedTo(1, async () => everyOrder())).toEqual(['']);
    expect(await withOrdersLimitedTo(2, async () => everyOrder())).toEqual(['', '01']);
    expect(everyOrder()).toHaveLength(6);
  });

  it('lifts the limit when the body fails too', async () => {
    await expect(withOrdersLimitedTo(1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(everyOrder()).toHaveLength(6);
  });
});
