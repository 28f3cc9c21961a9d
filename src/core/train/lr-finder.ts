// The LR finder's run (SPEC §4): train on a sweep of exponentially growing learning rates, record
// the smoothed loss, stop when it diverges, then put every weight back. tfjs only (core).
import * as tf from '@tensorflow/tfjs';
import type { Batch, BatchFeed } from '../data/feed';
import { disposeStateDict, type Network } from '../model';
import {
  createDivergenceCheck,
  createLossSmoother,
  DEFAULT_DIVERGENCE_FACTOR,
  DEFAULT_LR_SWEEP,
  DEFAULT_SMOOTHING_BETA,
  type LrSweep,
  sweepLearningRate,
} from './lr-finder-analysis';
import { type LrSuggestions, suggestLearningRates } from './lr-suggestions';
import { Sgd, type SgdHyper } from './sgd';
import { trainStep } from './step';

export interface LrFinderPoint {
  iteration: number;
  lr: number;
  rawLoss: number;
  smoothedLoss: number;
}

export interface LrFinderOptions extends Partial<LrSweep> {
  /** SGD momentum during the sweep: 0.9, the usual SGD value (SPEC §4 fixes none). */
  momentum?: number;
  /** Decoupled weight decay during the sweep: 0; pass the run's value to sweep what it will use. */
  weightDecay?: number;
  /** Moving-average weight of the smoothed loss: 0.98 (fastai). */
  beta?: number;
  /** Stop once the smoothed loss exceeds this multiple of the best: 4 (fastai). */
  divergenceFactor?: number;
  /** false runs all numIt iterations whatever the loss does (fastai's stop_div): default true. */
  stopOnDivergence?: boolean;
  /** Called after every iteration, e.g. to stream the curve to the page. */
  onPoint?: (point: LrFinderPoint) => void;
  /** Polled before every iteration: true ends the sweep early (the user pressed stop). */
  shouldAbort?: () => boolean;
}

type ResolvedOptions = Required<Omit<LrFinderOptions, 'onPoint' | 'shouldAbort'>> &
  Pick<LrFinderOptions, 'onPoint' | 'shouldAbort'>;

export type LrFinderStopReason = 'completed' | 'diverged' | 'aborted';

export interface LrFinderResult {
  lrs: number[];
  rawLosses: number[];
  smoothedLosses: number[];
  stopReason: LrFinderStopReason;
  suggestions: LrSuggestions;
}

/** Fewest iterations fastai's LRFinder runs (it raises smaller values to 6; we refuse them). */
const MIN_ITERATIONS = 6;

function resolveOptions(opts: LrFinderOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    ...DEFAULT_LR_SWEEP,
    momentum: 0.9,
    weightDecay: 0,
    beta: DEFAULT_SMOOTHING_BETA,
    divergenceFactor: DEFAULT_DIVERGENCE_FACTOR,
    stopOnDivergence: true,
    ...definedOnly(opts),
  };
  if (!Number.isInteger(o.numIt) || o.numIt < MIN_ITERATIONS)
    throw new RangeError(`LR finder: numIt must be an integer ≥ ${MIN_ITERATIONS}, got ${o.numIt}`);
  if (!(o.startLr > 0 && o.endLr > o.startLr))
    throw new RangeError(`LR finder: need 0 < startLr < endLr, got ${o.startLr} and ${o.endLr}`);
  return o;
}

function definedOnly<T extends object>(opts: T): Partial<T> {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Runs the sweep on `network` as it is configured (frozen parts stay frozen) with a fresh SGD,
 * then restores all its weights and BatchNorm running statistics bit for bit — also when a step
 * or the batch source throws. Returns the recorded curve and fastai's suggestions.
 */
export async function runLrFinder(
  network: Network,
  feed: BatchFeed,
  opts: LrFinderOptions = {},
): Promise<LrFinderResult> {
  const o = resolveOptions(opts);
  const snapshot = network.stateDict(); // copies in PyTorch layout; transposes are lossless
  try {
    const optimizer = new Sgd(network.trainableVariables());
    try {
      const curve = await sweep(network, optimizer, feed, o);
      const suggestions = suggestLearningRates(curve.lrs, curve.smoothedLosses, { numIt: o.numIt });
      return { ...curve, suggestions };
    } finally {
      optimizer.dispose();
    }
  } finally {
    network.loadStateDict(snapshot);
    disposeStateDict(snapshot);
  }
}

async function sweep(
  network: Network,
  optimizer: Sgd,
  feed: BatchFeed,
  o: ResolvedOptions,
): Promise<Omit<LrFinderResult, 'suggestions'>> {
  const smooth = createLossSmoother(o.beta);
  const diverged = createDivergenceCheck(o.divergenceFactor);
  const curve = { lrs: [] as number[], rawLosses: [] as number[], smoothedLosses: [] as number[] };
  for (let iteration = 0; iteration < o.numIt; iteration++) {
    if (o.shouldAbort?.()) return { ...curve, stopReason: 'aborted' };
    const lr = sweepLearningRate(iteration, o);
    const hyper = { lr, momentum: o.momentum, weightDecay: o.weightDecay };
    const rawLoss = await stepLoss(network, optimizer, await feed.next(), hyper);
    const smoothedLoss = smooth(rawLoss);
    curve.lrs.push(lr);
    curve.rawLosses.push(rawLoss);
    curve.smoothedLosses.push(smoothedLoss);
    o.onPoint?.({ iteration, lr, rawLoss, smoothedLoss });
    if (diverged(smoothedLoss) && o.stopOnDivergence) return { ...curve, stopReason: 'diverged' };
  }
  return { ...curve, stopReason: 'completed' };
}

/** One training step; reads the loss back and disposes the loss and the batch. */
async function stepLoss(
  network: Network,
  optimizer: Sgd,
  batch: Batch,
  hyper: SgdHyper,
): Promise<number> {
  try {
    const loss = trainStep(network, optimizer, batch, hyper);
    try {
      return (await loss.data())[0] ?? Number.NaN;
    } finally {
      loss.dispose();
    }
  } finally {
    tf.dispose([batch.x, batch.targets, batch.mask]);
  }
}
