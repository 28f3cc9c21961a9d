// The experiment slice: the queue the worker runs (its config and runs with their status), the
// request state, and the studio's default experiment built from the current choices. Plain data
// and pure helpers (tested in Node).
import type {
  DatasetRef,
  DemoDataRequest,
  ExperimentConfig,
  ExperimentState,
  ModelSpec,
} from '../worker/protocol';
import { widthName } from './names';
import { DEFAULT_SPLIT, displayName, STAGES } from './pure-core';
import type { TrainSettings } from './training';

export interface ExperimentSlice {
  /** The queue as the worker last reported it (also the one saved before a reload). */
  current: ExperimentState | null;
  /** A start or resume request is in flight (the queue is running). */
  busy: boolean;
  error: string | null;
}

export const initialExperiment = (): ExperimentSlice => ({
  current: null,
  busy: false,
  error: null,
});

/** The data an experiment runs on: the dropped folder the Data step cached, else the phantom. */
export type ExperimentDataChoice =
  | { kind: 'folder'; name: string; splitSeed: number }
  | { kind: 'phantom'; demo: DemoDataRequest };

/** The studio's choices an experiment is built from. */
export interface ExperimentChoices {
  data: ExperimentDataChoice;
  spec: ModelSpec;
  settings: TrainSettings;
}

/** The loaded folder when the trainer has one, else the demo as loaded (or as the form says). */
export function experimentDataChoice(
  loaded: DatasetRef | null,
  folderName: string | undefined,
  demoForm: DemoDataRequest,
): ExperimentDataChoice {
  if (loaded?.kind === 'cached' && folderName) {
    return { kind: 'folder', name: folderName, splitSeed: loaded.splitSeed ?? DEFAULT_SPLIT.seed };
  }
  return { kind: 'phantom', demo: loaded?.kind === 'demo' ? loaded.demo : demoForm };
}

/** The cached dataset a config's folder runs on in the studio (none for the phantom). */
export function datasetKeyFor(config: ExperimentConfig, loaded: DatasetRef | null) {
  return config.dataset.kind === 'folder' && loaded?.kind === 'cached'
    ? loaded.datasetKey
    : undefined;
}

/**
 * The paper's comparison for the chosen colorizer, on the chosen data: Baseline and Baseline All
 * (gray replicated) against Color Module and All (the chosen T, All continuing from its Color
 * Module stage), seeds 0–2, the studio's settings for every stage, E random-initialized (flagged in
 * every report; an ImageNet E needs its file beside the exported config for the runner).
 */
export function defaultExperiment({ data, spec, settings }: ExperimentChoices): ExperimentConfig {
  const { seed: _seed, ...training } = settings;
  const colorizer = spec.colorizer === 'replicate' ? 'coloru' : spec.colorizer;
  return {
    name: `compare-${colorizer}-${spec.backbone}`,
    dataset:
      data.kind === 'folder'
        ? { kind: 'folder', path: data.name }
        : { kind: 'phantom', ...data.demo },
    // The folder split as the Data step drew it; the phantom is split by its own seed.
    split: { ...DEFAULT_SPLIT, ...(data.kind === 'folder' ? { seed: data.splitSeed } : {}) },
    inputSize: spec.inputSize,
    backbone: spec.backbone,
    widthMultiplier: spec.widthMultiplier,
    pretrained: { kind: 'random' },
    seeds: [0, 1, 2],
    subsets: [1],
    draws: 3,
    chains: [
      { colorizer: 'replicate', stages: [{ stage: 'baseline' }] },
      { colorizer: 'replicate', stages: [{ stage: 'baselineAll' }] },
      { colorizer, stages: [{ stage: 'colorModule' }, { stage: 'all' }] },
    ],
    training: { ...training, augment: training.augment ?? true },
    evaluateOn: 'test',
  };
}

/** Runs and optimizer steps the config asks for (runExperiment's plan, counted). */
export function experimentSize(config: ExperimentConfig): { runs: number; steps: number } {
  const draws = config.subsets.reduce((n, f) => n + (f < 1 ? config.draws : 1), 0);
  const perSeed = config.chains.map((chain) =>
    chain.stages.reduce((n, s) => n + (s.iterations ?? config.training.iterations), 0),
  );
  const runs = draws * config.seeds.length * config.chains.length;
  const steps = draws * config.seeds.length * perSeed.reduce((a, b) => a + b, 0);
  return { runs, steps };
}

/** Optimizer steps the queue still has to run: every stage of its pending runs, and what is left
 *  of the running run (its stages from the one under way, less `stepsDone` of that one). */
export function remainingSteps(
  state: ExperimentState,
  running: { stageIndex: number; stepsDone: number } | null,
): number {
  const { config } = state;
  const iterationsOf = (run: ExperimentState['runs'][number]) => {
    const chain = config.chains.find((c) => c.colorizer === run.colorizer && sameStages(c, run));
    return (chain?.stages ?? []).map((s) => s.iterations ?? config.training.iterations);
  };
  return state.runs.reduce((sum, run) => {
    if (run.status === 'pending') return sum + iterationsOf(run).reduce((a, b) => a + b, 0);
    if (run.status !== 'running' || running === null) return sum;
    const left = iterationsOf(run).slice(running.stageIndex);
    return sum + left.reduce((a, b) => a + b, 0) - running.stepsDone;
  }, 0);
}

const sameStages = (
  chain: ExperimentConfig['chains'][number],
  run: ExperimentState['runs'][number],
) => chain.stages.map((s) => s.stage).join() === run.stages.join();

/** A config in one line of words (the plan the Compare step shows, for its own draft or for an
 *  imported file): "Baseline; Color Module → All (ColorU) · ResNet18 at full width, 224 px, …". */
export function describeExperiment(config: ExperimentConfig): string {
  const procedures = config.chains.map((chain) => {
    const stages = chain.stages.map((s) => STAGES[s.stage].title).join(' → ');
    return chain.colorizer === 'replicate' ? stages : `${stages} (${displayName(chain.colorizer)})`;
  });
  const e =
    config.pretrained.kind === 'random'
      ? 'E random (NOT PRETRAINED)'
      : `E from ${config.pretrained.path} (PRETRAINED)`;
  const model = `${displayName(config.backbone)} at ${widthName(config.widthMultiplier)}, ${config.inputSize} px, ${e}`;
  const data =
    config.dataset.kind === 'folder'
      ? `the folder "${config.dataset.path}"`
      : `the phantom demo (${config.dataset.patients} patients, seed ${config.dataset.seed})`;
  return `${procedures.join('; ')} · ${model} · ${data} · seeds ${config.seeds.join(', ')}`;
}
