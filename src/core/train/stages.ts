// The paper's training stages (SPEC §3) as declarative configurations, their preconditions, and
// applying one to a network. It imports model types and the seed helpers only (no tfjs values):
// the UI's stage wizard reads the same table the engine runs.
import type { Network } from '../model';
import { COLORIZER_NAMES, type ColorizerKind } from '../model/kinds';
import { deriveSeed } from '../util/random';

export type StageId =
  | 'baseline'
  | 'baselineAll'
  | 'colorModule'
  | 'all'
  | 'lastLayer'
  | 'transferAll';

/** Where a part's weights come from when the stage starts. */
export type WeightSource =
  | 'fixed' // the replicate colorizer: gray copied to three channels, nothing to load or learn
  | 'imagenet' // the backbone's ImageNet weights, loaded by the caller before the stage
  | 'new' // freshly initialized from the run's seed
  | 'previousStage' // carried over, in memory, from the stage named in `continues`
  | 'imported'; // from an imported weights file (the export of an earlier run)

export interface PartPlan {
  /** true: gets gradients, BatchNorm updates its statistics. false: frozen (inference mode). */
  train: boolean;
  source: WeightSource;
}

export interface StageConfig {
  id: StageId;
  /** Short name for the wizard. */
  title: string;
  /** The paper's name (superscript in its equations). */
  paperName: string;
  /** One or two sentences for the wizard: what trains, what stays, when to use it. */
  description: string;
  /** 'replicate' for the baselines; 'learned' needs deconv, pixelshuffle or coloru. */
  colorizer: 'replicate' | 'learned';
  parts: { colorizer: PartPlan; backbone: PartPlan; classifier: PartPlan };
  /** The stage whose T and E this one continues from (parts with source 'previousStage'). */
  continues?: StageId;
}

const FIXED_T: PartPlan = { train: false, source: 'fixed' };
const NEW_C: PartPlan = { train: true, source: 'new' }; // C is learned from scratch in every stage

export const STAGES: Readonly<Record<StageId, StageConfig>> = {
  baseline: {
    id: 'baseline',
    title: 'Baseline',
    paperName: 'Baseline',
    description:
      'The gray image copied to three channels feeds the frozen ImageNet backbone; only the new ' +
      'classifier trains. The reference point for Color Module.',
    colorizer: 'replicate',
    parts: {
      colorizer: FIXED_T,
      backbone: { train: false, source: 'imagenet' },
      classifier: NEW_C,
    },
  },
  baselineAll: {
    id: 'baselineAll',
    title: 'Baseline All',
    paperName: 'Baseline All',
    description:
      'The gray image copied to three channels; the ImageNet backbone is fine-tuned together ' +
      'with a new classifier. The reference point for All.',
    colorizer: 'replicate',
    parts: { colorizer: FIXED_T, backbone: { train: true, source: 'imagenet' }, classifier: NEW_C },
  },
  colorModule: {
    id: 'colorModule',
    title: 'Color Module',
    paperName: 'Color Module (M)',
    description:
      'A new colorization module learns to turn the X-ray into the colors the frozen ImageNet ' +
      'backbone works best with, together with a new classifier (eq. 1).',
    colorizer: 'learned',
    parts: {
      colorizer: { train: true, source: 'new' },
      backbone: { train: false, source: 'imagenet' },
      classifier: NEW_C,
    },
  },
  all: {
    id: 'all',
    title: 'All',
    paperName: 'All (A)',
    description:
      'Fine-tunes the colorization module and the backbone from the Color Module stage, with the ' +
      'classifier learned again from scratch (eq. 2).',
    colorizer: 'learned',
    parts: {
      colorizer: { train: true, source: 'previousStage' },
      backbone: { train: true, source: 'previousStage' },
      classifier: NEW_C,
    },
    continues: 'colorModule',
  },
  lastLayer: {
    id: 'lastLayer',
    title: 'Last Layer',
    paperName: 'Last Layer (L)',
    description:
      'Reuses the colorization module and backbone of an earlier run (e.g. trained on CheXpert), ' +
      'both frozen; only a new classifier trains on this dataset (eq. 3).',
    colorizer: 'learned',
    parts: {
      colorizer: { train: false, source: 'imported' },
      backbone: { train: false, source: 'imported' },
      classifier: NEW_C,
    },
  },
  transferAll: {
    id: 'transferAll',
    title: 'Transfer All',
    paperName: 'All from an earlier run (eq. 2 on a new dataset)',
    description:
      'Starts from the colorization module and backbone of an earlier run and fine-tunes both on ' +
      'this dataset, with a new classifier.',
    colorizer: 'learned',
    parts: {
      colorizer: { train: true, source: 'imported' },
      backbone: { train: true, source: 'imported' },
      classifier: NEW_C,
    },
  },
};

