/** One operation of a history excerpt and the events it produced, per actor. */
export interface TimelineRow {
  readonly operation: string;
  /** Events in order, each with the actor that reported it. */
  readonly events: readonly { readonly actor: string; readonly event: string }[];
}

/** A history excerpt as swimlanes: actors (in order of appearance) and one row per operation. */
export interface Timeline {
  readonly actors: readonly string[];
  readonly rows: readonly TimelineRow[];
}

/**
 * Reads a history excerpt (each entry: the operation on its first line, then one indented
 * `actor: event` line per event) into a timeline. Lines without an actor go to the lane `?`.
 */
export function timelineOf(excerpt: readonly string[]): Timeline {
  const actors: string[] = [];
  const rows = excerpt.map((entry): TimelineRow => {
    const [operation = '', ...lines] = entry.split('\n');
    const events = lines
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .map((line) => {
        const match = /^([^\s:]+):\s*(.*)$/.exec(line);
        const actor = match?.[1] ?? '?';
        if (!actors.includes(actor)) actors.push(actor);
        return { actor, event: match?.[2] ?? line };
      });
    return { operation: operation.trim(), events };
  });
  return { actors, rows };
}
