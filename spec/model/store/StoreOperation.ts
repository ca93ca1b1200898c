/** A value written to a store under test: small, JSON-safe, and telling who wrote it. @public */
export interface StoreValue {
  readonly n: number;
  readonly by: string;
}

/** `upsertObject(id, revision, value, tag)`. @public */
export interface UpsertWrite {
  readonly op: 'upsert';
  readonly id: string;
  readonly revision: number;
  readonly value: StoreValue;
  readonly tag: string;
}

/** `deleteObject(id, revision)`; revision 0 is a hard delete (STORE-07). @public */
export interface DeleteWrite {
  readonly op: 'delete';
  readonly id: string;
  readonly revision: number;
}

/** A write to a store. @public */
export type StoreWrite = UpsertWrite | DeleteWrite;

/**
 * One step of a store property: a write, a read, several writes issued concurrently
 * (different writers, no ordering between them), or a finite tag query resumed once from an
 * offset it or an earlier query of the tag returned.
 *
 * @public
 */
export type StoreOperation =
  | StoreWrite
  | { readonly op: 'get'; readonly id: string }
  | { readonly op: 'concurrent'; readonly writes: readonly StoreWrite[] }
  | {
      readonly op: 'query';
      readonly tag: string;
      /** Where in the full result to resume from (a fraction of its length). */
      readonly resumeAt: number;
      /** An offset an earlier query of the tag returned, to resume from instead (TAG-04 across steps). */
      readonly resumeFrom?: number;
    }
  | { readonly op: 'live'; readonly tag: string; readonly write: UpsertWrite };

/** A change as a store query reports it. @public */
export interface ObservedChange {
  readonly type: 'updated' | 'deleted';
  readonly persistenceId: string;
  readonly revision: number;
  readonly tag: string;
  readonly offset: number;
  readonly value?: unknown;
}

/** What the suite observed for one operation. @public */
export type StoreObservation =
  | { readonly op: 'write'; readonly ok: readonly boolean[] }
  | { readonly op: 'get'; readonly value: unknown; readonly revision: number }
  | { readonly op: 'query'; readonly full: readonly ObservedChange[]; readonly resumedFrom: number; readonly resumed: readonly ObservedChange[] }
  | {
      readonly op: 'live';
      /** What the live query emitted before the write, until it went quiet. */
      readonly before: readonly ObservedChange[];
      readonly writeOk: boolean;
      /** What it emitted after the write, until it went quiet. */
      readonly after: readonly ObservedChange[];
      /** Whether the query completed (it must not). */
      readonly completed: boolean;
    };

/** A readable rendering of a store operation. @public */
export function describeStoreOperation(operation: StoreOperation): string {
  switch (operation.op) {
    case 'upsert':
      return `upsert ${operation.id} r${operation.revision} ${JSON.stringify(operation.value)} tag '${operation.tag}'`;
    case 'delete':
      return `delete ${operation.id} r${operation.revision}`;
    case 'get':
      return `get ${operation.id}`;
    case 'concurrent':
      return `concurrently: ${operation.writes.map(describeStoreOperation).join(' ‖ ')}`;
    case 'query':
      return operation.resumeFrom !== undefined
        ? `currentChanges '${operation.tag}' (then resume after offset ${operation.resumeFrom}, returned earlier)`
        : `currentChanges '${operation.tag}' (then resume at ${Math.round(operation.resumeAt * 100)}%)`;
    case 'live':
      return `live changes '${operation.tag}' around ${describeStoreOperation(operation.write)}`;
  }
}
