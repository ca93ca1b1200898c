import type { DurableStateChange, Offset } from '../../DurableStateStore.js';
import { ChangeNotifier } from './ChangeNotifier.js';

/**
 * The latest change of every entity, kept in memory, plus per-tag views in offset order.
 *
 * Each per-tag map is re-inserted on every change, so JavaScript's insertion order is offset
 * order as long as changes are put in increasing offset order; tag queries then need no sort.
 */
export class LatestChangeIndex {
  private readonly latest = new Map<string, DurableStateChange>();
  private readonly byTag = new Map<string, Map<string, DurableStateChange>>();
  readonly notifier = new ChangeNotifier();

  get(persistenceId: string): DurableStateChange | undefined {
    return this.latest.get(persistenceId);
  }

  /** Records `change` as the entity's latest; its offset must exceed every offset put before. */
  put(change: DurableStateChange): void {
    const id = change.persistenceId;
    const previous = this.latest.get(id);
    this.latest.set(id, change);
    if (previous !== undefined && previous.tag !== change.tag) this.byTag.get(previous.tag)?.delete(id);
    let tagged = this.byTag.get(change.tag);
    if (tagged === undefined) {
      tagged = new Map();
      this.byTag.set(change.tag, tagged);
    } else if (previous !== undefined) {
      tagged.delete(id);
    }
    tagged.set(id, change);
    this.notifier.notify();
  }

  /** Forgets the entity entirely (hard delete); nothing is emitted for it. */
  remove(persistenceId: string): void {
    const previous = this.latest.get(persistenceId);
    if (previous === undefined) return;
    this.latest.delete(persistenceId);
    this.byTag.get(previous.tag)?.delete(persistenceId);
  }

  /** The latest change of each entity tagged `tag` with an offset above `after`, in offset order. */
  changesAfter(tag: string, after: Offset): DurableStateChange[] {
    const out: DurableStateChange[] = [];
    const tagged = this.byTag.get(tag);
    if (tagged === undefined) return out;
    for (const change of tagged.values()) if (change.offset > after) out.push(change);
    return out;
  }
}
