// The headless experiment: seeds × data-size subsets × chains of stages on one dataset, a test
// AUC record after every stage, and the run reports. The same core engine as the studio's worker;
// the caller supplies the data and the ImageNet file (Node: from disk). tfjs only.
import type { GrayPixels } from '../data/memory-feed';
import { disposeBatches, evaluationBatches } from '../data/memory-feed';
import { splitKeepingHoldout } from '../data/split';
import { drawSubset } from '../data/subset';
import type { DatasetIndex, SplitName } from '../data/types';
import { perLabelAuc, perLabelRoc, type RocPoints } from '../eval/auc';
import type { RunRecord } from '../eval/report-types';
import { type ColorizerKind, createNetwork, type Network } from '../model';
import type { StageCheckpoint } from '../train/checkpoint';
import type { StageEvent } from '../train/loop';
import { STAGES, type StageId } from '../train/stages';
import { gatherScores } from '../train/validate';
import { loadImageNetBackbone, type PretrainedStatus } from '../weights/imagenet';
import { type ChainSpec, type ExperimentConfig, stageSettings } from './config';
import { joinImages, type LabelledImages } from './labelled-images';
import { runStageSession, type StageHooks } from './stage-session';
import type { StageSettings } from './stage-settings';

export interface ExperimentData {
  name: string;
  index: DatasetIndex;
  imageOf: (path: string) => GrayPixels | undefined;
}

export interface ExperimentDeps {
  /** The ImageNet weights file named by config.pretrained (kind 'file'). */
  pretrainedFile?: { bytes: Uint8Array; fileName: string };
  backend: string;
  log?: (line: string) => void;
  /** Called as each stage's report is ready (e.g. to save it before the experiment ends). */
  onReport?: (report: StageRunReport) => void;
}

/** One stage's outcome in one run: the report the runner writes as JSON. */
export interface StageRunReport {
  record: RunRecord;
  settings: StageSettings;
  backend: string;
  pretrained: PretrainedStatus;
  trainedParameters: number;
  outcome: string;
  bestStep: number;
  validationMeanAuc: number;
  trainSeconds: number;
  evaluationSeconds: number;
  images: Record<SplitName, number>;
  /** Each label's ROC curve on the evaluated split (thinned for drawing; empty: one class). */
  roc: RocPoints[];
}

/** `make(x)`, remembered for as long as `keyOf(x)` stays the same (one draw's data at a time). */
export function lastValueCache<T, V>(keyOf: (x: T) => string, make: (x: T) => V): (x: T) => V {
  let last: { key: string; value: V } | null = null;
  return (x) => {
    const key = keyOf(x);
    if (last === null || last.key !== key) last = { key, value: make(x) };
    return last.value;
  };
}

/** One run of an experiment: a chain of stages on a fresh network for one seed and data draw. */
export interface ExperimentRunSpec {
  /** Position in runExperiment's order (subsets, draws, seeds, chains). */
  index: number;
  fraction: number;
  draw: number;
  seed: number;
  chain: ChainSpec;
}

/** Every run of `config`, in the order runExperiment runs them. */
export function planExperiment(config: ExperimentConfig): ExperimentRunSpec[] {
  const runs: ExperimentRunSpec[] = [];
  for (const fraction of config.subsets) {
    const draws = fraction < 1 ? config.draws : 1;
    for (let draw = 0; draw < draws; draw++) {
      for (const seed of config.seeds) {
        for (const chain of config.chains) {
          runs.push({ index: runs.length, fraction, draw, seed, chain });
        }
      }
    }
  }
  return runs;
}

/** The data of the runs with this fraction and draw: split once by the config, the training side
 *  subsampled (Fig. 6), joined with its pixels; missing images are logged and left out. */
