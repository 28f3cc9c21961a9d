// What a stage checkpoint records besides tensors, so a reload can rebuild the session: the model
// spec, the stage's settings, the dataset by reference (never its index) and how it was split, the
// network's stage history and E's provenance. A decoded context is checked field by field before
// anything is rebuilt from it: a checkpoint from another version or a damaged store is refused
// with the field that is wrong.
import { isBackboneKind, isColorizerKind } from '../core/model/kinds';
import { STAGES, type StageId } from '../core/train/stages';
import type { PretrainedStatus } from '../core/weights/imagenet';
import type { DatasetRef, ModelSpec, RunTag, StageRunSpec } from './protocol';
import type { SplitRecord } from './session-data';

export const CONTEXT_VERSION = 2;

export interface CheckpointContext {
  version: typeof CONTEXT_VERSION;
  model: ModelSpec;
  run: StageRunSpec;
  data: DatasetRef;
  split: SplitRecord;
  previousStage: StageId | null;
  imported: boolean;
  /** E's provenance when the stage began (the weights themselves are in the checkpoint). */
  pretrained: PretrainedStatus;
}

type Check = (value: unknown) => boolean;
type Rec = Record<string, unknown>;

const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null;
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const isStage = (value: unknown) => typeof value === 'string' && value in STAGES;

const MODEL: Record<keyof ModelSpec, Check> = {
  colorizer: isColorizerKind,
  backbone: isBackboneKind,
  widthMultiplier: (v) => isNumber(v) && (v as number) > 0,
  inputSize: isCount,
  seed: isCount,
};

const RUN: Record<keyof StageRunSpec, Check> = {
  stage: isStage,
  iterations: isCount,
  batchSize: isCount,
  accumulation: isCount,
  lrMax: isNumber,
  weightDecay: isNumber,
  validateEvery: isCount,
  seed: isCount,
  // Absent in checkpoints saved before augmentation could be switched off: on, the default.
  augment: (v) => v === undefined || typeof v === 'boolean',
};

function isDatasetRef(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.kind === 'cached')
    return (
      typeof value.datasetKey === 'string' &&
      (value.splitSeed === undefined || isCount(value.splitSeed))
    );
  return value.kind === 'demo' && isRecord(value.demo);
}

function isSplit(value: unknown): boolean {
  if (!isRecord(value) || !isCount(value.seed) || !isRecord(value.images)) return false;
  const images = value.images;
  return isCount(images.train) && isCount(images.valid) && isCount(images.test);
}

function isPretrained(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.kind === 'random-init') return isCount(value.seed);
  return value.kind === 'imagenet' && typeof value.fileName === 'string';
}

/** The fields of `value` that fail their check, named as `prefix.field`. */
function badFields(value: unknown, checks: Record<string, Check>, prefix: string): string[] {
  if (!isRecord(value)) return [prefix];
  return Object.entries(checks)
    .filter(([field, check]) => !check(value[field]))
    .map(([field]) => `${prefix}.${field}`);
}

/** A stage of an experiment run: the experiment's saved queue (its store) says the rest. */
export interface ExperimentCheckpointContext {
  version: typeof CONTEXT_VERSION;
  experiment: RunTag;
}

const isRunTag = (value: unknown) =>
  isRecord(value) &&
  typeof value.experimentId === 'string' &&
  isCount(value.runIndex) &&
  isCount(value.stageIndex);

/** The decoded context, checked; throws naming every field that is missing or wrong. */
export function parseCheckpointContext(
  value: unknown,
): CheckpointContext | ExperimentCheckpointContext {
  if (isRecord(value) && value.version === CONTEXT_VERSION && 'experiment' in value) {
    if (!isRunTag(value.experiment)) {
      throw new Error('The saved checkpoint is damaged (experiment); start the run again.');
    }
    return value as unknown as ExperimentCheckpointContext;
  }
  if (!isRecord(value) || value.version !== CONTEXT_VERSION) {
    throw new Error(
      'The saved checkpoint was written by another version of the studio and cannot be resumed; start the stage again.',
    );
  }
  const bad = [
    ...badFields(value.model, MODEL, 'model'),
    ...badFields(value.run, RUN, 'run'),
    ...badFields(
      value,
      { data: isDatasetRef, split: isSplit, pretrained: isPretrained },
      'context',
    ),
    ...(value.previousStage === null || isStage(value.previousStage) ? [] : ['previousStage']),
    ...(typeof value.imported === 'boolean' ? [] : ['imported']),
  ];
  if (bad.length > 0) {
    throw new Error(`The saved checkpoint is damaged (${bad.join(', ')}); start the stage again.`);
  }
  return value as unknown as CheckpointContext;
}