/** The wizard's order: within-dataset stages first, then transfers from an earlier run. */
export const STAGE_ORDER: readonly StageId[] = [
  'baseline',
  'baselineAll',
  'colorModule',
  'all',
  'lastLayer',
  'transferAll',
];

/** What a stage's preconditions are checked against. */
export interface StageContext {
  /** The colorizer of the run's network. */
  colorizer: ColorizerKind;
  /** The last stage run on this network; null when it is freshly created (ImageNet E loaded). */
  previousStage: StageId | null;
  /** Whether T and E were loaded from an imported weights file. */
  hasImportedWeights: boolean;
}

/** The network's last stage once `stage` ran `stepsRun` steps on it: a stage that ran any step has
 *  changed the network (even if it was stopped or rolled back); one that ran none has not. */
export function previousStageAfter(
  stage: StageId,
  stepsRun: number,
  previousStage: StageId | null,
): StageId | null {
  return stepsRun > 0 ? stage : previousStage;
}

/** Readable reasons `stage` cannot run in `context`, each saying what to do (empty: it can). */
export function stageProblems(stage: StageId, context: StageContext): string[] {
  const config = STAGES[stage];
  return [
    colorizerProblem(config, context.colorizer),
    provenanceProblem(config, context.previousStage),
    importProblem(config, context.hasImportedWeights),
  ].filter((problem): problem is string => problem !== null);
}

function colorizerProblem(config: StageConfig, kind: ColorizerKind): string | null {
  if (config.colorizer === 'replicate' && kind !== 'replicate') {
    return (
      `${config.title} copies the gray image to three channels, so it needs gray replication ` +
      `as T, not ${COLORIZER_NAMES[kind]}. Choose Gray replication as the colorization module, ` +
      'or run Color Module to learn a colorizer.'
    );
  }
  if (config.colorizer === 'learned' && kind === 'replicate') {
    return (
      `${config.title} needs a learned colorization module, and gray replication has none. ` +
      'Choose ColorU, DECONV or PixelShuffle (or a Baseline stage to compare without one).'
    );
  }
  return null;
}

/** Stages that continue another need it right before; stages that start T or E afresh (new or
 *  ImageNet weights) need an untrained network, or they would silently reuse trained weights. */
function provenanceProblem(config: StageConfig, previousStage: StageId | null): string | null {
  const previous = previousStage === null ? null : STAGES[previousStage].title;
  if (config.continues !== undefined) {
    if (previousStage === config.continues) return null;
    const wanted = STAGES[config.continues].title;
    return (
      `${config.title} fine-tunes the colorization module and backbone that a ${wanted} stage ` +
      `produced, but ${previous === null ? 'this run has none yet' : `the previous stage was ${previous}`}. ` +
      `Run ${wanted} first.`
    );
  }
  const freshStart = freshStartingPoint(config);
  if (freshStart === null || previous === null) return null;
  return (
    `${config.title} starts from ${freshStart}, but this network was already trained by ` +
    `${previous}. Start the stage from a new network.`
  );
}

/** What a stage starts afresh, in words, or null when it starts from trained weights. */
function freshStartingPoint(config: StageConfig): string | null {
  const { colorizer, backbone } = config.parts;
  const fresh = [
    backbone.source === 'imagenet' ? 'the ImageNet backbone' : null,
    colorizer.source === 'new' ? 'a new colorization module' : null,
  ].filter((part): part is string => part !== null);
  return fresh.length === 0 ? null : fresh.join(' and ');
}

function importProblem(config: StageConfig, hasImportedWeights: boolean): string | null {
  const { colorizer, backbone } = config.parts;
  if (hasImportedWeights || ![colorizer, backbone].some((p) => p.source === 'imported'))
    return null;
  return (
    `${config.title} starts from the colorization module and backbone of an earlier run. ` +
    `Import that run's weights file (the export of a Color Module or All stage) first.`
  );
}

/**
 * Configures `network` for `stage`: re-initializes C when the stage learns it from scratch (its
 * seed derived from `seed` and the stage, so two stages of one run get different heads), and
 * freezes the parts that do not train (no gradient, BatchNorm in inference mode). It throws when
 * the network's colorizer does not suit the stage. Loading weights (ImageNet, imported, carried
 * over) is the caller's job, and so is a new T: a network cannot re-initialize T in place, so a
 * stage whose T is 'new' runs on a freshly created network (see stageProblems).
 */
export function applyStage(network: Network, stage: StageId, opts: { seed: number }): void {
  const config = STAGES[stage];
  const problem = colorizerProblem(config, network.colorizer.kind);
  if (problem !== null) throw new Error(problem);
  if (config.parts.classifier.source === 'new') {
    network.resetClassifier(deriveSeed(opts.seed, `classifier:${stage}`));
  }
  network.colorizer.frozen = !config.parts.colorizer.train;
  network.backbone.frozen = !config.parts.backbone.train;
  network.classifier.frozen = !config.parts.classifier.train;
}
