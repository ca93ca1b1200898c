import type { HistoryEvent } from '../../spec/model/index.js';
import type { ErrorRegistry } from '../contract/ErrorRegistry.js';
import type { DurableProbe } from '../contract/DurableEnvironment.js';
import type { Probe } from '../contract/Probe.js';

/**
 * The suite's {@link Probe}: appends events, counts setup attempts per path (the same way the
 * model numbers incarnations) and throws the setup failures the suite armed.
 */
export class HistoryRecorder implements Probe, DurableProbe {
  private readonly all: HistoryEvent[] = [];
  private taken = 0;
  private closed = false;
  private readonly incarnations = new Map<string, number>();
  private readonly armed = new Map<string, string[]>();

  constructor(private readonly errors: ErrorRegistry) {}

  /** Every event recorded so far. */
  get history(): readonly HistoryEvent[] {
    return this.all;
  }

  /** The events recorded since the previous call. */
  takeNew(): HistoryEvent[] {
    const fresh = this.all.slice(this.taken);
    this.taken = this.all.length;
    return fresh;
  }

  /** Makes the next setup attempt at `path` throw an instance of `error`. */
  armSetupFailure(path: string, error: string): void {
    const queue = this.armed.get(path);
    if (queue) queue.push(error);
    else this.armed.set(path, [error]);
  }

  /** Ignores everything recorded from now on (the system is shutting down). */
  close(): void {
    this.closed = true;
  }

  setupStarted(path: string): void {
    if (this.closed) return;
    const incarnation = (this.incarnations.get(path) ?? 0) + 1;
    this.incarnations.set(path, incarnation);
    this.push({ kind: 'setup', path, incarnation });
    const failure = this.armed.get(path)?.shift();
    if (failure !== undefined) throw this.errors.create(failure);
  }

  received(path: string, id: number, count: number): void {
    this.push({ kind: 'received', path, id, count });
  }

  signal(path: string, signal: 'PreRestart' | 'PostStop'): void {
    this.push({ kind: 'signal', path, signal });
  }

  terminated(path: string, of: string): void {
    this.push({ kind: 'terminated', path, of });
  }

  childFailed(path: string, of: string, cause: string): void {
    this.push({ kind: 'childFailed', path, of, cause });
  }

  watchMessage(path: string, of: string): void {
    this.push({ kind: 'watchMessage', path, of });
  }

  deadLetter(path: string, id: number): void {
    this.push({ kind: 'deadLetter', path, id });
  }

  recovered(path: string, state: number, revision: number): void {
    this.push({ kind: 'recovered', path, state, revision });
  }

  recoveryFailed(path: string): void {
    this.push({ kind: 'recoveryFailed', path });
  }

  handled(path: string, id: number, state: number, revision: number): void {
    this.push({ kind: 'handled', path, id, state, revision });
  }

  callback(path: string, id: number, step: number, state: number): void {
    this.push({ kind: 'callback', path, id, step, state });
  }

  reply(path: string, id: number, state: number): void {
    this.push({ kind: 'reply', path: `${path}/replies`, id, state });
  }

  dropped(path: string, id: number): void {
    this.push({ kind: 'stashDropped', path, id });
  }

  /** A write the suite's store saw (recorded under `store/<persistenceId>`). */
  write(persistenceId: string, op: 'upsert' | 'delete', revision: number, ok: boolean): void {
    this.push({ kind: 'write', path: `store/${persistenceId}`, op, revision, ok });
  }

  private push(event: HistoryEvent): void {
    if (!this.closed) this.all.push(event);
  }
}
