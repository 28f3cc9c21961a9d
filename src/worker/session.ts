// The worker's training session: the dataset and network it holds, the stage it runs (with
// checkpoints to IndexedDB, previews and live events), the LR finder, exports and imports. All
// tensors live here.
import { disposeBatches, evaluationBatches } from '../core/data/memory-feed';
import { colorizationPreview } from '../core/experiment/preview';
import { findStageLr, runStageSession } from '../core/experiment/stage-session';
import {
  decodeCheckpoint,
  disposeCheckpoint,
  encodeCheckpointAsync,
  type StageCheckpoint,
} from '../core/train/checkpoint';
import type { StageEvent } from '../core/train/loop';
import { type StageId, stageProblems } from '../core/train/stages';
import { exportModule } from '../core/weights/export';
import type { PretrainedStatus } from '../core/weights/imagenet';
import { importModuleFile } from '../core/weights/import-module';
import { clearCheckpoint, loadCheckpointBytes, saveCheckpoint } from '../platform/checkpoint-store';
import type { ExportScope, ModelSpec, StageRunSpec, WorkerEvent } from './protocol';
import { RunControl } from './run-control';
import { modelCardInput, type StageHistoryEntry } from './session-card';
import { type DataSource, loadDataset, type WorkerDataset } from './session-data';
import { type BuiltModel, buildModel, describeModel } from './session-model';

type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;
type LrFound = Omit<Extract<WorkerEvent, { kind: 'lrFound' }>, 'kind' | 'id'>;

/** What a checkpoint needs besides tensors to rebuild the session after a reload. */
interface CheckpointContext {
  model: ModelSpec;
  run: StageRunSpec;
  data: DataSource;
  previousStage: StageId | null;
  imported: boolean;
  /** E's provenance when the stage began (the weights themselves are in the checkpoint). */
  pretrained: PretrainedStatus;
}

/** Validation images shown in the live colorization preview. */
const PREVIEW_IMAGES = 4;

export class TrainerSession {
  dataset: WorkerDataset | null = null;
  model: BuiltModel | null = null;
  readonly control = new RunControl();
  private previousStage: StageId | null = null;
  private imported = false;
  private history: StageHistoryEntry[] = [];
  private running = false;

  constructor(private readonly post: Post) {}

  async loadData(source: DataSource): Promise<WorkerDataset> {
    this.dataset = await loadDataset(source);
    return this.dataset;
  }

  async build(spec: ModelSpec, source: Parameters<typeof buildModel>[1], id: number) {
    const dataset = this.requireDataset();
    const progress = (task: string, done: number, total: number) =>
      this.post({ kind: 'progress', id, task, done, total });
    const built = await buildModel(spec, source, dataset.labels.length, progress);
    this.model?.network.dispose();
    this.model = built;
    this.previousStage = null;
    this.imported = false;
    this.history = [];
    await clearCheckpoint();
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
        const { lrs, smoothedLosses: losses, stopReason, suggestions: s } = found;
        const suggestions = { steep: s.steep, minimumDiv10: s.minimumDiv10, valley: s.valley };
        return { lrs, losses, stopReason, suggestions };
      } finally {
        this.post({ kind: 'runState', state: 'idle' }); // a Stop reported 'stopping'
      }
    });
  }

  /** One stage or LR sweep at a time: both train the one network. */
  private async exclusively<T>(work: () => Promise<T>): Promise<T> {
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
      model: spec,
      run,
      data: dataset.source,
      previousStage: this.previousStage,
      imported: this.imported,
      pretrained: this.requireModel().pretrained,
    };
    const preview = evaluationBatches(
      dataset.valid.slice(0, PREVIEW_IMAGES),
      spec.inputSize,
      PREVIEW_IMAGES,
    );
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
            else this.postStageEvent(run, event, dataset.labels);
          },
          afterValidation: async (step) => {
            const x = preview[0]?.x;
            if (!x) return;
            const images = await colorizationPreview(network.colorizer, x);
            const buffers = images.flatMap((i) => [i.gray.buffer, i.color.buffer]);
            this.post({ kind: 'preview', stage: run.stage, step, images }, buffers);
          },
          onCheckpoint: async (checkpoint) => {
            const info = {
              stage: run.stage,
              step: checkpoint.progress.step,
              totalSteps: run.iterations,
              savedAt: new Date().toISOString(),
            };
            await saveCheckpoint(await encodeCheckpointAsync(checkpoint, context), info);
            this.post({ kind: 'checkpointSaved', checkpoint: info });
          },
        },
      });
      if (result.outcome === 'completed') await clearCheckpoint();
      if (result.stepsRun > 0) this.previousStage = run.stage;
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
    const bytes = await loadCheckpointBytes();
    if (!bytes) throw new Error('There is no checkpoint to resume from.');
    const { checkpoint, context } = decodeCheckpoint(bytes, 'the saved checkpoint');
    const saved = context as CheckpointContext;
    try {
      if (JSON.stringify(this.dataset?.source) !== JSON.stringify(saved.data))
        await this.loadData(saved.data);
      this.model?.network.dispose();
      const rebuilt = await buildModel(
        saved.model,
        { kind: 'random' },
        this.requireDataset().labels.length,
        () => {},
      );
      // E's weights come from the checkpoint; its provenance from when the stage began.
      this.model = { ...rebuilt, pretrained: saved.pretrained };
      this.previousStage = saved.previousStage;
      this.imported = saved.imported;
      const summary = this.requireDataset().summary;
      this.post({
        kind: 'resumed',
        summary,
        model: saved.model,
        run: saved.run,
        ...describeModel(this.model),
      });
    } catch (error) {
      disposeCheckpoint(checkpoint);
      throw error;
    }
    await this.runStage(id, saved.run, checkpoint);
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

  private postStageEvent(
    run: StageRunSpec,
    event: Exclude<StageEvent, { kind: 'diverged' }>,
    labels: string[],
  ): void {
    if (event.kind === 'step') {
      this.post({
        kind: 'trainStep',
        stage: run.stage,
        totalSteps: run.iterations,
        step: event.step + 1, // the loop counts from 0; the page shows steps done
        loss: event.loss,
        lr: event.lr,
        momentum: event.momentum,
      });
    } else {
      this.post({
        kind: 'validation',
        stage: run.stage,
        step: event.step,
        meanAuc: event.meanAuc,
        perLabel: event.perLabel,
        labels,
      });
    }
  }

  private requireDataset(): WorkerDataset {
    if (!this.dataset) throw new Error('Load a dataset first (the demo data or a dropped folder).');
    return this.dataset;
  }

  private requireModel(): BuiltModel {
    if (!this.model) throw new Error('Build the model first.');
    return this.model;
  }
}
