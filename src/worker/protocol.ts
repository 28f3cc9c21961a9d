// The page ↔ worker protocol: types only, so both sides share one definition and the page never
// imports tfjs values through it. Requests carry an id; events answering a request repeat it.
import type { BackendName } from '../core/backend/select';
import type { ExperimentConfig } from '../core/experiment/config';
import type { StageRunReport } from '../core/experiment/experiment';
import type { PreviewPixels } from '../core/experiment/preview';
import type { StageSettings } from '../core/experiment/stage-settings';
import type { BackboneKind, ColorizerKind } from '../core/model/kinds';
import type { StageResult } from '../core/train/loop';
import type { LrFinderStopReason } from '../core/train/lr-finder';
import type { LrSuggestions } from '../core/train/lr-suggestions';
import type { StageId } from '../core/train/stages';
import type { ExportScope } from '../core/weights/model-card';
import type { CheckpointInfo } from '../platform/checkpoint-store';
import type { ExperimentState, PlannedRun } from '../platform/experiment-store';
import type { RunHistoryEntry } from '../platform/run-history';

// The core's and the platform's own types, so the page takes them from the protocol alone.
export type { SuggestionRule } from '../core/train/lr-suggestions';
export type {
  CheckpointInfo,
  ExperimentConfig,
  ExperimentState,
  ExportScope,
  LrSuggestions,
  PlannedRun,
  RunHistoryEntry,
  StageRunReport,
};

/** What the worker reports about the device it computes on. */
export interface DeviceInfo {
  backend: BackendName;
  /** Human-readable adapter: "google swiftshader", "nvidia ampere", "CPU (no GPU acceleration)". */
  adapter: string;
  /** Why a preferred backend was skipped, for the page to explain a fallback. */
  fallbackReasons: string[];
}

/** The built-in demo data: seeded phantom chest radiographs (CheXpert-like site). */
export interface DemoDataRequest {
  patients: number;
  /** Rendered image width in pixels (a little above the training input size). */
  imageSize: number;
  seed: number;
}

/** Which dataset to train on, by reference: a dropped folder by its key (the worker reads its
 *  index from IndexedDB) and the seed of its patient split (DEFAULT_SPLIT's when absent), or the
 *  seeded phantom by its settings. Never the index itself. */
export type DatasetRef =
  | { kind: 'demo'; demo: DemoDataRequest }
  | { kind: 'cached'; datasetKey: string; splitSeed?: number };

/** Per-split, per-label counts for the dataset summary chart. */
export interface DatasetSummary {
  name: string;
  labels: string[];
  splits: {
    split: 'train' | 'valid' | 'test';
    images: number;
    patients: number;
    /** Usable (unmasked) targets per label. */
    positives: number[];
    negatives: number[];
  }[];
  /** Labels with one class only on a scored side ("Consolidation has no positive in valid: its
   *  AUC is undefined there."), said before training. */
  warnings: string[];
}

export interface ModelSpec {
  colorizer: ColorizerKind;
  backbone: BackboneKind;
  /** 1 = the paper's backbones; below 1 shrinks every width (small devices, tests). */
  widthMultiplier: number;
  /** Square input size S fed to T. */
  inputSize: number;
  seed: number;
}

/** A built network as the page shows it: parameter counts per part and E's provenance. */
export interface ModelDescription {
  parameters: { colorizer: number; backbone: number; classifier: number };
  /** Human description of E's weights, e.g. "ImageNet (squeezenet1_1.safetensors)". */
  pretrained: string;
  isPretrained: boolean;
}

/** Where E's starting weights come from. 'random' is flagged "not pretrained" everywhere. */
export type PretrainedSource =
  | { kind: 'random' }
  | { kind: 'file'; fileName: string; bytes: ArrayBuffer }
  | { kind: 'download' };

/** A stage as the page starts it: the core's settings (the schedule variant on its default;
 *  augmentation on unless `augment` is false). */
export type StageRunSpec = Omit<StageSettings, 'variant'>;

export type WorkerRequest = { id: number } & (
  | { kind: 'init'; preferred?: BackendName[] }
  | { kind: 'loadDataset'; dataset: DatasetRef }
  | { kind: 'buildModel'; model: ModelSpec; pretrained: PretrainedSource }
  | { kind: 'runStage'; run: StageRunSpec }
  /** The LR finder (SPEC §4) on `run`'s stage and feed; the network's weights are put back after. */
  | { kind: 'findLr'; run: StageRunSpec; numIt: number }
  /** Continues the stage saved in the last checkpoint (after a reload), at the same step. */
  | { kind: 'resumeStage' }
  /** Answered between steps, outside the training queue. */
  | { kind: 'control'; action: 'pause' | 'resume' | 'stop' }
  | { kind: 'exportWeights'; scope: ExportScope }
  /** Queues `config`'s runs and runs them one after another; answered by 'experimentFinished'
   *  when the queue is empty or stopped. */
  | { kind: 'startExperiment'; config: ExperimentConfig; datasetKey?: string }
  /** Continues the saved experiment (after a reload or a stop) where it stopped. */
  | { kind: 'resumeExperiment' }
  /** Skips the running run, or moves a pending one to another place in the queue. */
  | { kind: 'experimentQueue'; action: 'skip' }
  | { kind: 'experimentQueue'; action: 'move'; runIndex: number; to: number }
  /** The runs history, newest last; answered by 'runs'. */
  | { kind: 'listRuns' }
  /** Forgets these history entries; answered by 'runs' with what is left. */
  | { kind: 'deleteRuns'; ids: string[] }
  | { kind: 'importWeights'; fileName: string; bytes: ArrayBuffer }
);

