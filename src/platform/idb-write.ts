// All-or-nothing IndexedDB writes for the image cache and the checkpoints. idb-keyval's setMany
// lets the puts made before one that throws (a quota or clone error raised at once) commit: a
// shard without its manifest entry, a checkpoint without its summary. Here such a throw aborts
// the transaction, so nothing of the write is left behind.
import { promisifyRequest, type UseStore } from 'idb-keyval';

/** Puts `entries` and deletes `deletions` in one transaction: every change lands, or none. */
export function writeAtomically(
  store: UseStore,
  entries: readonly [IDBValidKey, unknown][],
  deletions: readonly IDBValidKey[] = [],
): Promise<void> {
  return store('readwrite', (objects) => {
    try {
      for (const [key, value] of entries) objects.put(value, key);
      for (const key of deletions) objects.delete(key);
    } catch (error) {
      objects.transaction.abort();
      throw error;
    }
    return promisifyRequest(objects.transaction);
  });
}

/** Reads `key` and writes what `change` makes of it in the same transaction (no write between
 *  the read and the put); `change` returns the puts and deletions to make. */
export function changeAtomically<T>(
  store: UseStore,
  key: IDBValidKey,
  change: (value: T | undefined) => { puts: [IDBValidKey, unknown][]; deletions: IDBValidKey[] },
): Promise<void> {
  return store('readwrite', (objects) => {
    // A callback, not a promise: the transaction must still be active when the puts are made.
    objects.get(key).onsuccess = function (this: IDBRequest<T | undefined>) {
      const { puts, deletions } = change(this.result);
      for (const [k, value] of puts) objects.put(value, k);
      for (const k of deletions) objects.delete(k);
    };
    return promisifyRequest(objects.transaction);
  });
}
