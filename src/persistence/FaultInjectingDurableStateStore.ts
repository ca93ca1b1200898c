import type { DurableStateChange, DurableStateStore, GetObjectResult, Offset } from './DurableStateStore.js';
import { DurableStateStoreError } from './errors.js';

/** Which kind of store call a fault applies to. @public */
export type StoreOperation = 'read' | 'write';

/** One upsert or delete that reached a {@link FaultInjectingDurableStateStore}, in call order. @public */
export interface StoreWriteAttempt {
  readonly operation: 'upsert' | 'delete';
  readonly persistenceId: string;
  readonly revision: number;
  /** The value of an upsert (`undefined` for a delete). */
  readonly value: unknown;
  /** The tag of an upsert (`undefined` for a delete). */
  readonly tag: string | undefined;
  /** `'pending'` while held or running; then whether the underlying store accepted it. */
  outcome: 'pending' | 'succeeded' | 'failed';
}

/**
 * Wraps a store and lets a test decide, call by call, what the behavior on top of it sees:
 * fail the next reads or writes, fail the n-th write, or hold calls until released (a
 * stalled store). Held calls proceed in call order when released. Everything else is
 * delegated, so revision checks, deletes and tag queries are the wrapped store's.
 *
 * Useful for testing Durable State entities and for conformance adapters: no other testkit
 * offers failure injection for durable state.
 *
 * @public
 */
export class FaultInjectingDurableStateStore implements DurableStateStore {
  /** Every write attempt, in call order. */
  readonly writes: StoreWriteAttempt[] = [];
  private readonly failuresLeft: Record<StoreOperation, number> = { read: 0, write: 0 };
  private readonly failingWriteNumbers = new Set<number>();
  private readonly holding: Record<StoreOperation, boolean> = { read: false, write: false };
  private readonly held: Array<{ readonly operation: StoreOperation; readonly proceed: () => void }> = [];
  private unfinished = 0;

  constructor(
    /** The store that does the real work. */
    readonly underlying: DurableStateStore,
  ) {}

  get capabilities(): DurableStateStore['capabilities'] {
    return this.underlying.capabilities;
  }

  /** The next `count` calls of `operation` reject with a {@link DurableStateStoreError} without reaching the store. */
  failNext(operation: StoreOperation, count = 1): void {
    this.failuresLeft[operation] += count;
  }

  /** Write attempt number `n` (1-based, counted over this wrapper's life) fails as in {@link failNext}. */
  failWriteNumber(n: number): void {
    this.failingWriteNumbers.add(n);
  }

  /** From now on, calls of `operation` wait until {@link release} or {@link resume}. */
  hold(operation: StoreOperation): void {
    this.holding[operation] = true;
  }

  /** Lets the `count` oldest held calls (of `operation`, or of any kind) proceed; returns how many did. */
  release(count = Number.POSITIVE_INFINITY, operation?: StoreOperation): number {
    let released = 0;
    for (let i = 0; i < this.held.length && released < count; ) {
      const call = this.held[i]!;
      if (operation !== undefined && call.operation !== operation) {
        i++;
        continue;
      }
      this.held.splice(i, 1);
      call.proceed();
      released++;
    }
    return released;
  }

  /** Stops holding `operation` and lets every held call of it proceed. */
  resume(operation: StoreOperation): void {
    this.holding[operation] = false;
    this.release(Number.POSITIVE_INFINITY, operation);
  }

  /** How many calls are waiting to be released. */
  get heldCount(): number {
    return this.held.length;
  }

  /** How many reads and writes have not settled yet, held ones included. */
  get unfinishedCount(): number {
    return this.unfinished;
  }

  async getObject<S>(persistenceId: string): Promise<GetObjectResult<S>> {
    this.unfinished++;
    try {
      await this.gate('read', false);
      return await this.underlying.getObject<S>(persistenceId);
    } finally {
      this.unfinished--;
    }
  }

  upsertObject<S>(persistenceId: string, revision: number, value: S, tag: string): Promise<void> {
    return this.write({ operation: 'upsert', persistenceId, revision, value, tag, outcome: 'pending' }, () =>
      this.underlying.upsertObject(persistenceId, revision, value, tag),
    );
  }

  deleteObject(persistenceId: string, revision: number): Promise<void> {
    return this.write({ operation: 'delete', persistenceId, revision, value: undefined, tag: undefined, outcome: 'pending' }, () =>
      this.underlying.deleteObject(persistenceId, revision),
    );
  }

  currentChanges(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    return this.underlying.currentChanges(tag, offset);
  }

  changes(tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
    return this.underlying.changes(tag, offset);
  }

  async close(): Promise<void> {
    this.resume('read');
    this.resume('write');
    await this.underlying.close?.();
  }

  private async write(attempt: StoreWriteAttempt, perform: () => Promise<void>): Promise<void> {
    this.writes.push(attempt);
    this.unfinished++;
    try {
      await this.gate('write', this.failingWriteNumbers.delete(this.writes.length));
      await perform();
      attempt.outcome = 'succeeded';
    } catch (error) {
      attempt.outcome = 'failed';
      throw error;
    } finally {
      this.unfinished--;
    }
  }

  private async gate(operation: StoreOperation, failThisCall: boolean): Promise<void> {
    if (this.holding[operation]) await new Promise<void>((proceed) => this.held.push({ operation, proceed }));
    if (failThisCall || this.failuresLeft[operation] > 0) {
      if (!failThisCall) this.failuresLeft[operation]--;
      throw new DurableStateStoreError(`injected ${operation} failure`);
    }
  }
}
