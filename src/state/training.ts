// The training slice: the chosen stage, its settings, the run's state, finished stages, the
// checkpoint to resume and the errors. The step progress is its own slice of the store (store.ts):
// it changes a few times a second, this slice only when the run does. Plain data plus pure
// helpers (tested in Node).
import type { StageId } from '../core/train/stages';
import type {
  CheckpointInfo,
  FinishedStage,
  RunState,
  RunTag,
  StageRunSpec,
  StepReport,
} from '../worker/protocol';
import { STAGE_DEFAULTS } from './pure-core';

export type TrainSettings = Omit<StageRunSpec, 'stage'>;

/** One commit of steps: the last step it brought and when it arrived (ms). */
export interface StepSample {
  step: number;
  at: number;
}

/** Where the current stage stands: the last committed trainStep event, and the timing. */
export interface StepProgress extends StepReport {
  /** The last commits of this stage, oldest first (at most RATE_WINDOW): the rate is measured
   *  between them, so it includes validation time and excludes warm-up before the first. */
  samples: StepSample[];
  /** A validation pass under way: images scored so far, of `total`. */
  validating: { done: number; total: number } | null;
  /** The experiment run the steps belong to (absent: a stage run by hand). */
  run?: RunTag;
}

/** Commits the step rate is measured over: with commits every 250 ms to every 10 steps, this
 *  spans several validations on fast and slow devices alike. */
export const RATE_WINDOW = 64;

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
 *  schedule variant stays on its default, unexposed. */
const defaultSettings = (): TrainSettings => {
  const { iterations, batchSize, accumulation, lrMax, weightDecay, validateEvery, augment } =
    STAGE_DEFAULTS;
  const counts = { iterations, batchSize, accumulation, validateEvery };
  return { ...counts, lrMax, weightDecay, seed: 0, augment: augment ?? true };
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

/** Steps per second over the moving window, or null before two commits (all the steps of one
 *  commit arrive together, so one commit times nothing). */
export function stepsPerSecond(progress: StepProgress): number | null {
  const oldest = progress.samples[0];
  const newest = progress.samples.at(-1);
  if (!oldest || !newest || newest.step <= oldest.step || newest.at <= oldest.at) return null;
  return ((newest.step - oldest.step) * 1000) / (newest.at - oldest.at);
}

/** Seconds left in the stage at the measured rate, or null while there is none. */
export function timeLeftSeconds(progress: StepProgress): number | null {
  const rate = stepsPerSecond(progress);
  return rate === null ? null : (progress.totalSteps - progress.step) / rate;
}

/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${two(s % 60)} s`;
  return `${s} s`;
}
