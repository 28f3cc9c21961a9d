// What else the studio keeps besides cached datasets, for the storage view: the checkpoint of a
// stage in progress and the runs history, with the history's size (its preview snapshots are most
// of it). Browser/worker only (IndexedDB).
import { checkpointBytes, loadCheckpointInfo } from './checkpoint-store';
import { listRuns, type RunHistoryEntry } from './run-history';

export interface StoredItems {
  /** The stage in progress's checkpoint; `bytes` counts both slots (it and the one before). */
  checkpoint: {
    stage: string;
    step: number;
    totalSteps: number;
    savedAt: string;
    bytes: number;
  } | null;
  runs: { count: number; bytes: number };
}

/** Bytes of an entry's typed arrays (the preview images) plus its JSON. */
function entryBytes(entry: RunHistoryEntry): number {
  const images = entry.previews.flatMap((p) => p.images);
  const pixels = images.reduce(
    (n, i) => n + i.gray.byteLength + i.color.byteLength + i.stretched.byteLength,
    0,
  );
  const { previews: _previews, ...rest } = entry;
  return pixels + JSON.stringify(rest).length;
}

export async function storedItems(): Promise<StoredItems> {
  const [info, slotBytes, runs] = await Promise.all([
    loadCheckpointInfo(),
    checkpointBytes(),
    listRuns(),
  ]);
  const bytes = runs.reduce((n, entry) => n + entryBytes(entry), 0);
  const checkpoint = info ? { ...info, bytes: slotBytes } : null;
  return { checkpoint, runs: { count: runs.length, bytes } };
}
