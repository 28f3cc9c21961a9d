// The headless runner's experiment configuration: what to train, how often, on which data; its
// defaults and validation with readable messages. Pure core (no tfjs values), JSON in and out.

import { DEFAULT_SPLIT } from '../data/split';
import {
  BACKBONE_KINDS,
  type BackboneKind,
  COLORIZER_KINDS,
  type ColorizerKind,
  isBackboneKind,
  isColorizerKind,
} from '../model/kinds';
import { STAGES, type StageId } from '../train/stages';
import { STAGE_DEFAULTS, type StageSettings } from './stage-settings';

export type DatasetSpec =
  /** The seeded phantom chest radiographs (the demo data). */
  | { kind: 'phantom'; patients: number; imageSize: number; seed: number }
  /** A folder on disk in any layout the studio detects (CheXpert, ChestX-ray14, MURA, folders, CSV). */
  | { kind: 'folder'; path: string };

/** One chain of stages on one network; a record (test AUC) is written after each stage. */
export interface ChainSpec {
  colorizer: ColorizerKind;
  /** Stage settings without the seed (each run's seed is used); defaults filled from `training`. */
  stages: (Partial<Omit<StageSettings, 'seed'>> & { stage: StageId })[];
}

export interface ExperimentConfig {
  name: string;
  dataset: DatasetSpec;
  /** Shares of patients per side and the split's seed (official splits are kept when present). */
  split: { train: number; valid: number; test: number; seed: number };
  /** Square input size S (the paper: 224). */
  inputSize: number;
  backbone: BackboneKind;
  /** 1 = the paper's widths. */
  widthMultiplier: number;
  /** E's starting weights: an ImageNet file (safetensors or .pth) or random (flagged in reports). */
  pretrained: { kind: 'random' } | { kind: 'file'; path: string };
  /** One run per seed (the paper: three). */
  seeds: number[];
  /** Training-set fractions (Fig. 6); 1 = the whole set. Fractions below 1 get `draws` subsets. */
  subsets: number[];
  draws: number;
  chains: ChainSpec[];
  /** Defaults for every stage. */
  training: Omit<StageSettings, 'seed' | 'stage'>;
  /** Where the final scores come from: the held-out test split (default) or validation. */
  evaluateOn: 'test' | 'valid';
}

const DEFAULTS: Omit<ExperimentConfig, 'name' | 'dataset' | 'chains'> = {
  split: { ...DEFAULT_SPLIT },
  inputSize: 224,
  backbone: 'resnet18',
  widthMultiplier: 1,
  pretrained: { kind: 'random' },
  seeds: [0, 1, 2],
  subsets: [1],
  draws: 3,
  training: { ...STAGE_DEFAULTS },
  evaluateOn: 'test',
};

/** Parses and completes a config; throws one error listing every problem found. */
export function parseExperimentConfig(json: unknown): ExperimentConfig {
  if (typeof json !== 'object' || json === null) throw new Error('config: not a JSON object');
  const raw = json as Partial<ExperimentConfig>;
  const config: ExperimentConfig = {
    ...DEFAULTS,
    ...raw,
    split: { ...DEFAULTS.split, ...raw.split },
    training: { ...DEFAULTS.training, ...raw.training },
    name: raw.name ?? 'experiment',
    dataset: raw.dataset as DatasetSpec,
    chains: raw.chains ?? [],
  };
  const problems = configProblems(config);
  if (problems.length > 0) throw new Error(`config:\n  ${problems.join('\n  ')}`);
  return config;
}

function configProblems(c: ExperimentConfig): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => ok || problems.push(message);
  need(
    c.dataset?.kind === 'phantom' || c.dataset?.kind === 'folder',
    'dataset.kind must be "phantom" or "folder"',
  );
  need(isBackboneKind(c.backbone), `backbone must be one of ${BACKBONE_KINDS.join(', ')}`);
  need(Number.isInteger(c.inputSize) && c.inputSize >= 32, 'inputSize must be an integer ≥ 32');
  need(c.widthMultiplier > 0 && c.widthMultiplier <= 1, 'widthMultiplier must be in (0, 1]');
  need(
    c.seeds.length > 0 && c.seeds.every(Number.isInteger),
    'seeds must be a non-empty list of integers',
  );
  need(
    c.subsets.every((f) => f > 0 && f <= 1),
    'subsets must be fractions in (0, 1]',
  );
  need(c.chains.length > 0, 'chains must list at least one chain of stages');
  const t = c.training;
  for (const key of ['iterations', 'batchSize', 'accumulation', 'validateEvery'] as const) {
    need(Number.isInteger(t[key]) && t[key] >= 1, `training.${key} must be an integer ≥ 1`);
  }
  need(t.lrMax > 0 && t.weightDecay >= 0, 'training.lrMax must be > 0 and weightDecay ≥ 0');
  need(
    t.variant === undefined || t.variant === 'fastai-v1' || t.variant === 'fastai-v2',
    'training.variant must be "fastai-v1" or "fastai-v2"',
  );
  c.chains.forEach((chain, i) => {
    need(
      isColorizerKind(chain.colorizer),
      `chains[${i}].colorizer must be one of ${COLORIZER_KINDS.join(', ')}`,
    );
    need(chain.stages.length > 0, `chains[${i}].stages is empty`);
    for (const [j, s] of chain.stages.entries()) {
      need(
        s.stage in STAGES,
        `chains[${i}].stages[${j}].stage "${s.stage}" is not a stage (${Object.keys(STAGES).join(', ')})`,
      );
    }
  });
  return problems;
}

/** The settings of stage j of a chain for one seed. */
export function stageSettings(
  config: ExperimentConfig,
  chain: ChainSpec,
  j: number,
  seed: number,
): StageSettings {
  const stage = chain.stages[j];
  if (!stage) throw new RangeError(`chain has no stage ${j}`);
  return { ...config.training, ...stage, seed };
}
