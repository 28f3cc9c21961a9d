// The request commands' bookkeeping (busy flags, results, errors): a shallow merge into one slice.
// Deliberately not a store action: components change the store only through the named actions
// (actions.ts), and only the commands in state/ hold a store to patch.
import type { SliceKey, StudioData } from './store';

interface StoreLike {
  getState(): StudioData;
  setState(change: Partial<StudioData>): void;
}

/** A function that shallow-merges a change into one slice of `store`. */
export function patcher(store: StoreLike) {
  return <K extends SliceKey>(key: K, change: Partial<StudioData[K]>): void =>
    store.setState({ [key]: { ...store.getState()[key], ...change } } as Partial<StudioData>);
}
