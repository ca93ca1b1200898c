/** Event-loop turns without a new event after which a runtime without a settle hook counts as quiet. */
const quietTurns = 5;
/** Upper bound on turns, so a runtime that never goes quiet cannot hang the suite. */
const maxTurns = 10_000;

/**
 * The generic settle for runtimes without a quiescence hook: yields to the event loop
 * (macrotask turns, so promise chains and immediates run) until the history has stopped
 * growing for a few turns in a row.
 */
export async function defaultSettle(historyLength: () => number): Promise<void> {
  let quiet = 0;
  let seen = historyLength();
  for (let turn = 0; turn < maxTurns && quiet < quietTurns; turn++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const now = historyLength();
    quiet = now === seen ? quiet + 1 : 0;
    seen = now;
  }
}
