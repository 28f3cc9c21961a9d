// A stage's resumable state (weights, momentum, best weights, position in the schedule) and its
// file form: one safetensors blob with the progress and the caller's context in the metadata, so
// the same bytes go to IndexedDB in the browser and to disk in the headless runner. tfjs only.
import type * as tf from '@tensorflow/tfjs';
import { disposeStateDict, hostStateDict, type StateDict } from '../model/state-dict';
import { WeightsFileError } from '../weights/file-error';
import { readSafetensors, writeSafetensors } from '../weights/safetensors';

const FORMAT = 'chromaxr-stage-checkpoint/1';
const SECTIONS = ['weights', 'momentum', 'best'] as const;
type Section = (typeof SECTIONS)[number];

/** Where the stage stood when the checkpoint was taken. */
export interface StageProgress {
  /** Optimizer steps done; the stage continues with step `step` (0-based) of its schedule. */
  step: number;
  /** Step of the best weights so far (0: the starting weights) and their validation mean AUC. */
  bestStep: number;
  bestMeanAuc: number;
}

/** Everything needed to continue a stage exactly. The holder owns the three state dicts. */
export interface StageCheckpoint {
  progress: StageProgress;
  /** network.stateDict() at `progress.step` (running statistics included). */
  weights: StateDict;
  /** SGD momentum buffers keyed by network.namedTrainableVariables() names (tfjs layout). */
  momentum: StateDict;
  /** The best weights so far, restored at the end of the stage. */
  best: StateDict;
}

export function disposeCheckpoint(checkpoint: StageCheckpoint): void {
  for (const section of SECTIONS) disposeStateDict(checkpoint[section]);
}

/** The checkpoint as bytes; `context` (JSON-able: model, stage and data settings) rides along.
 *  Reads the tensors synchronously: on WebGPU in a worker use encodeCheckpointAsync. */
export function encodeCheckpoint(checkpoint: StageCheckpoint, context: unknown): Uint8Array {
  const tensors: Record<string, tf.Tensor> = {};
  for (const section of SECTIONS) {
    for (const [name, tensor] of Object.entries(checkpoint[section])) {
      tensors[`${section}/${name}`] = tensor;
    }
  }
  return writeSafetensors(tensors, {
    format: FORMAT,
    progress: JSON.stringify(checkpoint.progress),
    context: JSON.stringify(context ?? null),
  });
}

/** encodeCheckpoint with asynchronous reads (host copies first), safe on every backend. */
export async function encodeCheckpointAsync(
  checkpoint: StageCheckpoint,
  context: unknown,
): Promise<Uint8Array> {
  const host: StageCheckpoint = {
    progress: checkpoint.progress,
    weights: await hostStateDict(checkpoint.weights),
    momentum: await hostStateDict(checkpoint.momentum),
    best: await hostStateDict(checkpoint.best),
  };
  try {
    return encodeCheckpoint(host, context);
  } finally {
    disposeCheckpoint(host);
  }
}

/** Reads encodeCheckpoint's bytes; the caller owns the returned tensors. */
export function decodeCheckpoint(
  bytes: Uint8Array,
  fileName = 'checkpoint',
): { checkpoint: StageCheckpoint; context: unknown } {
  const { tensors, metadata } = readSafetensors(bytes, { fileName });
  const sections: Record<Section, StateDict> = { weights: {}, momentum: {}, best: {} };
  try {
    if (metadata.format !== FORMAT) {
      throw new WeightsFileError(fileName, `is not a stage checkpoint (format ${metadata.format})`);
    }
    for (const [key, tensor] of Object.entries(tensors)) {
      const slash = key.indexOf('/');
      const section = key.slice(0, slash) as Section;
      if (!SECTIONS.includes(section)) {
        throw new WeightsFileError(fileName, `has an unknown checkpoint entry ${key}`);
      }
      sections[section][key.slice(slash + 1)] = tensor;
    }
    const progress = JSON.parse(metadata.progress ?? 'null') as StageProgress;
    const context: unknown = JSON.parse(metadata.context ?? 'null');
    return { checkpoint: { progress, ...sections }, context };
  } catch (error) {
    disposeStateDict(tensors);
    throw error;
  }
}
