// The worker's training session: the dataset and network it holds, the stage it runs (with
// checkpoints, previews and live events), the LR finder, exports and imports. All tensors live
// here. Storage and downloads come in through `SessionDeps` (IndexedDB and fetch in the browser,
// fakes in Node tests).
import { disposeBatches, evaluationBatches } from '../core/data/memory-feed';
import { findStageLr, runStageSession } from '../core/experiment/stage-session';
import {
  decodeCheckpoint,
  disposeCheckpoint,
  type StageCheckpoint,
} from '../core/train/checkpoint';
import { previousStageAfter, type StageId, stageProblems } from '../core/train/stages';
import { exportModule } from '../core/weights/export';
import { importModuleFile } from '../core/weights/import-module';
import { fallbackMessage, type LoadedCheckpoint } from '../platform/checkpoint-slots';
import {
  type CheckpointContext,
  CONTEXT_VERSION,
  parseCheckpointContext,
} from './checkpoint-context';
import type {
  CheckpointInfo,
  DatasetRef,
  ExportScope,
  ModelSpec,
  PretrainedSource,
  RunHistoryEntry,
  StageRunSpec,
  WorkerEvent,
} from './protocol';
import { RunControl } from './run-control';
import { modelCardInput, type StageHistoryEntry } from './session-card';
import {
  type DatasetStore,
  datasetRefKey,
  loadDataset,
  type SplitRecord,
  type WorkerDataset,
} from './session-data';
import { buildModel, describeModel, type SessionModel, type WeightsSource } from './session-model';
import { type Post, postPreview, saveStageCheckpoint, stageEventMessage } from './stage-events';

type LrFound = Omit<Extract<WorkerEvent, { kind: 'lrFound' }>, 'kind' | 'id'>;

/** The checkpoint (IndexedDB in the browser): bytes and summary saved together, the one before
 *  kept; `load` checks the current one and falls back to that when it is damaged. */
export interface CheckpointStore {
  save(bytes: Uint8Array, info: CheckpointInfo): Promise<void>;
  loadInfo(): Promise<CheckpointInfo | undefined>;
  load(): Promise<LoadedCheckpoint | undefined>;
  clear(): Promise<void>;
}

/** The runs history (IndexedDB in the browser). */
export interface RunHistoryStore {
  save(entry: RunHistoryEntry): Promise<void>;
  list(): Promise<RunHistoryEntry[]>;
  delete(ids: readonly string[]): Promise<void>;
}

/** What the session reaches outside itself. */
export interface SessionDeps {
  post: Post;
  checkpoints: CheckpointStore;
  history: RunHistoryStore;
  datasets: DatasetStore;
  weights: WeightsSource;
}

/** Validation images shown in the live colorization preview. */
const PREVIEW_IMAGES = 4;

export class TrainerSession {
  dataset: WorkerDataset | null = null;
  model: SessionModel | null = null;
  readonly control = new RunControl();
  private previousStage: StageId | null = null;
  private imported = false;
  private history: StageHistoryEntry[] = [];
  private running = false;

  private readonly post: Post;

  constructor(private readonly deps: SessionDeps) {
    this.post = deps.post;
  }

  async loadData(ref: DatasetRef): Promise<WorkerDataset> {
    this.dataset = await loadDataset(ref, this.deps.datasets);
    return this.dataset;
  }

  async build(spec: ModelSpec, source: PretrainedSource, id: number): Promise<SessionModel> {
    const dataset = this.requireDataset();
    const progress = (task: string, done: number, total: number) =>
      this.post({ kind: 'progress', id, task, done, total });
    const labels = dataset.labels.length;
    // The old network goes first: its memory is free for the new one, and a failed build leaves
    // no model rather than one the page no longer describes.
    this.model?.network.dispose();
    this.model = null;
    const built = await buildModel(spec, source, labels, this.deps.weights, progress);
    this.model = built;
    this.previousStage = null;
    this.imported = false;
    this.history = [];
    await this.deps.checkpoints.clear();
    return built;
  }

  runStage(id: number, run: StageRunSpec, resumeFrom?: StageCheckpoint): Promise<void> {
    return this.exclusively(() => this.runStageNow(id, run, resumeFrom));
  }

