import type { ExpectedEvent, HappensBefore, WithheldEvents } from '../ExpectedHistory.js';
import type { HistoryEvent } from '../HistoryEvent.js';
import { happensBefore } from './happensBefore.js';
import type { Guide } from './search.js';

/** Events an event must follow, and the rules that say so (none: it follows them as its line's order). */
export interface Causes {
  readonly events: readonly (number | undefined)[];
  readonly rules: readonly string[];
}

/** What {@link HistoryBuilder.record} files besides the event: its lines, causes, rules and flags. */
export interface Entry {
  /** Lines (an actor's path, a store key) it is filed under: it follows the latest events of each. */
  readonly lines: readonly string[];
  readonly causes?: readonly Causes[];
  /** The rules that require it. */
  readonly rules: Iterable<string>;
  /** Optional, alternatives, causes: see {@link ExpectedEvent}. */
  readonly extra?: Omit<ExpectedEvent, 'event' | 'rules'>;
  /** Unordered with its lines' neighbours in the observed history (a notice of a group): the guide does not prune by its order. */
  readonly loose?: boolean;
}

/**
 * Builds an expected history, for the three models: each event is filed under one or more
 * *lines* (an actor's path, a store key) and comes after the latest events of every line it is
 * filed under and after the causes it names; lines are how one actor's events stay in order
 * while different actors interleave freely. Each event names the rules that require it, and
 * each edge the rules that order it, so that a divergence can be blamed on them. With a
 * {@link Guide}, an event the observed history rules out stops the prediction at once (a search
 * over the freedoms).
 */
export class HistoryBuilder {
  readonly events: ExpectedEvent[] = [];
  readonly before: HappensBefore[] = [];
  readonly withheld: WithheldEvents[] = [];
  /** Per line, the events its next event must follow (several while a group of notices is handled). */
  private readonly latest = new Map<string, readonly number[]>();
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
    ordered?: Causes,
  ): number {
    return this.record(event, { lines, causes: [{ events: after, rules: [] }, ...(ordered ? [ordered] : [])], rules, ...(optional ? { extra: { optional } } : {}) });
  }

  /** Files `event` as `entry` says; returns its index. */
  record(event: HistoryEvent, entry: Entry): number {
    const extra = entry.extra ?? {};
    this.guide?.admit(event, extra.optional === true || extra.alternatives !== undefined, entry.loose);
    const index = this.events.length;
    const rules = [...new Set(entry.rules)].sort();
    this.events.push({ event, ...extra, ...(rules.length > 0 ? { rules } : {}) });
    // One edge per predecessor, with the union of the rules that order it.
    const edges = new Map<number, Set<string>>();
    const into = (p: number | undefined, why: readonly string[]) => {
      if (p === undefined || p === index) return;
      const set = edges.get(p) ?? new Set<string>();
      for (const rule of why) set.add(rule);
      edges.set(p, set);
    };
    for (const line of entry.lines) for (const p of this.latest.get(line) ?? []) into(p, []);
    for (const cause of entry.causes ?? []) for (const p of cause.events) into(p, cause.rules);
    for (const [p, why] of edges) this.before.push(why.size === 0 ? [p, index] : [p, index, [...why].sort()]);
    this.predecessors.set(index, [...edges.keys()]);
    for (const line of entry.lines) this.latest.set(line, [index]);
    return index;
  }

  /** Adds `rules` to the rules that require each event from index `start` on. */
  tagSince(start: number, rules: readonly string[]): void {
    for (let i = start; i < this.events.length; i++) {
      const event = this.events[i]!;
      this.events[i] = { ...event, rules: [...new Set([...(event.rules ?? []), ...rules])].sort() };
    }
  }

  /** The rules keep the actor at `path` from reporting `classes` during this prediction. */
  withhold(path: string, classes: readonly string[], rules: readonly string[]): void {
    this.withheld.push({ path, classes, rules });
  }

  /** Whether one of the events `earlier` happens before one of `later` through the edges added so far. */
  precedesAny(earlier: readonly number[], later: readonly number[]): boolean {
    return happensBefore(this.predecessors, earlier, later);
  }

  /** Whether event `earlier` happens before event `later` (or is it); never when either is unknown. */
  precedes(earlier: number | undefined, later: number | undefined): boolean {
    if (earlier === undefined || later === undefined) return false;
    return earlier === later || happensBefore(this.predecessors, [earlier], [later]);
  }

  /** The latest event filed under `line`, if any. */
  cursor(line: string): number | undefined {
    return this.latest.get(line)?.at(-1);
  }

  /** The events the next event of `line` must follow. */
  tails(line: string): readonly number[] {
    return this.latest.get(line) ?? [];
  }

  /** Sets the events the next event of `line` must follow (a group of notices handled side by side). */
  setTails(line: string, tails: readonly number[]): void {
    this.latest.set(line, tails);
  }
}