export function experimentImages(
  config: ExperimentConfig,
  data: ExperimentData,
  run: Pick<ExperimentRunSpec, 'fraction' | 'draw'>,
  log?: (line: string) => void,
): LabelledImages {
  const split = splitKeepingHoldout(data.index, config.split, config.split.seed);
  const subset = subsetOf(split, run.fraction, run.draw, config);
  const { data: images, missing } = joinImages(data.name, subset, data.imageOf);
  if (missing.length > 0)
    log?.(`${missing.length} images missing (skipped): ${missing.slice(0, 3).join(', ')}…`);
  return images;
}

/** Runs `runs` of the plan (all of them, or one shard's: shard.ts) in order. */
export async function runExperiment(
  config: ExperimentConfig,
  data: ExperimentData,
  deps: ExperimentDeps,
  runs: ExperimentRunSpec[] = planExperiment(config),
): Promise<StageRunReport[]> {
  const reports: StageRunReport[] = [];
  const imagesOf = lastValueCache(
    (run: ExperimentRunSpec) => `${run.fraction}/${run.draw}`,
    (run) => experimentImages(config, data, run, deps.log),
  );
  for (const run of runs) {
    reports.push(...(await runExperimentRun(config, run, imagesOf(run), deps)));
  }
  return reports;
}

/** The training side subsampled (Fig. 6); validation and test stay whole. */
function subsetOf(
  split: DatasetIndex,
  fraction: number,
  draw: number,
  config: ExperimentConfig,
): DatasetIndex {
  if (fraction >= 1) return split;
  const train = { labels: split.labels, items: split.items.filter((i) => i.split === 'train') };
  const kept = drawSubset(train, fraction, draw, config.split.seed);
  return {
    labels: split.labels,
    items: [...kept.items, ...split.items.filter((i) => i.split !== 'train')],
  };
}

/** How the studio steers one run: hooks per stage (events, stop, pause, checkpoints, previews) and
 *  where to pick up after a reload. The runner passes none. */
export interface RunHooks {
  /** The hooks of stage `stageIndex`, which trains `network` (e.g. for previews of its T). */
  stage?: (stageIndex: number, settings: StageSettings, network: Network) => StageHooks;
  /** Awaited after each completed stage with its report (e.g. to store it). */
  onStageReport?: (stageIndex: number, report: StageRunReport) => Promise<void>;
  /** Continue at stage `stageIndex` from this checkpoint (owned by the run from here); the
   *  earlier stages' reports were made before the reload. */
  resume?: { stageIndex: number; checkpoint: StageCheckpoint };
}

/**
 * One run: a fresh network (T of the chain, E from ImageNet or random), its stages in order, each
 * scored on the evaluated split. Returns the reports of the stages it completed; a stage that was
 * stopped ends the run there, without a report for it.
 */
export async function runExperimentRun(
  config: ExperimentConfig,
  run: ExperimentRunSpec,
  data: LabelledImages,
  deps: ExperimentDeps,
  hooks: RunHooks = {},
): Promise<StageRunReport[]> {
  const { chain, seed } = run;
  const network = createNetwork({
    colorizer: chain.colorizer,
    backbone: config.backbone,
    numClasses: data.labels.length,
    seed,
    widthMultiplier: config.widthMultiplier,
  });
  const reports: StageRunReport[] = [];
  try {
    const pretrained = loadPretrained(network, config, deps, seed);
    for (let j = hooks.resume?.stageIndex ?? 0; j < chain.stages.length; j++) {
      const settings = stageSettings(config, chain, j, seed);
      const stageHooks = hooks.stage?.(j, settings, network) ?? {};
      const trained = await runStageSession({
        network,
        settings,
        train: data.splits.train,
        valid: data.splits.valid,
        inputSize: config.inputSize,
        hooks: {
          ...stageHooks,
          onEvent: (event) => {
            logProgress(deps, settings, event);
            stageHooks.onEvent?.(event);
          },
        },
        ...(hooks.resume?.stageIndex === j ? { resumeFrom: hooks.resume.checkpoint } : {}),
      });
      if (trained.outcome === 'stopped') break;
      const report = await evaluateStage(
        config,
        chain.colorizer,
        settings.stage,
        data,
        network,
        run,
      );
      reports.push({
        ...report,
        settings,
        backend: deps.backend,
        pretrained,
        trainedParameters: trainedParameters(network),
        outcome: trained.outcome,
        bestStep: trained.bestStep,
        validationMeanAuc: trained.bestMeanAuc,
        trainSeconds: trained.seconds,
        images: {
          train: data.splits.train.length,
          valid: data.splits.valid.length,
          test: data.splits.test.length,
        },
      });
      const latest = reports[reports.length - 1] as StageRunReport;
      deps.onReport?.(latest);
      deps.log?.(describe(latest));
      await hooks.onStageReport?.(j, latest);
    }
  } finally {
    network.dispose();
  }
  return reports;
}

