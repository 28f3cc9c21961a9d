// A dropped dataset's parsed label index in IndexedDB, stored once under the dataset's key beside
// its image shards: the ingestion worker writes it, the training worker reads it back by key, and
// neither the page nor a checkpoint ever holds a copy. Browser/worker only.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { DatasetFormat } from '../core/data/detect';
import type { DatasetIndex } from '../core/data/types';

/** What the label files said, as parsed when the folder was dropped. */
export interface StoredDatasetIndex {
  /** The dropped folder's name, shown to the user and written into model cards. */
  name: string;
  format: DatasetFormat;
  index: DatasetIndex;
  /** What a single binary label's 0 means ("NORMAL"), when the classes were named. */
  negativeClass?: string;
}

let opened: UseStore | null = null;
const db = (): UseStore => {
  opened ??= createStore('chromaxr-dataset-index', 'indices');
  return opened;
};

/** Replaces the index stored under `key` (a second drop with another format overrides it). */
export function saveDatasetIndex(key: string, record: StoredDatasetIndex): Promise<void> {
  return set(key, record, db());
}

export async function loadDatasetIndex(key: string): Promise<StoredDatasetIndex> {
  const record = await get<StoredDatasetIndex>(key, db());
  if (!record) {
    throw new Error(
      `No label index is stored for the dataset ${key.slice(0, 12)}…: drop its folder again.`,
    );
  }
  return record;
}

/** Forgets the index stored under `key` (its cached images are deleted beside it). */
export function deleteDatasetIndex(key: string): Promise<void> {
  return del(key, db());
}
