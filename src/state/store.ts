// The studio's one zustand store, built from typed slices. Fed by worker events (worker-events.ts)
// and by the request commands (commands.ts); components read it through field selectors and
// change it through its named actions (actions.ts). No tensors and no tfjs values here.
import { create } from 'zustand';
import type { DeviceInfo } from '../worker/protocol';
import { createActions, type StudioActions } from './actions';
import { type CurvesState, initialCurves } from './curves';
import { type DatasetState, initialDataset } from './dataset';
import { type ExperimentSlice, initialExperiment } from './experiment';
import { type HistoryState, initialHistory } from './history';
import { initialLrFinder, type LrFinderState } from './lr-finder';
import { initialModel, type ModelState } from './model';
import type { Notice } from './notices';
import { initialPreviews, type PreviewHistory } from './previews';
import { initialTraining, type StepProgress, type TrainingState } from './training';
import { initialTransfer, type TransferState } from './transfer';

export type DeviceStatus =
  | { phase: 'starting' }
  | { phase: 'ready'; device: DeviceInfo }
  | { phase: 'failed'; message: string };

export type WizardStep = 'data' | 'model' | 'stages' | 'train' | 'export' | 'compare' | 'results';

/** Long work the worker reports (data generation, downloads): for progress bars. */
export interface Activity {
  task: string;
  done: number;
  total: number;
}

/** Everything but the actions: what the reducers read and write. */
export interface StudioData {
  /** The running stage's last committed step. Its own slice, out of `training`: it changes with
   *  every commit of steps (a few times a second), so only what draws it re-renders. */
  progress: StepProgress | null;
  device: DeviceStatus;
  step: WizardStep;
  dataset: DatasetState;
  model: ModelState;
  training: TrainingState;
  lrFinder: LrFinderState;
  curves: CurvesState;
  /** What T made of the preview images at each validation of the stage run (bounded). */
  previews: PreviewHistory;
  activity: Activity | null;
  transfer: TransferState;
  /** The runs history and the Results view's choice of experiment. */
  history: HistoryState;
  /** The experiment queue the worker runs (Compare step). */
  experiment: ExperimentSlice;
  /** Finished work and unseen failures, newest last (notices.ts adds them). */
  notices: Notice[];
}

export type StudioState = StudioData & StudioActions;
/** The slices that hold several fields (forms, request state). */
export type SliceKey =
  | 'dataset'
  | 'model'
  | 'training'
  | 'lrFinder'
  | 'transfer'
  | 'history'
  | 'experiment';

export const initialData = (): StudioData => ({
  progress: null,
  device: { phase: 'starting' },
  step: 'data',
  dataset: initialDataset(),
  model: initialModel(),
  training: initialTraining(),
  lrFinder: initialLrFinder(),
  curves: initialCurves(),
  previews: initialPreviews(),
  activity: null,
  transfer: initialTransfer(),
  history: initialHistory(),
  experiment: initialExperiment(),
  notices: [],
});

export const useStudio = create<StudioState>()((set) => ({
  ...initialData(),
  ...createActions(set),
}));

/** Back to a fresh studio (tests). */
export function resetStudio(): void {
  useStudio.setState(initialData());
}

export const selectDevice = (state: StudioState) => state.device;