  /** The LR finder on `run`'s stage as it would start now (SPEC §4); Stop ends it early. The
   *  weights are put back afterwards; C is the stage's new one, as its own start redraws it. */
  findLr(id: number, run: StageRunSpec, numIt: number): Promise<LrFound> {
    return this.exclusively(async () => {
      const dataset = this.requireDataset();
      const { network, spec } = this.requireModel();
      this.checkStage(run);
      this.control.reset();
      const task = 'Finding the learning rate';
      this.post({ kind: 'progress', id, task, done: 0, total: numIt });
      try {
        const found = await findStageLr({
          network,
          settings: run,
          train: dataset.train,
          inputSize: spec.inputSize,
          numIt,
          onPoint: (p) =>
            this.post({ kind: 'progress', id, task, done: p.iteration + 1, total: numIt }),
          shouldAbort: this.control.shouldStop,
        });
        const { lrs, smoothedLosses: losses, stopReason, suggestions } = found;
        return { lrs, losses, stopReason, suggestions };
      } finally {
        this.post({ kind: 'runState', state: 'idle' }); // a Stop reported 'stopping'
      }
    });
  }

  /** One stage or LR sweep at a time: both train the one network. */
  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    if (this.running) throw new Error('A stage or the LR finder is running: stop it first.');
    this.running = true;
    try {
      return await work();
    } finally {
      this.running = false;
    }
  }

  /** Throws the stage table's reasons why `run.stage` cannot start on this network. */
  private checkStage(run: StageRunSpec): void {
    const problems = stageProblems(run.stage, {
      colorizer: this.requireModel().spec.colorizer,
      previousStage: this.previousStage,
      hasImportedWeights: this.imported,
    });
    if (problems.length > 0) throw new Error(problems.join(' '));
  }

  private async runStageNow(id: number, run: StageRunSpec, resumeFrom?: StageCheckpoint) {
    const dataset = this.requireDataset();
    const { network, spec } = this.requireModel();
    if (!resumeFrom) this.checkStage(run);
    const context: CheckpointContext = {
      version: CONTEXT_VERSION,
      model: spec,
      run,
      data: dataset.ref,
      split: dataset.split,
      previousStage: this.previousStage,
      imported: this.imported,
      pretrained: this.requireModel().pretrained,
    };
    const preview = evaluationBatches(
      dataset.valid.slice(0, PREVIEW_IMAGES),
      spec.inputSize,
      PREVIEW_IMAGES,
    );
    const label = {
      stage: run.stage,
      iterations: run.iterations,
      imagesPerStep: run.batchSize * run.accumulation,
      labels: dataset.labels,
    };
    this.control.reset();
    this.post({ kind: 'runState', state: 'running' });
    let diverged: string | undefined;
    try {
      const result = await runStageSession({
        network,
        settings: { ...run, stage: run.stage },
        train: dataset.train,
        valid: dataset.valid,
        inputSize: spec.inputSize,
        resumeFrom,
        hooks: {
          shouldStop: this.control.shouldStop,
          waitWhilePaused: this.control.waitWhilePaused,
          onEvent: (event) => {
            if (event.kind === 'diverged') diverged = event.message;
            else this.post(stageEventMessage(event, label));
          },
          afterValidation: async (step) => {
            const x = preview[0]?.x;
            if (x) await postPreview(this.post, network.colorizer, x, label, step);
          },
          onCheckpoint: (checkpoint) =>
            saveStageCheckpoint(this.deps.checkpoints, this.post, checkpoint, context, label),
        },
      });
      if (result.outcome === 'completed') await this.deps.checkpoints.clear();
      this.previousStage = previousStageAfter(run.stage, result.stepsRun, this.previousStage);
      this.history.push({
        stage: run.stage,
        steps: result.stepsRun,
        bestMeanAuc: result.bestMeanAuc,
      });
      this.post({
        kind: 'stageFinished',
        id,
        stage: run.stage,
        ...result,
        ...(diverged ? { message: diverged } : {}),
      });
    } finally {
      disposeBatches(preview);
      this.post({ kind: 'runState', state: 'idle' });
    }
  }

  /** After a reload: the dataset and network rebuilt from the checkpoint, then the stage goes on. */
  async resume(id: number): Promise<void> {
    const loaded = await this.deps.checkpoints.load();
    if (!loaded) throw new Error('There is no checkpoint to resume from.');
    // A fallback is said on the page's worker banner; the stage goes on from the older one.
    if (loaded.damaged) this.post({ kind: 'error', id: null, message: fallbackMessage(loaded) });
    const { checkpoint, context } = decodeCheckpoint(loaded.bytes, 'the saved checkpoint');
    let run: StageRunSpec;
    try {
      const saved = parseCheckpointContext(context);
      if ('experiment' in saved) {
        throw new Error(
          'That checkpoint belongs to an experiment run: resume the experiment instead.',
        );
      }
      run = await this.restore(saved);
    } catch (error) {
      disposeCheckpoint(checkpoint);
      throw error;
    }
    await this.runStage(id, run, checkpoint); // the stage owns the checkpoint from here
  }

  /** Dataset (by reference, checked to split as before) and network as the checkpoint saw them;
   *  the page is told what is training. Returns the stage's settings. */
  private async restore(saved: CheckpointContext): Promise<StageRunSpec> {
    const current = this.dataset && datasetRefKey(this.dataset.ref);
    if (current !== datasetRefKey(saved.data)) await this.loadData(saved.data);
    const dataset = this.requireDataset();
    checkSameSplit(saved.split, dataset);
    this.model?.network.dispose();
    this.model = null;
    const labels = dataset.labels.length;
    const random = { kind: 'random' } as const;
    const rebuilt = await buildModel(saved.model, random, labels, this.deps.weights, () => {});
    // E's weights come from the checkpoint; its provenance from when the stage began.
    this.model = { ...rebuilt, pretrained: saved.pretrained };
    this.previousStage = saved.previousStage;
    this.imported = saved.imported;
    const { summary, ref } = dataset;
    const description = describeModel(this.model);
    const { model, run } = saved;
    this.post({ kind: 'resumed', summary, dataset: ref, model, run, ...description });
    return saved.run;
  }

  /** The export bundle (.safetensors + model card, zipped) of `scope`. */
  async exportWeights(scope: ExportScope) {
    const model = this.requireModel();
    const card = modelCardInput(this.requireDataset(), model, this.history);
    const exported = await exportModule(model.network, scope, card);
    return {
      fileName: exported.fileName.replace(/\.safetensors$/, '.zip'),
      bytes: exported.bundle(),
      card: JSON.stringify(exported.card, null, 2),
    };
  }

  /** Loads an export for the transfer stages; they may run once T and E both came from a file. */
  async importWeights(
    fileName: string,
    bytes: ArrayBuffer,
  ): Promise<{ summary: string; transferReady: boolean }> {
    const { network } = this.requireModel();
    const summary = await importModuleFile(network, new Uint8Array(bytes), fileName, {
      skipHead: true,
    });
    this.imported ||= summary.scope !== 'colorizer';
    const vectors = summary.testVectors
      ? `; ${summary.testVectors.count} test vectors reproduced to ${summary.testVectors.maxError.toExponential(1)}`
      : '';
    return {
      summary: `${fileName}: loaded ${summary.loaded.length} tensors (${summary.scope})${vectors}.`,
      transferReady: this.imported,
    };
  }

  private requireDataset(): WorkerDataset {
    if (!this.dataset) throw new Error('Load a dataset first (the demo data or a dropped folder).');
    return this.dataset;
  }

  private requireModel(): SessionModel {
    if (!this.model) throw new Error('Build the model first.');
    return this.model;
  }
}

/** Refuses to resume on data that split differently from when the checkpoint was saved (the
 *  dropped folder changed, or its labels were parsed with another format since). */
function checkSameSplit(saved: SplitRecord, dataset: WorkerDataset): void {
  const now = dataset.split;
  const changed = (['train', 'valid', 'test'] as const).filter(
    (side) => saved.images[side] !== now.images[side],
  );
  if (saved.seed === now.seed && changed.length === 0) return;
  const sides = changed.map((side) => `${side} ${saved.images[side]} → ${now.images[side]}`);
  throw new Error(
    `${dataset.summary.name} has changed since the checkpoint was saved (${sides.join(', ') || 'split seed'} images); the stage cannot resume on other data. Start it again.`,
  );
}
