import type { StoreBelief, StoreModelState, StoreOperation } from '../../../spec/model/store/index.js';

/** The ids whose stored state decides what an operation may observe. */
function idsSeenBy(operation: StoreOperation, belief: StoreBelief): string[] {
  switch (operation.op) {
    case 'upsert':
    case 'delete':
    case 'get':
      return [operation.id];
    case 'concurrent':
      return operation.writes.map((w) => w.id);
    case 'query':
    case 'live': {
      const tagged = belief.flatMap((s) => Object.entries(s.entities).filter(([, e]) => e.tag === operation.tag).map(([id]) => id));
      return operation.op === 'live' ? [...tagged, operation.write.id] : tagged;
    }
  }
}

function renderState(state: StoreModelState, ids: readonly string[]): string {
  if (ids.length === 0) return 'no entity with that tag';
  return ids
    .map((id) => {
      const e = state.entities[id];
      if (e === undefined) return `${id} never written (r0)`;
      const tag = `tag '${e.tag}'`;
      return e.value === undefined ? `${id} deleted at r${e.revision}, ${tag}` : `${id} = ${JSON.stringify(e.value)} at r${e.revision}, ${tag}`;
    })
    .join(', ');
}

/**
 * What the store oracle expected, for a failure message: each state the rules allowed the
 * entities the operation touches to be in just before it (several after racing writers).
 */
export function expectedStates(belief: StoreBelief, operation: StoreOperation): string[] {
  const ids = [...new Set(idsSeenBy(operation, belief))].sort();
  const states = [...new Set(belief.map((s) => renderState(s, ids)))];
  return states.map((s, i) => `${i === 0 ? 'a store that held, before it: ' : ''}${s}`);
}