/** A line per validation (and on divergence), so a long stage shows where it is. */
function logProgress(deps: ExperimentDeps, settings: StageSettings, event: StageEvent): void {
  const at = `  ${STAGES[settings.stage].title} step ${event.step}/${settings.iterations}`;
  if (event.kind === 'validation')
    deps.log?.(`${at}: validation mean AUC ${formatAuc(event.meanAuc)}`);
  if (event.kind === 'diverged') deps.log?.(`${at}: ${event.message}`);
}

function loadPretrained(
  network: Network,
  config: ExperimentConfig,
  deps: ExperimentDeps,
  seed: number,
): PretrainedStatus {
  if (config.pretrained.kind === 'random') return { kind: 'random-init', seed };
  const file = deps.pretrainedFile;
  if (!file)
    throw new Error(`config.pretrained names ${config.pretrained.path}, but no file was given`);
  const summary = loadImageNetBackbone(network.backbone, file.bytes, file.fileName);
  return { kind: 'imagenet', source: summary.source, fileName: file.fileName };
}

async function evaluateStage(
  config: ExperimentConfig,
  colorizer: ColorizerKind,
  stage: StageId,
  data: LabelledImages,
  network: Network,
  run: ExperimentRunSpec,
): Promise<{ record: RunRecord; roc: RocPoints[]; evaluationSeconds: number }> {
  const started = Date.now();
  const batches = evaluationBatches(data.splits[config.evaluateOn], config.inputSize, 32);
  try {
    const scores = await gatherScores(network, batches);
    if (scores === null) throw new Error('evaluation was stopped'); // nothing here can stop it
    const auc = perLabelAuc(scores.targets, scores.scores, scores.masks);
    const roc = perLabelRoc(scores.targets, scores.scores, scores.masks);
    const record: RunRecord = {
      dataset: data.name,
      backbone: config.backbone,
      procedure: STAGES[stage].title,
      seed: run.seed,
      ...(colorizer === 'replicate' ? {} : { colorizer }),
      ...(run.fraction < 1 ? { subsetFraction: run.fraction, subsetDraw: run.draw } : {}),
      labels: data.labels,
      perLabelAuc: auc.perLabel,
      meanAuc: auc.mean,
    };
    return { record, roc, evaluationSeconds: (Date.now() - started) / 1000 };
  } finally {
    disposeBatches(batches);
  }
}

function trainedParameters(network: Network): number {
  return network.namedTrainableVariables().reduce((n, [, v]) => n + v.size, 0);
}

function describe(r: StageRunReport): string {
  return `${r.record.procedure}${r.record.colorizer ? ` (${r.record.colorizer})` : ''} seed ${r.record.seed}: test mean AUC ${formatAuc(r.record.meanAuc)}, ${r.outcome} in ${r.trainSeconds.toFixed(1)} s (${r.backend})`;
}

/** NaN when a label has a single class on the split (AUC undefined). */
function formatAuc(auc: number): string {
  return Number.isNaN(auc) ? 'undefined' : auc.toFixed(3);
}
