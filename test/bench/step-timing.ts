// Times one colorizer's optimizer steps through the real engine path (runStageSession: MemoryFeed,
// augmentation, loss readback) against trainStep alone, plus validation and AUC. Imports only the
// core and tfjs, so the Node CLI and the Chromium bench page run exactly this code on any backend.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../src/core/data/feed';
import {
  disposeBatches,
  evaluationBatches,
  type FeedItem,
  MemoryFeed,
} from '../../src/core/data/memory-feed';
import { perLabelAuc } from '../../src/core/eval/auc';
import { phantomDemo } from '../../src/core/experiment/demo-data';
import { joinImages } from '../../src/core/experiment/labelled-images';
import { runStageSession } from '../../src/core/experiment/stage-session';
import { createNetwork, type Network } from '../../src/core/model';
import type { BackboneKind, ColorizerKind } from '../../src/core/model/kinds';
import { Sgd, type SgdHyper } from '../../src/core/train/sgd';
import type { StageId } from '../../src/core/train/stages';
import { trainStep } from '../../src/core/train/step';
import { gatherScores, validate } from '../../src/core/train/validate';

export interface StepTimingOptions {
  colorizer: ColorizerKind;
  /** Default 'resnet18'. */
  backbone?: BackboneKind;
  /** Default 0.125 (the width the tests and the SwiftShader checks use). */
  widthMultiplier?: number;
  /** Square input size S. Default 64. */
  size?: number;
  /** Images per step N. Default 16 (the studio's default). */
  batchSize?: number;
  /** Untimed steps first: shader compilation on WebGPU, kernel/JIT warm-up on the CPU. Default 2. */
  warmupSteps?: number;
  /** Steps inside each timed window. Default 10 (one loss readback per window, as the loop does). */
  timedSteps?: number;
  /** Default: 'all' (T, E and C train), 'baselineAll' for replicate (it has no T to train). */
  stage?: StageId;
  /** Phantom demo data: patients and rendered width (the studio's demo renders 256 px). */
  patients?: number;
  imageSize?: number;
  /** Steps between validations used to amortize the validation cost. Default 20 (the runner's). */
  validateEvery?: number;
  seed?: number;
}

export interface StepTiming {
  backend: string;
  options: Required<StepTimingOptions>;
  trainImages: number;
  validImages: number;
  /** Wall ms per optimizer step of runStageSession (data, augmentation, model, loss readback). */
  totalMs: number;
  /** Wall ms per step of trainStep alone on a resident batch. */
  modelMs: number;
  /** Wall ms per batch of MemoryFeed.next alone (crop, resize, rotation/zoom, normalize). */
  dataMs: number;
  /** 1 − model/total: data, augmentation, loss readback and the loop. */
  outsideShare: number;
  /** Wall ms of one validation (forward over every validation batch, readback, AUC). */
  validationMs: number;
  /** ms of perLabelAuc alone on the gathered scores (the metric itself). */
  aucMs: number;
  /** Outside share when a validation every `validateEvery` steps is charged to the steps. */
  outsideShareWithValidation: number;
}

/** Every default a caller may leave out, chosen per colorizer where it matters. */
export function resolveOptions(opts: StepTimingOptions): Required<StepTimingOptions> {
  return {
    backbone: 'resnet18',
    widthMultiplier: 0.125,
    size: 64,
    batchSize: 16,
    warmupSteps: 2,
    timedSteps: 10,
    stage: opts.colorizer === 'replicate' ? 'baselineAll' : 'all',
    patients: 120,
    imageSize: 256,
    validateEvery: 20,
    seed: 0,
    ...opts,
  };
}

/**
 * Waits until every queued kernel has run: a readback waits for the work queued before it (WebGPU
 * is asynchronous; the CPU backend is already synchronous). Reads the last trainable variable,
 * which the last SGD update wrote.
 */
async function sync(network: Network): Promise<void> {
  const probe = network.trainableVariables().at(-1);
  if (probe) await probe.data();
}

/** The phantom demo's train and valid items, exactly as the worker's demo data builds them. */
function demoItems(o: Required<StepTimingOptions>) {
  const { index, images } = phantomDemo({
    patients: o.patients,
    imageSize: o.imageSize,
    seed: o.seed,
  });
  const { data } = joinImages('phantom', index, (path) => images.get(path));
  return { labels: data.labels.length, train: data.splits.train, valid: data.splits.valid };
}

/**
 * ms per step of the real engine path. The stage is scheduled one step longer than it runs, so
 * its only validation comes from the stop after the timed window (it warms up the evaluation
 * shapes). The clock starts and stops in the loop's pause hook (between steps), each time after
 * a full sync, so the window holds exactly `timedSteps` steps with all their asynchronous work,
 * their loss readback (every 10 steps) included.
 */
