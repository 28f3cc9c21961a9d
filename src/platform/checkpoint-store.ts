// Stage checkpoints in IndexedDB (idb-keyval, its own database), so a stage survives a page reload.
// Browser/worker only. One slot: the latest checkpoint of the running stage, bytes and summary
// written in one transaction, so a crash mid-save leaves the previous checkpoint whole.
import { createStore, del, get, setMany, type UseStore } from 'idb-keyval';
import type { StageId } from '../core/train/stages';

/** A checkpoint the worker can continue from (reported at init and after each save). */
export interface CheckpointInfo {
  stage: StageId;
  step: number;
  totalSteps: number;
  savedAt: string;
}

let store: UseStore | null = null;
const checkpoints = () => {
  store ??= createStore('chromaxr-checkpoints', 'checkpoints');
  return store;
};

const BYTES = 'latest';
const INFO = 'latest-info';

export function saveCheckpoint(bytes: Uint8Array, info: CheckpointInfo): Promise<void> {
  return setMany(
    [
      [BYTES, bytes],
      [INFO, info],
    ],
    checkpoints(),
  );
}

export function loadCheckpointInfo(): Promise<CheckpointInfo | undefined> {
  return get<CheckpointInfo>(INFO, checkpoints());
}

export function loadCheckpointBytes(): Promise<Uint8Array | undefined> {
  return get<Uint8Array>(BYTES, checkpoints());
}

/** Forgets the checkpoint (a stage finished, or a new model was built). */
export async function clearCheckpoint(): Promise<void> {
  await del(INFO, checkpoints());
  await del(BYTES, checkpoints());
}
