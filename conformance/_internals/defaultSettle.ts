import { defaultPatienceMs } from './patience.js';

/** Event-loop turns always taken first, so promise chains and immediates queued by the last operation run. */
const minimumTurns = 5;
/** Upper bound on one settle, so a runtime that never goes quiet cannot hang the suite. */
const longestSettleMs = 10_000;

/**
 * Work the runtime has in flight that no history event shows yet: I/O requests (file system,
 * sockets being written or connected, DNS) and immediates. Long-lived handles (an idle
 * connection pool's sockets, timers, the worker's message port) are not work in flight: they
 * would keep a runtime from ever counting as quiet.
 */
function pendingWork(): number {
  let pending = 0;
  for (const resource of process.getActiveResourcesInfo()) {
    if (resource === 'Immediate' || /Req|WriteWrap|ShutdownWrap|ConnectWrap/.test(resource)) pending++;
  }
  return pending;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const shortSleep = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * The generic settle for runtimes without a quiescence hook: waits until the history has not
 * grown and the runtime has had no I/O in flight for `patienceMs` real milliseconds in a row.
 * A count of event-loop turns would do for a runtime that works only in memory, but one that
 * awaits a database or a socket between two events looks idle for many turns.
 */
export async function defaultSettle(historyLength: () => number, patienceMs: number = defaultPatienceMs): Promise<void> {
  const started = performance.now();
  let seen = historyLength();
  let quietSince = started;
  for (let turn = 0; ; turn++) {
    // Immediates first (cheap, and what an in-memory runtime needs), then timer-sized steps so a long patience does not spin.
    await (turn < minimumTurns * 2 ? nextTurn() : shortSleep());
    const now = performance.now();
    const length = historyLength();
    if (length !== seen || pendingWork() > 0) {
      seen = length;
      quietSince = now;
    }
    if ((turn >= minimumTurns && now - quietSince >= patienceMs) || now - started > longestSettleMs) return;
  }
}
