import type { Capability } from '../../spec/index.js';
import { SLOW_READ_MS } from '../../spec/model/index.js';
import type { SuiteClock } from '../contract/SuiteClock.js';
import type { SuiteStore } from '../contract/SuiteStore.js';

/** What the suite's store guarantees to the entities that use it. */
export const controlledStoreCapabilities: readonly Capability[] = ['store', 'store.revision-check', 'store.delete-revision-check'];

/** Why the suite's store refused a write. */
export class ControlledStoreWriteError extends Error {
  readonly code = 'CONTROLLED_STORE_WRITE';
  constructor(
    readonly persistenceId: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`write of ${persistenceId} at revision ${revision} refused: ${reason}`);
    this.name = 'ControlledStoreWriteError';
  }
}

/** The suite made a read of the store fail. */
export class ControlledStoreReadError extends Error {
  readonly code = 'CONTROLLED_STORE_READ';
  constructor(readonly persistenceId: string) {
    super(`read of ${persistenceId} failed: the suite made it fail`);
    this.name = 'ControlledStoreReadError';
  }
}

/** Receives every write attempt the store sees, in order. */
export type WriteListener = (persistenceId: string, op: 'upsert' | 'delete', revision: number, ok: boolean) => void;

/**
 * The suite's store: in memory, revision-checked, reporting every write and failing the ones
 * the suite armed. Other writers (the suite itself) write through {@link ControlledStore.writeBehind}.
 */
export class ControlledStore implements SuiteStore {
  private readonly rows = new Map<string, { value: number | undefined; revision: number }>();
  private failing = 0;
  private failingReads = 0;
  private slowReads = 0;
  private expectedTag: string | undefined;
  private wrongTags: string[] = [];
  private writeLatencyMs = 0;

  constructor(
    private readonly clock: SuiteClock,
    private readonly onWrite: WriteListener,
  ) {}

  /** From now on writes commit `ms` virtual milliseconds after they arrive (0: at once). */
  setWriteLatency(ms: number): void {
    this.writeLatencyMs = ms;
  }

  /** Makes the next write that would commit fail instead. */
  failNextWrite(): void {
    this.failing += 1;
  }

  /** Makes the next read fail. */
  failNextRead(): void {
    this.failingReads += 1;
  }

  /** Makes the next read answer only after {@link SLOW_READ_MS}, past the default recovery timeout (DS-03). */
  slowNextRead(): void {
    this.slowReads += 1;
  }

  /** From now on every upsert must carry `tag` (DS-05); the others are kept for {@link ControlledStore.takeWrongTags}. */
  expectTag(tag: string): void {
    this.expectedTag = tag;
  }

  /** The upserts since the last call whose tag was not the expected one, described. */
  takeWrongTags(): string[] {
    const wrong = this.wrongTags;
    this.wrongTags = [];
    return wrong;
  }

  /** Another writer stores `value` at the next revision of `persistenceId`. */
  writeBehind(persistenceId: string, value: number): void {
    const revision = (this.rows.get(persistenceId)?.revision ?? 0) + 1;
    this.rows.set(persistenceId, { value, revision });
    this.onWrite(persistenceId, 'upsert', revision, true);
  }

  async getObject(persistenceId: string): Promise<{ value: number | undefined; revision: number }> {
    if (this.failingReads > 0) {
      this.failingReads -= 1;
      throw new ControlledStoreReadError(persistenceId);
    }
    if (this.slowReads > 0) {
      this.slowReads -= 1;
      await new Promise<void>((resolve) => this.clock.setTimer(SLOW_READ_MS, resolve));
    }
    const row = this.rows.get(persistenceId);
    return { value: row?.value, revision: row?.revision ?? 0 };
  }

  async upsertObject(persistenceId: string, revision: number, value: number, tag?: string): Promise<void> {
    if (this.expectedTag !== undefined && tag !== this.expectedTag) {
      this.wrongTags.push(`upsert of ${persistenceId} at r${revision} carried tag ${JSON.stringify(tag)}, not ${JSON.stringify(this.expectedTag)}`);
    }
    await this.latency();
    this.commit(persistenceId, 'upsert', revision, value);
  }

  async deleteObject(persistenceId: string, revision: number): Promise<void> {
    await this.latency();
    this.commit(persistenceId, 'delete', revision, undefined);
  }

  private async latency(): Promise<void> {
    if (this.writeLatencyMs > 0) await new Promise<void>((resolve) => this.clock.setTimer(this.writeLatencyMs, resolve));
  }

  /** Decides at commit time: a revision conflict first, else a failure the suite armed. */
  private commit(persistenceId: string, op: 'upsert' | 'delete', revision: number, value: number | undefined): void {
    const current = this.rows.get(persistenceId)?.revision ?? 0;
    if (revision !== current + 1) {
      this.onWrite(persistenceId, op, revision, false);
      throw new ControlledStoreWriteError(persistenceId, revision, `the stored revision is ${current}`);
    }
    if (this.failing > 0) {
      this.failing -= 1;
      this.onWrite(persistenceId, op, revision, false);
      throw new ControlledStoreWriteError(persistenceId, revision, 'the suite made it fail');
    }
    this.rows.set(persistenceId, { value, revision });
    this.onWrite(persistenceId, op, revision, true);
  }
}
