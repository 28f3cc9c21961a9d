// The store's actions: one named verb per thing the UI changes (a form field, a choice), so no
// component merges raw changes into a slice. The requests' own bookkeeping (busy flags, results,
// errors) goes through patch.ts, which is not an action and so not reachable from components.
import type { StoreApi } from 'zustand';
import type { DatasetFormat } from '../core/data/detect';
import type { StageId } from '../core/train/stages';
import type {
  CheckpointInfo,
  DemoDataRequest,
  DeviceInfo,
  ExperimentState,
  ExportScope,
  ModelSpec,
} from '../worker/protocol';
import type { PretrainedChoice } from './model';
import { selectSnapshot } from './previews';
import { QUICK_START } from './quick-start';
import type { StudioState, WizardStep } from './store';
import type { TrainSettings } from './training';

export interface StudioActions {
  /** The worker started: its device, a checkpoint and an unfinished experiment to resume. */
  deviceReady: (
    device: DeviceInfo,
    checkpoint?: CheckpointInfo | null,
    experiment?: ExperimentState | null,
  ) => void;
  deviceFailed: (message: string) => void;
  /** The training worker crashed or hung and a new one was started (request-client.ts): it holds
   *  no data and no model, so neither does the page; the last checkpoint can be resumed. */
  workerLost: (reason: string) => void;
  dismissWorkerError: () => void;
  dismissNotice: (id: number) => void;
  goTo: (step: WizardStep) => void;
  setDemo: (change: Partial<DemoDataRequest>) => void;
  /** Every form set to the quick start (quick-start.ts): data, model, stage and settings. */
  applyQuickStart: () => void;
  /** The user's answer when the detected dataset format is wrong. */
  overrideFolderFormat: (format: DatasetFormat) => void;
  setModelSpec: (change: Partial<ModelSpec>) => void;
  setPretrainedChoice: (choice: PretrainedChoice) => void;
  setPretrainedFile: (file: File | null) => void;
  /** The stage that Start, the LR finder and the settings apply to. */
  chooseStage: (stage: StageId) => void;
  setTrainSetting: <K extends keyof TrainSettings>(key: K, value: TrainSettings[K]) => void;
  setLrNumIt: (numIt: number) => void;
  setExportScope: (scope: ExportScope) => void;
  /** The experiment the Results view shows (null: the newest). */
  chooseExperiment: (experimentId: string | null) => void;
  /** The preview slider: show snapshot `index` (oldest 0); the last one follows new validations. */
  selectPreviewSnapshot: (index: number) => void;
}

type SetState = StoreApi<StudioState>['setState'];

const unfinished = (experiment: ExperimentState) =>
  experiment.runs.some((r) => r.status === 'pending' || r.status === 'running');

export const createActions = (set: SetState): StudioActions => ({
  deviceReady: (device, checkpoint = null, experiment = null) =>
    set((s) => ({
      device: { phase: 'ready', device },
      // An unfinished experiment's checkpoint is resumed with its queue (Compare), not as a stage.
      training: {
        ...s.training,
        resumable: experiment && unfinished(experiment) ? null : checkpoint,
        checkpoint,
      },
      experiment: { ...s.experiment, current: experiment },
    })),
  deviceFailed: (message) => set({ device: { phase: 'failed', message } }),
  dismissWorkerError: () => set((s) => ({ training: { ...s.training, workerError: null } })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  workerLost: (reason) =>
    set((s) => ({
      device: { phase: 'starting' },
      dataset: { ...s.dataset, summary: null, loaded: null, busy: false },
      model: { ...s.model, built: null, busy: false },
      training: {
        ...s.training,
        busy: false,
        runState: 'idle',
        workerError:
          `${reason}. A new worker was started: resume the stage from its last checkpoint ` +
          '(offered below once it is ready), or load the data and build the model again. ' +
          'The runs history is kept.',
      },
      experiment: { ...s.experiment, busy: false },
      progress: null,
    })),
  // Moving on means the successes were seen; failures stay until dismissed.
  goTo: (step) => set((s) => ({ step, notices: s.notices.filter((n) => n.kind === 'error') })),
  setDemo: (change) =>
    set(({ dataset }) => ({ dataset: { ...dataset, demo: { ...dataset.demo, ...change } } })),
  applyQuickStart: () =>
    set(({ dataset, model, training }) => ({
      dataset: { ...dataset, demo: { ...QUICK_START.demo } },
      model: {
        ...model,
        spec: { ...QUICK_START.spec },
        pretrained: 'random',
        pretrainedFile: null,
      },
      training: {
        ...training,
        selectedStage: QUICK_START.stage,
        settings: { ...QUICK_START.settings },
      },
    })),
  overrideFolderFormat: (format) =>
    set((s) => {
      const { dataset } = s;
      // No folder scanned: the same state back, so the store notifies nobody.
      return dataset.folder === null
        ? s
        : { dataset: { ...dataset, folder: { ...dataset.folder, format } } };
    }),
  setModelSpec: (change) =>
    set(({ model }) => ({ model: { ...model, spec: { ...model.spec, ...change } } })),
  setPretrainedChoice: (pretrained) => set(({ model }) => ({ model: { ...model, pretrained } })),
  setPretrainedFile: (pretrainedFile) =>
    set(({ model }) => ({ model: { ...model, pretrainedFile } })),
  chooseStage: (selectedStage) =>
    set(({ training }) => ({ training: { ...training, selectedStage } })),
  setTrainSetting: (key, value) =>
    set(({ training }) => ({
      training: { ...training, settings: { ...training.settings, [key]: value } },
    })),
  setLrNumIt: (numIt) => set(({ lrFinder }) => ({ lrFinder: { ...lrFinder, numIt } })),
  setExportScope: (scope) => set(({ transfer }) => ({ transfer: { ...transfer, scope } })),
  chooseExperiment: (chosenExperiment) =>
    set(({ history }) => ({ history: { ...history, chosenExperiment } })),
  selectPreviewSnapshot: (index) =>
    set((s) => {
      const previews = selectSnapshot(s.previews, index);
      return previews === s.previews ? s : { previews };
    }),
});
