// One stage from settings to result, as the worker and the headless runner both run it: prepare
// the network (applyStage, or a checkpoint), build the seeded feed and the validation batches, run
// the loop, free what it built; and the LR finder on the same prepared stage and feed. tfjs only.
import type { BatchFeed, FeedOptions } from '../data/feed';
import { disposeBatches, evaluationBatches, type FeedItem, MemoryFeed } from '../data/memory-feed';
import type { Network } from '../model';
import { disposeStateDict } from '../model/state-dict';
import type { StageCheckpoint } from '../train/checkpoint';
import { type RunStageOptions, runStage, type StageResult } from '../train/loop';
import { type LrFinderOptions, type LrFinderResult, runLrFinder } from '../train/lr-finder';
import { applyStage } from '../train/stages';
import { deriveSeed } from '../util/random';
import { STAGE_DEFAULTS, type StageSettings } from './stage-settings';

export type StageHooks = Pick<
  RunStageOptions,
  'onEvent' | 'shouldStop' | 'waitWhilePaused' | 'onCheckpoint' | 'afterValidation'
>;

/** A streaming training feed (e.g. over the IndexedDB image cache) built for one stage. */
export type TrainFeedFactory = (options: FeedOptions) => Promise<BatchFeed>;

export interface StageSessionOptions {
  network: Network;
  settings: StageSettings;
  /** Training images in memory, or a factory for a streaming feed. */
  train: readonly FeedItem[] | TrainFeedFactory;
  valid: readonly FeedItem[];
  /** Square input size S. */
  inputSize: number;
  hooks?: StageHooks;
  /** Continue this checkpoint of the same stage and settings; ownership passes to the session. */
  resumeFrom?: StageCheckpoint;
}

/** Evaluation batches hold at most this many images (memory on small GPUs). */
const EVAL_BATCH = 32;

export async function runStageSession(
  opts: StageSessionOptions,
): Promise<StageResult & { seconds: number }> {
  const { network, settings } = opts;
  applyStage(network, settings.stage, { seed: settings.seed });
  const feed = await buildTrainFeed(opts.train, settings, opts.inputSize);
  if (opts.resumeFrom) {
    network.loadStateDict(opts.resumeFrom.weights);
    await skipBatches(feed, opts.resumeFrom.progress.step * settings.accumulation);
  }
  const validation = evaluationBatches(opts.valid, opts.inputSize, EVAL_BATCH);
  const started = Date.now();
  try {
    const result = await runStage({
      ...opts.hooks,
      network,
      train: feed,
      validation,
      iterations: settings.iterations,
      lrMax: settings.lrMax,
      variant: settings.variant,
      weightDecay: settings.weightDecay,
      validateEvery: settings.validateEvery,
      accumulation: settings.accumulation,
      resumeFrom: opts.resumeFrom,
    });
    return { ...result, seconds: (Date.now() - started) / 1000 };
  } finally {
    disposeBatches(validation);
    if (opts.resumeFrom) disposeStateDict(opts.resumeFrom.weights);
  }
}

/** The stage's seeded training feed: the same batches for the same settings, whether the stage
 *  runs or the LR finder sweeps it. */
export async function buildTrainFeed(
  train: StageSessionOptions['train'],
  settings: Pick<StageSettings, 'batchSize' | 'seed' | 'augment'>,
  inputSize: number,
): Promise<BatchFeed> {
  const feedOptions: FeedOptions = {
    size: inputSize,
    batchSize: settings.batchSize,
    seed: deriveSeed(settings.seed, 'feed'),
    augment: settings.augment ?? STAGE_DEFAULTS.augment,
  };
  return typeof train === 'function' ? train(feedOptions) : new MemoryFeed(train, feedOptions);
}

export interface StageLrFinderOptions
  extends Pick<StageSessionOptions, 'network' | 'train' | 'inputSize'>,
    Pick<LrFinderOptions, 'onPoint' | 'shouldAbort'> {
  settings: Pick<StageSettings, 'stage' | 'batchSize' | 'weightDecay' | 'seed' | 'augment'>;
  /** Iterations of the sweep (SPEC §4: 100; at least 6). */
  numIt: number;
}

/**
 * The LR finder (SPEC §4) for a stage before it runs: applyStage (the stage's parts frozen, a new
 * C drawn from the run seed), then the sweep on the stage's own feed and weight decay, one
 * micro-batch per iteration. The finder restores the weights, so the network is left as applyStage
 * made it — which the stage's own applyStage, with the same seed, reproduces.
 */
export async function findStageLr(opts: StageLrFinderOptions): Promise<LrFinderResult> {
  const { network, settings } = opts;
  applyStage(network, settings.stage, { seed: settings.seed });
  const feed = await buildTrainFeed(opts.train, settings, opts.inputSize);
  return runLrFinder(network, feed, {
    numIt: opts.numIt,
    weightDecay: settings.weightDecay,
    onPoint: opts.onPoint,
    shouldAbort: opts.shouldAbort,
  });
}

/** Draws and drops `count` batches, so a resumed feed hands out what the interrupted one would
 *  have (the feed is a seeded sequence). */
async function skipBatches(feed: BatchFeed, count: number): Promise<void> {
  for (let i = 0; i < count; i++) disposeBatches([await feed.next()]);
}
