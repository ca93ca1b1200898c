import type { ExpectedEvent, HappensBefore, WithheldEvents } from '../ExpectedHistory.js';
import type { HistoryEvent } from '../HistoryEvent.js';
import { happensBefore } from './happensBefore.js';
import type { Guide } from './search.js';

/**
 * Builds an expected history, for the durable and hook models: each event is filed under one or
 * more *lines* (an actor's path, a store key) and comes after the latest event of every line it is
 * filed under and after the predecessors it names; lines are how one actor's events stay in order
 * while different actors interleave freely. Each event names the rules that require it, so that a
 * divergence can be blamed on them. With a {@link Guide}, an event the observed history rules out
 * stops the prediction at once (a search over the freedoms).
 */
export class HistoryBuilder {
  readonly events: ExpectedEvent[] = [];
  readonly before: HappensBefore[] = [];
  readonly withheld: WithheldEvents[] = [];
  private readonly latest = new Map<string, number>();
  /** Per event, the events of the edges into it. */
  private readonly predecessors = new Map<number, number[]>();

  constructor(private readonly guide: Guide | undefined = undefined) {}

  /**
   * Adds `event`, required by `rules` (allowed only when `optional`), after the latest event of
   * each of `lines`, after `after`, and after `ordered.events` for the rules `ordered.rules` name;
   * returns its index.
   */
  add(
    event: HistoryEvent,
    lines: readonly string[],
    after: readonly (number | undefined)[] = [],
    optional = false,
    rules: readonly string[] = [],
    ordered?: { readonly events: readonly (number | undefined)[]; readonly rules: readonly string[] },
  ): number {
    this.guide?.admit(event, optional);
    const index = this.events.length;
    this.events.push({ event, ...(optional ? { optional: true } : {}), ...(rules.length > 0 ? { rules } : {}) });
    // One edge per predecessor; an edge some rule requires keeps that rule.
    const predecessors = new Map<number | undefined, readonly string[] | undefined>();
    for (const p of [...lines.map((line) => this.latest.get(line)), ...after]) predecessors.set(p, undefined);
    for (const p of ordered?.events ?? []) predecessors.set(p, ordered!.rules);
    const into: number[] = [];
    for (const [p, why] of predecessors) {
      if (p === undefined || p === index) continue;
      this.before.push(why === undefined ? [p, index] : [p, index, why]);
      into.push(p);
    }
    this.predecessors.set(index, into);
    for (const line of lines) this.latest.set(line, index);
    return index;
  }

  /** The rules keep the actor at `path` from reporting `classes` during this prediction. */
  withhold(path: string, classes: readonly string[], rules: readonly string[]): void {
    this.withheld.push({ path, classes, rules });
  }

  /** Whether event `earlier` happens before event `later` through the edges added so far (never when either is unknown). */
  precedes(earlier: number | undefined, later: number | undefined): boolean {
    if (earlier === undefined || later === undefined) return false;
    return earlier === later || happensBefore(this.predecessors, [earlier], [later]);
  }

  /** The latest event filed under `line`, if any. */
  cursor(line: string): number | undefined {
    return this.latest.get(line);
  }
}
