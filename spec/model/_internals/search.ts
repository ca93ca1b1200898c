import type { HistoryEvent } from '../HistoryEvent.js';
import { matchKey } from './matchKey.js';

/**
 * The freedoms the rules leave a runtime (a notice overtaking queued messages, timers of several
 * actors racing) are choice points of a prediction. One prediction takes one way at each: `order`
 * names it, index by index (0 when not given: the reference runtime's way), and `ways` records
 * how many each had, so {@link searchOrders} can try the others.
 */
export class Chooser {
  readonly ways: number[] = [];

  constructor(
    private readonly order: readonly number[] = [],
    readonly guide: Guide | undefined = undefined,
  ) {}

  /** Which of `ways` ways to take at the next choice point (a point with one way is none). */
  pick(ways: number): number {
    if (ways < 2) return 0;
    this.ways.push(ways);
    return Math.min(this.order[this.ways.length - 1] ?? 0, ways - 1);
  }
}

/** Thrown by a {@link Guide} when the prediction so far cannot end in the observed history. */
export class Pruned extends Error {
  constructor() {
    super('this order cannot produce the observed history');
  }
}

/** How an adapter reports an event the model expects: surely, maybe (optional), or never. */
export type Reporting = 'required' | 'optional' | 'absent';

/** Event classes whose order at one path the models leave open in places (dead letters, drops). */
const looselyOrdered = new Set(['deadLetter', 'stashDropped']);

/**
 * The observed history, used to cut a search short: a prediction that requires an event more
 * often than it was observed, or (with `ordered`) two events of one path in the order opposite
 * to the observed one, cannot end in the observed history whatever it chooses later. Only what
 * {@link checkHistory} would reject anyway is pruned: optional events, events with alternatives,
 * loose events (a caller's notice group) and dead letters are never held against a prediction, and an optional event at a
 * path forgets the order before it (its edges vanish when it does not happen).
 */
export class Guide {
  private readonly observedCount = new Map<string, number>();
  private readonly used = new Map<string, number>();
  private readonly observedAt = new Map<string, string[]>();
  private readonly cursor = new Map<string, number>();

  constructor(
    observed: readonly HistoryEvent[],
    private readonly reporting: (event: HistoryEvent) => Reporting = () => 'required',
    private readonly ordered = false,
  ) {
    for (const event of observed) {
      const key = matchKey(event);
      this.observedCount.set(key, (this.observedCount.get(key) ?? 0) + 1);
      if (!ordered || looselyOrdered.has(event.kind)) continue;
      const list = this.observedAt.get(event.path);
      if (list) list.push(key);
      else this.observedAt.set(event.path, [key]);
    }
  }

  /** A prediction emits `event`; throws {@link Pruned} when the observed history rules it out. `loose`: unordered with its path's neighbours. */
  admit(event: HistoryEvent, optional: boolean, loose = false): void {
    const reporting = optional ? 'optional' : this.reporting(event);
    if (reporting === 'absent') return;
    if (reporting === 'optional') {
      this.cursor.delete(event.path);
      return;
    }
    const key = matchKey(event);
    const used = (this.used.get(key) ?? 0) + 1;
    if (used > (this.observedCount.get(key) ?? 0)) throw new Pruned();
    this.used.set(key, used);
    if (!this.ordered || loose || looselyOrdered.has(event.kind)) return;
    const list = this.observedAt.get(event.path) ?? [];
    const at = list.indexOf(key, this.cursor.get(event.path) ?? 0);
    if (at < 0) throw new Pruned();
    this.cursor.set(event.path, at + 1);
  }
}

/** One run of a prediction along an order: its result, the choice points it met, and whether a runtime can show it. */
export interface SearchStep<P> {
  readonly prediction: P | undefined;
  readonly ways: readonly number[];
  readonly feasible: boolean;
}

/** At most this many orders any search tries, whatever its own budget: unlimited, except while {@link withOrdersLimitedTo} measures. */
let orderLimit = Infinity;

