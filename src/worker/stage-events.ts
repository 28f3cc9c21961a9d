// What a running stage tells the page, shared by a stage run by hand (session.ts) and the stages of
// an experiment's runs (experiment-session.ts): the loop's events as protocol events (tagged with
// the run they belong to, if any), the colorization preview, and the checkpoint save.

import { colorizationPreview, type PreviewPixels } from '../core/experiment/preview';
import type { Colorizer } from '../core/model';
import { encodeCheckpointAsync, type StageCheckpoint } from '../core/train/checkpoint';
import type { StageEvent } from '../core/train/loop';
import type { StageId } from '../core/train/stages';
import { isStorageFull } from '../platform/storage-full';
import type { CheckpointInfo, RunTag, WorkerEvent } from './protocol';

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** The stage a loop event belongs to, as the page labels it. */
export interface StageLabel {
  stage: StageId;
  iterations: number;
  /** Batch size × accumulation. */
  imagesPerStep: number;
  labels: string[];
  run?: RunTag;
}

/** The protocol event for a loop event ('diverged' is the caller's: it ends the stage). */
export function stageEventMessage(
  event: Exclude<StageEvent, { kind: 'diverged' }>,
  label: StageLabel,
): WorkerEvent {
  const { stage, run } = label;
  const tag = run ? { run } : {};
  if (event.kind === 'step') {
    const { step, loss, lr, momentum } = event;
    const { iterations: totalSteps, imagesPerStep } = label;
    return {
      kind: 'trainStep',
      stage,
      step,
      totalSteps,
      imagesPerStep,
      loss,
      lr,
      momentum,
      ...tag,
    };
  }
  if (event.kind === 'validating') {
    const { step, done, total } = event;
    return { kind: 'validating', stage, step, done, total, ...tag };
  }
  const { step, meanAuc, perLabel } = event;
  return { kind: 'validation', stage, step, meanAuc, perLabel, labels: label.labels, ...tag };
}

/** Posts what T makes of the preview images `x` ([P,S,S,1], the caller's) and returns them. */
export async function postPreview(
  post: Post,
  colorizer: Colorizer,
  x: Parameters<typeof colorizationPreview>[1],
  label: Pick<StageLabel, 'stage' | 'run'>,
  step: number,
): Promise<PreviewPixels[]> {
  const images = await colorizationPreview(colorizer, x);
  // Copies go to the page (transferred); the originals stay with the caller (history snapshots).
  const sent = images.map((i) => ({
    ...i,
    gray: i.gray.slice(),
    color: i.color.slice(),
    stretched: i.stretched.slice(),
  }));
  const buffers = sent.flatMap((i) => [i.gray.buffer, i.color.buffer, i.stretched.buffer]);
  const tag = label.run ? { run: label.run } : {};
  post({ kind: 'preview', stage: label.stage, step, images: sent, ...tag }, buffers);
  return images;
}

/** Encodes and stores a stage checkpoint with its context, then tells the page. */
export async function saveStageCheckpoint(
  store: { save(bytes: Uint8Array, info: CheckpointInfo): Promise<void> },
  post: Post,
  checkpoint: StageCheckpoint,
  context: unknown,
  label: Pick<StageLabel, 'stage' | 'iterations'>,
): Promise<void> {
  const info: CheckpointInfo = {
    stage: label.stage,
    step: checkpoint.progress.step,
    totalSteps: label.iterations,
    savedAt: new Date().toISOString(),
  };
  try {
    await store.save(await encodeCheckpointAsync(checkpoint, context), info);
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    // The run goes on: its state is in memory, so a missed checkpoint only costs resuming after a
    // reload from an older one, and pausing would stall an unattended queue on it.
    const why = error instanceof Error ? error.message : String(error);
    const message = `${why} Training goes on; checkpoints are off until space is freed (each validation tries again).`;
    post({ kind: 'error', id: null, message });
    return;
  }
  post({ kind: 'checkpointSaved', checkpoint: info });
}
