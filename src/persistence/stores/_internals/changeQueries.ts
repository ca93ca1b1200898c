import type { DurableStateChange, Offset } from '../../DurableStateStore.js';
import { InvalidStoreArgumentError } from '../../errors.js';
import type { ChangeNotifier } from './ChangeNotifier.js';

/**
 * Reads the changes with a tag after an offset, in offset order: synchronously for stores that
 * hold their index in memory, or as a promise for a database the read is a round trip to.
 */
export type ChangesAfter = (tag: string, after: Offset) => readonly DurableStateChange[] | Promise<readonly DurableStateChange[]>;

/** Offsets must be non-negative safe integers; anything else is a caller bug worth reporting early. */
function startOffset(offset: Offset | undefined): Offset {
  if (offset === undefined) return 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new InvalidStoreArgumentError(`offset must be a safe integer >= 0, got ${String(offset)}`);
  return offset;
}

/**
 * A completing query: the snapshot is read when this is called, not when iteration starts, so
 * it holds the latest change of each id as of the call (TAG-02) even if the entity changes
 * before the consumer pulls.
 */
export function currentChangesQuery(changesAfter: ChangesAfter, tag: string, offset?: Offset): AsyncIterable<DurableStateChange> {
  const snapshot = changesAfter(tag, startOffset(offset));
  // An asynchronous read is already under way; its failure belongs to whoever iterates.
  if (snapshot instanceof Promise) snapshot.catch(() => {});
  return {
    async *[Symbol.asyncIterator]() {
      yield* await snapshot;
    },
  };
}

/**
 * A live query: never completes on its own (TAG-03); ends on `return()` or when the store closes.
 * `beforeFirstRead`, if given, is awaited once before the store is first read (e.g. until it is open).
 */
export function liveChangesQuery(
  changesAfter: ChangesAfter,
  notifier: ChangeNotifier,
  tag: string,
  offset?: Offset,
  beforeFirstRead?: () => Promise<void>,
): AsyncIterable<DurableStateChange> {
  const from = startOffset(offset);
  return { [Symbol.asyncIterator]: () => new LiveChangeIterator(changesAfter, notifier, tag, from, beforeFirstRead) };
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Hand-written rather than an async generator so that `return()` ends an iteration that is
 * waiting for the next commit; a generator would queue the `return()` behind that wait forever.
 */
class LiveChangeIterator implements AsyncIterator<DurableStateChange, undefined> {
  private buffer: readonly DurableStateChange[] = [];
  private index = 0;
  private finished = false;
  private wake: (() => void) | undefined;
  private cancelWait: (() => void) | undefined;

  constructor(
    private readonly changesAfter: ChangesAfter,
    private readonly notifier: ChangeNotifier,
    private readonly tag: string,
    private after: Offset,
    private beforeFirstRead: (() => Promise<void>) | undefined,
  ) {}

  async next(): Promise<IteratorResult<DurableStateChange, undefined>> {
    if (this.beforeFirstRead !== undefined) {
      const waitFor = this.beforeFirstRead;
      this.beforeFirstRead = undefined;
      await waitFor();
    }
    for (;;) {
      if (this.finished) return DONE;
      const buffered = this.buffer[this.index];
      if (buffered !== undefined) {
        this.index++;
        // Resuming from here must lose nothing: the store only reports changes after `after` (TAG-04).
        this.after = buffered.offset;
        return { done: false, value: buffered };
      }
      if (this.notifier.isClosed) {
        this.finished = true;
        continue;
      }
      // Register for the next commit before reading: a commit during the read (which may be a
      // round trip to a database) then wakes the wait below, so no commit slips between the two.
      const woken = new Promise<void>((resolve) => {
        this.wake = resolve;
        this.cancelWait = this.notifier.onNextChange(resolve);
      });
      try {
        const read = this.changesAfter(this.tag, this.after);
        this.buffer = read instanceof Promise ? await read : read;
        this.index = 0;
        if (this.buffer.length === 0 && !this.finished) await woken;
      } catch (error) {
        // A read cut short by close() or return() ends the query; any other failure is the consumer's to see.
        if (!this.notifier.isClosed && !this.finished) throw error;
      } finally {
        this.cancelWait?.();
        this.wake = undefined;
        this.cancelWait = undefined;
      }
    }
  }

  async return(): Promise<IteratorResult<DurableStateChange, undefined>> {
    this.finished = true;
    this.cancelWait?.();
    this.wake?.();
    return DONE;
  }
}
