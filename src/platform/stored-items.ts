// What else the studio keeps besides cached datasets, for the storage view: the checkpoint of a
// stage in progress and the runs history, with the history's size (its preview snapshots are most
// of it). Browser/worker only (IndexedDB).
import { loadCheckpointInfo } from './checkpoint-store';
import { listRuns, type RunHistoryEntry } from './run-history';

export interface StoredItems {
  checkpoint: { stage: string; step: number; totalSteps: number; savedAt: string } | null;
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
  const [info, runs] = await Promise.all([loadCheckpointInfo(), listRuns()]);
  const bytes = runs.reduce((n, entry) => n + entryBytes(entry), 0);
  return { checkpoint: info ?? null, runs: { count: runs.length, bytes } };
}
