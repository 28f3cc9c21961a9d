// The training slice: the chosen stage, its settings, the run's state, finished stages, the
// checkpoint to resume and the errors. The step progress is its own slice of the store (store.ts):
// it changes a few times a second, this slice only when the run does. Plain data plus pure
// helpers (tested in Node).
import type { StageId } from '../core/train/stages';
import type { CheckpointInfo, RunState, StageRunSpec } from '../worker/protocol';

export type TrainSettings = Omit<StageRunSpec, 'stage'>;

/** Where the current stage stands, from the last committed trainStep event. */
export interface StepProgress {
  stage: StageId;
  step: number;
  totalSteps: number;
  loss: number;
  lr: number;
  momentum: number;
  /** The first step seen and when (ms): the rate excludes warm-up before it. */
  firstStep: number;
  firstAt: number;
  lastAt: number;
}

export interface StageResult {
  stage: StageId;
  outcome: 'completed' | 'stopped' | 'diverged';
  stepsRun: number;
  bestStep: number;
  bestMeanAuc: number;
  seconds: number;
}

export interface TrainingState {
  selectedStage: StageId;
  settings: TrainSettings;
  runState: RunState;
  /** A runStage/resumeStage request is in flight. */
  busy: boolean;
  results: StageResult[];
  /** The last stage that trained the current network (null: fresh network). */
  previousStage: StageId | null;
  /** A checkpoint the worker reported at start-up: offered as "Resume stage". */
  resumable: CheckpointInfo | null;
  /** The latest checkpoint saved. */
  checkpoint: CheckpointInfo | null;
  /** What the last run/resume request failed with. */
  error: string | null;
  /** The worker's explanation when the loss became NaN or infinite. */
  diverged: string | null;
  /** Errors the worker raised outside any request. */
  workerError: string | null;
}

/** Defaults for a first run on the demo data; the paper trains to convergence with an LR found
 *  by the LR finder, so these are a starting point, not the paper's values. */
export const DEFAULT_SETTINGS: TrainSettings = {
  iterations: 300, // enough for the phantom findings to separate; real data needs thousands
  lrMax: 0.01, // one-cycle peak; SGD with momentum tolerates 1e-2 on ImageNet backbones
  batchSize: 16, // fits a 4 GB GPU at 224 px with ResNet18
  accumulation: 1, // raise it for a larger effective batch when memory is short
  weightDecay: 1e-4, // decoupled, as in fastai's defaults
  validateEvery: 50, // also the checkpoint interval: the best validation AUC is kept
  seed: 0, // the run's seed: init of C and T, batch order, augmentation
};

export const initialTraining = (): TrainingState => ({
  selectedStage: 'colorModule',
  settings: { ...DEFAULT_SETTINGS },
  runState: 'idle',
  busy: false,
  results: [],
  previousStage: null,
  resumable: null,
  checkpoint: null,
  error: null,
  diverged: null,
  workerError: null,
});

/** Seconds left at the rate measured since the first step seen, or null before two steps. */
export function timeLeftSeconds(progress: StepProgress): number | null {
  const stepsTimed = progress.step - progress.firstStep;
  if (stepsTimed <= 0) return null;
  const perStep = (progress.lastAt - progress.firstAt) / 1000 / stepsTimed;
  return perStep * (progress.totalSteps - progress.step);
}

/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${two(s % 60)} s`;
  return `${s} s`;
}
