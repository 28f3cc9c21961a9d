// The studio's one zustand store, built from typed slices. Fed by worker events (worker-events.ts)
// and by the request commands (commands.ts); components read it through selectors. No tensors
// and no tfjs values here.
import { create } from 'zustand';
import type { StageId } from '../core/train/stages';
import type { CheckpointInfo, DeviceInfo, PreviewImage } from '../worker/protocol';
import { type CurvesState, initialCurves } from './curves';
import { type DatasetState, initialDataset } from './dataset';
import { initialLrFinder, type LrFinderState } from './lr-finder';
import { initialModel, type ModelState } from './model';
import { initialTraining, type StepProgress, type TrainingState } from './training';
import { initialTransfer, type TransferState } from './transfer';

export type DeviceStatus =
  | { phase: 'starting' }
  | { phase: 'ready'; device: DeviceInfo }
  | { phase: 'failed'; message: string };

export type WizardStep = 'data' | 'model' | 'stages' | 'train' | 'export';

/** The latest preview event: what T makes of a fixed set of validation images. */
export interface Previews {
  stage: StageId;
  step: number;
  images: PreviewImage[];
}

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
  previews: Previews | null;
  activity: Activity | null;
  transfer: TransferState;
}

export interface StudioActions {
  deviceReady: (device: DeviceInfo, checkpoint?: CheckpointInfo | null) => void;
  deviceFailed: (message: string) => void;
  goTo: (step: WizardStep) => void;
  /** Shallow-merges `change` into one slice (form edits, command bookkeeping). */
  patch: <K extends SliceKey>(key: K, change: Partial<StudioData[K]>) => void;
}

export type SliceKey = 'dataset' | 'model' | 'training' | 'lrFinder' | 'transfer';
export type StudioState = StudioData & StudioActions;

export const initialData = (): StudioData => ({
  progress: null,
  device: { phase: 'starting' },
  step: 'data',
  dataset: initialDataset(),
  model: initialModel(),
  training: initialTraining(),
  lrFinder: initialLrFinder(),
  curves: initialCurves(),
  previews: null,
  activity: null,
  transfer: initialTransfer(),
});

export const useStudio = create<StudioState>()((set) => ({
  ...initialData(),
  deviceReady: (device, checkpoint = null) =>
    set((s) => ({
      device: { phase: 'ready', device },
      training: { ...s.training, resumable: checkpoint, checkpoint },
    })),
  deviceFailed: (message) => set({ device: { phase: 'failed', message } }),
  goTo: (step) => set({ step }),
  patch: (key, change) => set((s) => ({ [key]: { ...s[key], ...change } }) as Partial<StudioData>),
}));

/** Back to a fresh studio (tests). */
export function resetStudio(): void {
  useStudio.setState(initialData());
}

export const selectDevice = (state: StudioState) => state.device;
