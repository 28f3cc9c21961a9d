// The hooks of one stage of an experiment run: its events posted tagged with the run, its curves
// and preview snapshots logged for the runs history, its checkpoints stored with the run's tag.
import { disposeBatches, evaluationBatches } from '../core/data/memory-feed';
import type { LabelledImages } from '../core/experiment/labelled-images';
import type { PreviewPixels } from '../core/experiment/preview';
import type { StageHooks } from '../core/experiment/stage-session';
import type { StageSettings } from '../core/experiment/stage-settings';
import type { Network } from '../core/model';
import type { RunTag } from './protocol';
import type { RunControl } from './run-control';
import type { SessionDeps } from './session';
import { postPreview, saveStageCheckpoint, stageEventMessage } from './stage-events';

/** Validation images shown in the live preview, as in a stage run by hand. */
const PREVIEW_IMAGES = 4;
/** Preview snapshots a history entry keeps: past it, every other one is dropped (the newest kept),
 *  so the snapshots still span the whole stage. */
const MAX_SNAPSHOTS = 20;

/** What one stage recorded for its history entry, and the preview batch it owns. */
export class StageLog {
  readonly loss: { step: number; loss: number; lr: number }[] = [];
  readonly validations: { step: number; meanAuc: number; perLabel: number[] }[] = [];
  previews: { step: number; images: PreviewPixels[] }[] = [];

  constructor(readonly previewBatches: ReturnType<typeof evaluationBatches>) {}

  curves() {
    return { loss: this.loss, validations: this.validations };
  }

  addPreview(step: number, images: PreviewPixels[]): void {
    this.previews.push({ step, images });
    if (this.previews.length > MAX_SNAPSHOTS) {
      this.previews = this.previews.filter((_, i) => i % 2 === 1 || i === this.previews.length - 1);
    }
  }

  dispose(): void {
    disposeBatches(this.previewBatches);
  }
}

export interface StageContext {
  tag: RunTag;
  settings: StageSettings;
  network: Network;
  images: LabelledImages;
  inputSize: number;
  /** The checkpoint context that lets a reload find this run and stage. */
  context: unknown;
  /** Each stage's log goes to logs[stageIndex]; the caller disposes them. */
  logs: StageLog[];
}

export function stageHooks(
  deps: SessionDeps,
  control: RunControl,
  stage: StageContext,
): StageHooks {
  const { tag, settings, network, images } = stage;
  const label = {
    stage: settings.stage,
    iterations: settings.iterations,
    imagesPerStep: settings.batchSize * settings.accumulation,
    labels: images.labels,
    run: tag,
  };
  const previewItems = images.splits.valid.slice(0, PREVIEW_IMAGES);
  const log = new StageLog(evaluationBatches(previewItems, stage.inputSize, PREVIEW_IMAGES));
  stage.logs[tag.stageIndex] = log;
  return {
    shouldStop: control.shouldStop,
    waitWhilePaused: control.waitWhilePaused,
    onEvent: (event) => {
      if (event.kind === 'diverged') return;
      if (event.kind === 'step')
        log.loss.push({ step: event.step, loss: event.loss, lr: event.lr });
      if (event.kind === 'validation') {
        const { step, meanAuc, perLabel } = event;
        log.validations.push({ step, meanAuc, perLabel });
      }
      deps.post(stageEventMessage(event, label));
    },
    afterValidation: async (step) => {
      const x = log.previewBatches[0]?.x;
      if (x) log.addPreview(step, await postPreview(deps.post, network.colorizer, x, label, step));
    },
    onCheckpoint: (checkpoint) =>
      saveStageCheckpoint(deps.checkpoints, deps.post, checkpoint, stage.context, label),
  };
}
