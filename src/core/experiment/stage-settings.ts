// The settings of one stage run and their one set of defaults, shared by the studio (its settings
// form starts from them) and the headless runner (a config's `training` block completes them).
// Types and plain data only, so the page may import it without loading tfjs.
import type { OneCycleVariant } from '../train/one-cycle';
import type { StageId } from '../train/stages';

export interface StageSettings {
  stage: StageId;
  /** Optimizer steps n of the one-cycle schedule. */
  iterations: number;
  /** Images per micro-batch; the effective batch is batchSize × accumulation. */
  batchSize: number;
  accumulation: number;
  lrMax: number;
  weightDecay: number;
  /** Validate (and checkpoint) every K steps. */
  validateEvery: number;
  /** Seeds the new classifier, the shuffle and the augmentation. */
  seed: number;
  /** SPEC §4's crop, rotation and zoom. Default true. */
  augment?: boolean;
  variant?: OneCycleVariant;
}

/** What a stage runs with unless told otherwise. A starting point for small data on a laptop;
 *  the paper trains to convergence with an LR found by the LR finder. */
export const STAGE_DEFAULTS: Readonly<Omit<StageSettings, 'stage' | 'seed'>> = {
  iterations: 300, // enough for the phantom findings to separate; real data needs thousands
  batchSize: 16, // fits a 4 GB GPU at 224 px with ResNet18
  accumulation: 1, // raise it for a larger effective batch when memory is short
  lrMax: 0.01, // one-cycle peak; SGD with momentum tolerates 1e-2 on ImageNet backbones
  // Decoupled (p ← p·(1 − lr·wd)): the paper trained with fastai v1, whose Learner defaults to
  // wd = 1e-2 with true_wd (decoupled), so the paper's runs used 0.01 unless they said otherwise.
  weightDecay: 0.01,
  validateEvery: 50, // also the checkpoint interval: the best validation AUC is kept
  augment: true, // SPEC §4: random crop, ±10° rotation and ≤ 1.1× zoom, each with p = 0.75
};
