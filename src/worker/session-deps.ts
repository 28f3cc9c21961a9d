// The browser's SessionDeps: checkpoints and dropped datasets in IndexedDB, ImageNet weights from
// a checked, cached download. The one place the training session meets the platform.

import { createCachedFeed, loadCachedItems } from '../platform/cached-feed-source';
import {
  clearCheckpoint,
  loadCheckpoint,
  loadCheckpointInfo,
  saveCheckpoint,
} from '../platform/checkpoint-store';
import { loadDatasetIndex } from '../platform/dataset-index-store';
import { loadExperiment, saveExperiment } from '../platform/experiment-store';
import { deleteRuns, listRuns, saveRun } from '../platform/run-history';
import type { ExperimentStore } from './experiment-session';
import type { WorkerEvent } from './protocol';
import type { CheckpointStore, SessionDeps } from './session';
import type { DatasetStore } from './session-data';
import { downloadedWeights } from './weights-download';

const indexedDbCheckpoints: CheckpointStore = {
  save: saveCheckpoint,
  loadInfo: loadCheckpointInfo,
  load: loadCheckpoint,
  clear: clearCheckpoint,
};

const indexedDbDatasets: DatasetStore = {
  loadIndex: loadDatasetIndex,
  trainFeed: createCachedFeed,
  loadItems: loadCachedItems,
};

export function browserSessionDeps(
  post: (event: WorkerEvent, transfer?: Transferable[]) => void,
): SessionDeps & { experiments: ExperimentStore } {
  return {
    post,
    checkpoints: indexedDbCheckpoints,
    history: { save: saveRun, list: listRuns, delete: deleteRuns },
    datasets: indexedDbDatasets,
    weights: downloadedWeights,
    experiments: { save: saveExperiment, load: loadExperiment },
  };
}
