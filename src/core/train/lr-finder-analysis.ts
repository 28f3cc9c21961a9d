// The LR finder's arithmetic (SPEC §4, fastai's lr_find): the exponential sweep, the smoothed
// loss, the stop rule and the three suggestions. Pure functions without imports, so they are
// tested on recorded curves and reused by the UI to redraw a stored sweep.

export interface LrSweep {
  /** First learning rate of the sweep. */
  startLr: number;
  /** The rate the sweep would reach at iteration numIt (never run: the last is numIt − 1). */
  endLr: number;
  /** Iterations in a full sweep. */
  numIt: number;
}

/** fastai's lr_find defaults, which SPEC §4 adopts. */
export const DEFAULT_LR_SWEEP: Readonly<LrSweep> = { startLr: 1e-7, endLr: 10, numIt: 100 };
/** Weight of the past in the loss's moving average (fastai's AvgSmoothLoss). */
export const DEFAULT_SMOOTHING_BETA = 0.98;
/** Stop once the smoothed loss exceeds this multiple of the best one (fastai's LRFinder). */
export const DEFAULT_DIVERGENCE_FACTOR = 4;

/** lr_i = startLr·(endLr/startLr)^(i/numIt) (fastai/callback/schedule.py `SchedExp`). */
export function sweepLearningRate(iteration: number, sweep: LrSweep): number {
  return sweep.startLr * (sweep.endLr / sweep.startLr) ** (iteration / sweep.numIt);
}

export function sweepLearningRates(sweep: LrSweep): number[] {
  return Array.from({ length: sweep.numIt }, (_, i) => sweepLearningRate(i, sweep));
}

/**
 * An exponential moving average debiased by 1/(1 − βⁿ) (fastai/learner.py `AvgSmoothLoss`):
 * avg ← β·avg + (1 − β)·loss; smoothed = avg / (1 − βⁿ) after n losses. A NaN loss makes every
 * later value NaN, which the stop rule catches.
 */
export function createLossSmoother(beta = DEFAULT_SMOOTHING_BETA): (rawLoss: number) => number {
  let average = 0;
  let count = 0;
  return (rawLoss) => {
    count += 1;
    average = beta * average + (1 - beta) * rawLoss;
    return average / (1 - beta ** count);
  };
}

export function smoothLosses(
  rawLosses: readonly number[],
  beta = DEFAULT_SMOOTHING_BETA,
): number[] {
  return rawLosses.map(createLossSmoother(beta));
}

/** The stop rule on one smoothed loss, given the best (lowest) smoothed loss so far, itself included. */
export function shouldStop(
  smoothedLoss: number,
  bestSmoothedLoss: number,
  divergenceFactor = DEFAULT_DIVERGENCE_FACTOR,
): boolean {
  return Number.isNaN(smoothedLoss) || smoothedLoss > divergenceFactor * bestSmoothedLoss;
}

/**
 * A stateful stop check fed one smoothed loss per iteration. As fastai's LRFinder.after_batch, it
 * updates the best loss first (a NaN never becomes the best), then applies the rule; fastai v2
 * alone would run on through NaNs, fastai v1 and SPEC §4 stop there.
 */
export function createDivergenceCheck(
  divergenceFactor = DEFAULT_DIVERGENCE_FACTOR,
): (smoothedLoss: number) => boolean {
  let best = Number.POSITIVE_INFINITY;
  return (smoothedLoss) => {
    if (smoothedLoss < best) best = smoothedLoss;
    return shouldStop(smoothedLoss, best, divergenceFactor);
  };
}

/** Index of the iteration after which a sweep over these smoothed losses stops (the last one
 *  recorded); the last index when it never diverges. */
export function sweepStopIndex(
  smoothedLosses: readonly number[],
  divergenceFactor = DEFAULT_DIVERGENCE_FACTOR,
): number {
  const diverged = createDivergenceCheck(divergenceFactor);
  const stop = smoothedLosses.findIndex((loss) => diverged(loss));
  return stop === -1 ? smoothedLosses.length - 1 : stop;
}
