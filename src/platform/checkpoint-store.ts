// Stage checkpoints in IndexedDB (idb-keyval, its own database), so a stage survives a page reload.
// Browser/worker only. Two slots (checkpoint-slots.ts), each save one all-or-nothing transaction;
// a save the browser refuses for lack of space is explained (storage-full.ts).
import { createStore, get, type UseStore } from 'idb-keyval';
import { CheckpointSlots } from './checkpoint-slots';
import { writeAtomically } from './idb-write';
import { isStorageFull, StorageFullError, storageFullMessage, storageUse } from './storage-full';

export type { CheckpointInfo, LoadedCheckpoint } from './checkpoint-slots';

let store: UseStore | null = null;
const checkpoints = () => {
  store ??= createStore('chromaxr-checkpoints', 'checkpoints');
  return store;
};

const slots = new CheckpointSlots({
  get: (key) => get(key, checkpoints()),
  write: (puts, deletions) => writeAtomically(checkpoints(), puts, deletions),
});

export async function saveCheckpoint(...args: Parameters<CheckpointSlots['save']>) {
  try {
    await slots.save(...args);
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    const [bytes, info] = args;
    const writing = `the checkpoint at step ${info.step}`;
    const next = 'The previous checkpoint is kept.';
    throw new StorageFullError(
      storageFullMessage(writing, bytes.byteLength, await storageUse(), next),
    );
  }
}

export const loadCheckpointInfo = () => slots.loadInfo();
export const checkpointBytes = () => slots.storedBytes();
export const loadCheckpoint = () => slots.load();
export const clearCheckpoint = () => slots.clear();