async function timeEnginePath(
  network: Network,
  items: { train: FeedItem[]; valid: FeedItem[] },
  o: Required<StepTimingOptions>,
): Promise<number> {
  const iterations = o.warmupSteps + o.timedSteps + 1;
  let calls = 0;
  let started = 0;
  let elapsed = Number.NaN;
  await runStageSession({
    network,
    settings: {
      stage: o.stage,
      iterations,
      batchSize: o.batchSize,
      accumulation: 1,
      lrMax: 1e-3, // small: the weights only need to stay finite
      weightDecay: 0.01,
      validateEvery: iterations,
      seed: o.seed,
      augment: true,
    },
    train: items.train,
    valid: items.valid,
    inputSize: o.size,
    hooks: {
      waitWhilePaused: async () => {
        if (calls === o.warmupSteps || calls === o.warmupSteps + o.timedSteps) await sync(network);
        if (calls === o.warmupSteps) started = performance.now();
        if (calls === o.warmupSteps + o.timedSteps) elapsed = performance.now() - started;
        calls++;
      },
      shouldStop: () => calls > o.warmupSteps + o.timedSteps,
    },
  });
  return elapsed / o.timedSteps;
}

/** ms per step of trainStep alone on one resident batch, after the same warm-up. */
async function timeModelOnly(
  network: Network,
  batch: Batch,
  o: Required<StepTimingOptions>,
): Promise<number> {
  const sgd = new Sgd(network.trainableVariables());
  const hyper: SgdHyper = { lr: 1e-3, momentum: 0.9, weightDecay: 0.01 };
  try {
    for (let i = 0; i < o.warmupSteps; i++) trainStep(network, sgd, batch, hyper).dispose();
    await sync(network);
    const started = performance.now();
    for (let i = 0; i < o.timedSteps; i++) trainStep(network, sgd, batch, hyper).dispose();
    await sync(network);
    return (performance.now() - started) / o.timedSteps;
  } finally {
    sgd.dispose();
  }
}

/** ms per batch of the augmented feed alone; the last batch's readback waits for all of them. */
async function timeFeed(items: readonly FeedItem[], o: Required<StepTimingOptions>) {
  const feed = new MemoryFeed(items, { size: o.size, batchSize: o.batchSize, seed: o.seed });
  const batches: Batch[] = []; // owned here
  try {
    for (let i = 0; i < o.warmupSteps; i++) batches.push(await feed.next());
    await batches.at(-1)?.x.data();
    const started = performance.now();
    for (let i = 0; i < o.timedSteps; i++) batches.push(await feed.next());
    await batches.at(-1)?.x.data();
    return (performance.now() - started) / o.timedSteps;
  } finally {
    disposeBatches(batches);
  }
}

/** ms of one validation (after one untimed), and of perLabelAuc alone (mean of 50 runs: it
 *  takes well under a millisecond on a few dozen images). */
async function timeValidation(
  network: Network,
  valid: readonly FeedItem[],
  size: number,
): Promise<{ validationMs: number; aucMs: number }> {
  const batches = evaluationBatches(valid, size, 32); // the batch size runStageSession uses
  try {
    await validate(network, batches);
    let started = performance.now();
    await validate(network, batches);
    const validationMs = performance.now() - started;
    const gathered = await gatherScores(network, batches);
    if (gathered === null) throw new Error('validation was stopped'); // nothing here stops it
    const { targets, scores, masks } = gathered;
    const runs = 50;
    started = performance.now();
    for (let i = 0; i < runs; i++) perLabelAuc(targets, scores, masks);
    return { validationMs, aucMs: (performance.now() - started) / runs };
  } finally {
    disposeBatches(batches);
  }
}

/** Total, model-only and validation timings for one colorizer on the current tfjs backend. */
export async function timeSteps(options: StepTimingOptions): Promise<StepTiming> {
  const o = resolveOptions(options);
  const items = demoItems(o);
  const network = createNetwork({
    colorizer: o.colorizer,
    backbone: o.backbone,
    numClasses: items.labels,
    seed: o.seed,
    widthMultiplier: o.widthMultiplier,
  });
  const batch = await new MemoryFeed(items.train, {
    size: o.size,
    batchSize: o.batchSize,
    seed: o.seed,
  }).next(); // x [N,S,S,1], targets and mask [N,L]: resident for the model-only timing
  try {
    const totalMs = await timeEnginePath(network, items, o);
    const modelMs = await timeModelOnly(network, batch, o);
    const dataMs = await timeFeed(items.train, o);
    const { validationMs, aucMs } = await timeValidation(network, items.valid, o.size);
    const perStepWithValidation = totalMs + validationMs / o.validateEvery;
    return {
      backend: tf.getBackend(),
      options: o,
      trainImages: items.train.length,
      validImages: items.valid.length,
      totalMs,
      modelMs,
      dataMs,
      outsideShare: 1 - modelMs / totalMs,
      validationMs,
      aucMs,
      outsideShareWithValidation: 1 - modelMs / perStepWithValidation,
    };
  } finally {
    tf.dispose([batch.x, batch.targets, batch.mask]);
    network.dispose();
  }
}