/**
 * Runs `body` with every search of the three models cut to its first `limit` orders; 1 keeps
 * the reference runtime's order alone, the oracle as it was before it searched the freedoms.
 * For the bench's side-by-side baseline only: a verdict under a limit may reject what the rules
 * allow. The limit holds for the whole module: nothing else may judge while `body` runs.
 */
export async function withOrdersLimitedTo<T>(limit: number, body: () => Promise<T>): Promise<T> {
  const saved = orderLimit;
  orderLimit = limit;
  try {
    return await body();
  } finally {
    orderLimit = saved;
  }
}

/**
 * Runs `simulate` along every order of its choice points, depth first, the reference runtime's
 * way (all zeros) first, and returns the first prediction `accept` takes. A run the guide pruned
 * (no prediction) only fixes the choices it met, so everything after them is skipped. Gives up
 * after `budget` runs.
 */
export function searchOrders<P>(simulate: (order: readonly number[]) => SearchStep<P>, accept: (prediction: P) => boolean, budget: number): P | undefined {
  let order: number[] = [];
  for (let tried = 1; ; tried++) {
    const { prediction, ways, feasible } = simulate(order);
    if (prediction !== undefined && feasible && accept(prediction)) return prediction;
    const next = nextOrder(order, ways);
    if (next === undefined || tried >= Math.min(budget, orderLimit)) return undefined;
    order = next;
  }
}

/** The order after `order` depth first: advance the last choice with ways left, drop those after it. */
export function nextOrder(order: readonly number[], ways: readonly number[]): number[] | undefined {
  const taken = ways.map((_, i) => order[i] ?? 0);
  let last = taken.length - 1;
  while (last >= 0 && taken[last]! + 1 >= ways[last]!) last--;
  if (last < 0) return undefined;
  return [...taken.slice(0, last), taken[last]! + 1];
}

/**
 * Puts `notice` in a queue whose items are handled front first: behind everything (arrival
 * order, choice 0) or, as a runtime that handles notices as system messages may, ahead of any
 * item of its watcher after the last one `keepsAhead` says it must stay behind (choice `k`: ahead
 * of the `k`-th of those). `mine` picks the watcher's items in a queue shared by several actors
 * (the runtime model's); a mailbox is all the watcher's. Returns nothing; the choice is the chooser's.
 */
export function placeNotice<T>(queue: T[], notice: T, keepsAhead: (item: T) => boolean, chooser: Chooser, mine: (item: T) => boolean = () => true): void {
  const overtakable: number[] = [];
  queue.forEach((item, i) => {
    if (!mine(item)) return;
    if (keepsAhead(item)) overtakable.length = 0;
    else overtakable.push(i);
  });
  const pick = chooser.pick(overtakable.length + 1);
  if (pick === 0) queue.push(notice);
  else queue.splice(overtakable[pick - 1]!, 0, notice);
}

/** How a model is searched for an observed history: how it reports events, whether per-path order prunes, how many runs at most. */
export interface GuidedSearch {
  readonly reporting?: (event: HistoryEvent) => Reporting;
  readonly ordered: boolean;
  readonly budget: number;
}

/**
 * The one search all three models share: runs `predict` along every order of its choice points
 * (see {@link searchOrders}), each run guided by `observed` so that a run that cannot end in it
 * stops early, and returns the first prediction `accept` takes. `predict` returns its prediction
 * and whether a runtime can show that order.
 */
export function searchObserved<P>(
  observed: readonly HistoryEvent[],
  search: GuidedSearch,
  predict: (chooser: Chooser) => { readonly prediction: P; readonly feasible: boolean },
  accept: (prediction: P) => boolean,
): P | undefined {
  return searchOrders(
    (order) => {
      const chooser = new Chooser(order, new Guide(observed, search.reporting, search.ordered));
      try {
        return { ...predict(chooser), ways: chooser.ways };
      } catch (error) {
        if (error instanceof Pruned) return { prediction: undefined, ways: chooser.ways, feasible: false };
        throw error;
      }
    },
    accept,
    search.budget,
  );
}
