// The quick start: a small phantom study that visibly learns within a minute on a CPU, so a first
// run shows the studio working before the user brings data or a GPU. Chosen from runs of
// `npm run experiment -- experiments/quick-start.json` (the same settings; Node, one CPU thread):
// Baseline All, gray replicated into ResNet18 at width ⅛, 64 px, lr 0.1, augmentation on, 300
// phantom patients (seed 7): validation mean AUC 0.58, 0.65, 0.76, 0.80, 0.81, 0.82 at steps 25 …
// 150, in 15 s of training. Without augmentation it learns a little sooner (0.75 at step 50, 0.86
// at 150); ColorU → All on the same data learns more slowly (0.74 at step 100 of All), and Color
// Module with a random, frozen E stays near 0.5: the paper's Color Module stage leans on an
// ImageNet E. Plain data, so Node tests check it against the config file.
import type { StageId } from '../core/train/stages';
import type { DemoDataRequest, ModelSpec } from '../worker/protocol';
import type { TrainSettings } from './training';

export const QUICK_START: {
  demo: DemoDataRequest;
  spec: ModelSpec;
  stage: StageId;
  settings: TrainSettings;
} = {
  demo: { patients: 300, imageSize: 72, seed: 7 },
  spec: {
    colorizer: 'replicate',
    backbone: 'resnet18',
    widthMultiplier: 0.125,
    inputSize: 64,
    seed: 0,
  },
  stage: 'baselineAll',
  settings: {
    iterations: 150,
    batchSize: 16,
    accumulation: 1,
    lrMax: 0.1,
    weightDecay: 1e-4,
    validateEvery: 25,
    seed: 0,
    augment: true,
  },
};

/** What the quick start shows, in the words the Data step prints. */
export const QUICK_START_EXPECTATION =
  'Expect the validation mean AUC to pass 0.75 at about step 75 of 150 and end near 0.8 ' +
  '(measured on one CPU core: 15 s of training; a GPU takes seconds). Gray is replicated into ' +
  'the backbone here: the learned colorizers need more steps, and an ImageNet backbone.';
