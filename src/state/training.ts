// The training slice: the chosen stage, its settings, the run's state, finished stages, the
// checkpoint to resume and the errors. The step progress is its own slice of the store (store.ts):
// it changes a few times a second, this slice only when the run does. Plain data plus pure
// helpers (tested in Node).
import type { StageId } from '../core/train/stages';
import type {
  CheckpointInfo,
  FinishedStage,
  RunState,
  StageRunSpec,
  StepReport,
} from '../worker/protocol';
import { STAGE_DEFAULTS } from './pure-core';

export type TrainSettings = Omit<StageRunSpec, 'stage'>;

/** Where the current stage stands: the last committed trainStep event, and the timing. */
export interface StepProgress extends StepReport {
  /** The first step seen and when (ms): the rate excludes warm-up before it. */
  firstStep: number;
  firstAt: number;
  lastAt: number;
}

export interface TrainingState {
  selectedStage: StageId;
  settings: TrainSettings;
  runState: RunState;
  /** A runStage/resumeStage request is in flight. */
  busy: boolean;
  results: FinishedStage[];
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

/** The form starts from the core's stage defaults (shared with the headless runner); the
 *  augmentation and schedule variant stay on those defaults, unexposed. */
const defaultSettings = (): TrainSettings => {
  const { iterations, batchSize, accumulation, lrMax, weightDecay, validateEvery } = STAGE_DEFAULTS;
  return { iterations, batchSize, accumulation, lrMax, weightDecay, validateEvery, seed: 0 };
};

export const initialTraining = (): TrainingState => ({
  selectedStage: 'colorModule',
  settings: defaultSettings(),
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