/** T's view of one validation image, as RGBA bytes for ImageData (core/experiment/preview.ts). */
export type PreviewImage = PreviewPixels;

export type RunState = 'idle' | 'running' | 'paused' | 'stopping';

/** Which experiment run a stage's events belong to (absent for a single stage run by hand). */
export interface RunTag {
  experimentId: string;
  /** The run's index in the experiment's plan (stable under reordering). */
  runIndex: number;
  /** The stage's position in the run's chain. */
  stageIndex: number;
}

/** One optimizer step as the page charts it. Every event's `step` counts optimizer steps done
 *  (1 after the first, totalSteps after the last), as the core's StageEvent does. */
export interface StepReport {
  stage: StageId;
  step: number;
  totalSteps: number;
  /** Images per optimizer step: batch size × accumulation. */
  imagesPerStep: number;
  loss: number;
  lr: number;
  momentum: number;
}

/** How a stage ended: the core's result, with its stage and wall time. */
export interface FinishedStage extends StageResult {
  stage: StageId;
  seconds: number;
  /** Set when the outcome is 'diverged': what happened and what to try. */
  message?: string;
}

export type WorkerEvent =
  | {
      kind: 'ready';
      id: number;
      device: DeviceInfo;
      checkpoint: CheckpointInfo | null;
      /** The last experiment saved before a reload (finished or not). */
      experiment: ExperimentState | null;
    }
  /** The experiment's queue changed (a run started, ended, was skipped or moved). */
  | { kind: 'experiment'; state: ExperimentState }
  | {
      kind: 'experimentFinished';
      id: number;
      experimentId: string;
      /** 'stopped': Stop was pressed; the queue can be resumed. */
      outcome: 'completed' | 'stopped';
    }
  | { kind: 'error'; id: number | null; message: string }
  /** Long work (data generation, downloads, checkpoints, the LR finder): for progress bars. */
  | { kind: 'progress'; id: number; task: string; done: number; total: number }
  /** `dataset`: what was loaded (an experiment on it names it the same way). */
  | { kind: 'datasetReady'; id: number; summary: DatasetSummary; dataset: DatasetRef }
  | ({ kind: 'modelReady'; id: number } & ModelDescription)
  | { kind: 'runState'; state: RunState }
  /** A reload resumed a stage: the dataset, model and settings the worker rebuilt from the
   *  checkpoint, so the page shows what is training. */
  | ({
      kind: 'resumed';
      summary: DatasetSummary;
      dataset: DatasetRef;
      model: ModelSpec;
      run: StageRunSpec;
    } & ModelDescription)
  | ({ kind: 'trainStep'; run?: RunTag } & StepReport)
  /** Posted every few seconds while the worker's event loop turns: the page's watchdog takes a
   *  long silence as a hang (request-client.ts). */
  | { kind: 'heartbeat' }
  /** A validation pass under way after `step`: images scored so far, of `total`. */
  | {
      kind: 'validating';
      stage: StageId;
      step: number;
      done: number;
      total: number;
      run?: RunTag;
    }
  | {
      kind: 'validation';
      stage: StageId;
      step: number;
      meanAuc: number;
      perLabel: number[];
      labels: string[];
      run?: RunTag;
    }
  | { kind: 'preview'; stage: StageId; step: number; images: PreviewImage[]; run?: RunTag }
  | { kind: 'checkpointSaved'; checkpoint: CheckpointInfo }
  | ({ kind: 'stageFinished'; id: number } & FinishedStage)
  | {
      kind: 'lrFound';
      id: number;
      lrs: number[];
      /** The smoothed losses, one per lr. */
      losses: number[];
      stopReason: LrFinderStopReason;
      /** null where the recorded curve was too short for that rule. */
      suggestions: LrSuggestions;
    }
  | {
      kind: 'exported';
      id: number;
      fileName: string;
      /** Both files zipped, or just the .safetensors; the card's JSON text separately. */
      bytes: ArrayBuffer;
      card: string;
    }
  | { kind: 'runs'; id: number; entries: RunHistoryEntry[] }
  /** A stage of an experiment run ended and its history entry is stored. */
  | { kind: 'runSaved'; entry: RunHistoryEntry }
  | {
      kind: 'imported';
      id: number;
      summary: string;
      /** T and E both came from the file: the transfer stages (Last Layer, Transfer All) may run. */
      transferReady: boolean;
    };
