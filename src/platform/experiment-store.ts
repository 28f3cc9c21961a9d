// The studio's current experiment in IndexedDB (idb-keyval, its own database): the config and its
// runs in queue order with their status, written on every change, so a reload finds the queue and
// continues it. One slot: starting an experiment replaces it. Browser/worker only.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { ExperimentConfig } from '../core/experiment/config';
import type { ColorizerKind } from '../core/model/kinds';
import type { StageId } from '../core/train/stages';

/** One run of an experiment as the queue shows it: a chain of stages for one seed (and, for
 *  Fig. 6, one data-size draw). */
export interface PlannedRun {
  /** Its index in the experiment's plan (stable under reordering). */
  index: number;
  colorizer: ColorizerKind;
  seed: number;
  /** Training-set fraction and its draw (1 and 0: the whole set). */
  fraction: number;
  draw: number;
  stages: StageId[];
  /** e.g. "Color Module (ColorU) · seed 1". */
  title: string;
  status: 'pending' | 'running' | 'done' | 'skipped' | 'failed';
  /** Why it failed, when it did. */
  error?: string;
}

/** An experiment in the studio: the runner's config and its runs in queue order. */
export interface ExperimentState {
  id: string;
  config: ExperimentConfig;
  runs: PlannedRun[];
  paused: boolean;
  /** The cached folder a folder config runs on (absent for the phantom). */
  datasetKey?: string;
}

let opened: UseStore | null = null;
const db = (): UseStore => {
  opened ??= createStore('chromaxr-experiment', 'experiment');
  return opened;
};

const CURRENT = 'current';

export function saveExperiment(state: ExperimentState): Promise<void> {
  return set(CURRENT, state, db());
}

export async function loadExperiment(): Promise<ExperimentState | null> {
  return (await get<ExperimentState>(CURRENT, db())) ?? null;
}

export function clearExperiment(): Promise<void> {
  return del(CURRENT, db());
}
