// The training loop of one stage (not model.fit): one-cycle SGD, periodic validation AUC, the best
// checkpoint kept and restored, a NaN guard, and a stop or pause that acts within one batch (also
// while validating). Core: imports @tensorflow/tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { Batch, BatchFeed } from '../data/feed';
import type { Network } from '../model';
import { disposeStateDict, type StateDict } from '../model/state-dict';
import { yieldToEventLoop } from '../util/event-loop';
import { disposeCheckpoint, type StageCheckpoint } from './checkpoint';
import { type OneCycleVariant, oneCycleCurve, type ScheduledHyper } from './one-cycle';
import { Sgd } from './sgd';
import { trainStep } from './step';
import { validate } from './validate';

/** Every event's `step` counts optimizer steps done (1 after the first step, n after the last). */
export type StageEvent =
  | { kind: 'step'; step: number; loss: number; lr: number; momentum: number }
  /** A validation pass under way after `step`: images scored so far, of `total`. */
  | { kind: 'validating'; step: number; done: number; total: number }
  | { kind: 'validation'; step: number; meanAuc: number; perLabel: number[] }
  | { kind: 'diverged'; step: number; message: string };

export interface RunStageOptions {
  /** Prepared by applyStage (frozen parts and a new classifier already set). */
  network: Network;
  train: BatchFeed;
  /** Pre-built evaluation batches; owned by the caller, only read here. */
  validation: readonly Batch[];
  /** n: optimizer steps in the stage. */
  iterations: number;
  lrMax: number;
  variant?: OneCycleVariant;
  weightDecay: number;
  /** Validate every K steps, and always after the last one. */
  validateEvery: number;
  /** Losses are read back in one transfer every this many steps. Default 10. */
  readLossEvery?: number;
  onEvent?: (event: StageEvent) => void;
  /** Polled between steps and between validation batches; true ends the stage early without
   *  validating again (the best checkpoint so far is restored). */
  shouldStop?: () => boolean;
  /** Awaited between steps and validation batches: a paused run waits inside it until resumed. */
  waitWhilePaused?: () => Promise<void>;
  /** Micro-batches per optimizer step (gradient accumulation). Default 1. */
  accumulation?: number;
  /**
   * Called after every validation with the stage's resumable state, and awaited (the caller
   * encodes and stores it). The loop disposes `weights` and `momentum` afterwards and keeps owning
   * `best`: copy what must outlive the call.
   */
  onCheckpoint?: (checkpoint: StageCheckpoint) => Promise<void>;
  /**
   * Continue from a checkpoint: the network already holds `weights`, and the training source has
   * already been advanced past step × accumulation batches. The loop takes ownership of `best`
   * and `momentum` (disposes them); `weights` stays the caller's.
   */
  resumeFrom?: StageCheckpoint;
  /** Called after every validation with the network in its current state (e.g. previews). */
  afterValidation?: (step: number) => Promise<void>;
}

export interface StageResult {
  outcome: 'completed' | 'stopped' | 'diverged';
  stepsRun: number;
  /** The step of the restored checkpoint (0: the stage's starting weights). */
  bestStep: number;
  /** NaN when no validation ran. */
  bestMeanAuc: number;
}

/**
 * The stage's mutable state. It owns `checkpoint` (a state-dict clone: the best weights so far,
 * or the starting weights until the first validation) and `pending` (loss scalars not read yet).
 */
class StageRun {
  checkpoint: StateDict;
  bestStep = 0;
  bestMeanAuc = Number.NaN;
  /** Losses not read yet, by steps done after them. */
  pending: { step: number; loss: tf.Scalar; hyper: ScheduledHyper }[] = [];

  constructor(readonly opts: RunStageOptions) {
    const resume = opts.resumeFrom;
    this.checkpoint = resume ? resume.best : opts.network.stateDict();
    if (resume) {
      this.bestStep = resume.progress.bestStep;
      this.bestMeanAuc = resume.progress.bestMeanAuc;
    }
  }

  /** Hands the resumable state to onCheckpoint (current weights and momentum cloned for it). */
  async saveCheckpoint(step: number, sgd: Sgd): Promise<void> {
    if (!this.opts.onCheckpoint) return;
    const checkpoint: StageCheckpoint = {
      progress: { step, bestStep: this.bestStep, bestMeanAuc: this.bestMeanAuc },
      weights: this.opts.network.stateDict(),
      momentum: sgd.momentumState(this.opts.network.namedTrainableVariables()),
      best: this.checkpoint,
    };
    try {
      await this.opts.onCheckpoint(checkpoint);
    } finally {
      disposeCheckpoint({ ...checkpoint, best: {} });
    }
  }

  /**
   * Reads every pending loss in one transfer. Reading each step would stall the GPU pipeline on a
   * readback per step; batching them costs at most `readLossEvery` steps of delay in the NaN guard.
   * Returns false when a loss is not finite.
   */
  async flushLosses(): Promise<boolean> {
    if (this.pending.length === 0) return true;
    const stacked = tf.stack(this.pending.map((p) => p.loss));
    const values = await stacked.data();
    stacked.dispose();
    const pending = this.pending;
    this.pending = [];
    tf.dispose(pending.map((p) => p.loss));
    let finite = true;
    pending.forEach((p, i) => {
      const loss = values[i] ?? Number.NaN;
      if (!Number.isFinite(loss)) finite = false;
      this.opts.onEvent?.({ kind: 'step', step: p.step, loss, ...p.hyper });
    });
    return finite;
  }

  /** Validates; keeps a clone of the weights when the mean AUC improves. */
  async validateAndKeep(step: number): Promise<'validated' | 'stopped' | 'diverged'> {
    const { network, validation, shouldStop, waitWhilePaused, onEvent } = this.opts;
    const onProgress = (done: number, total: number) =>
      onEvent?.({ kind: 'validating', step, done, total });
    let summary: Awaited<ReturnType<typeof validate>>;
    try {
      summary = await validate(network, validation, { shouldStop, waitWhilePaused, onProgress });
    } catch {
      return 'diverged'; // perLabelAuc refuses non-finite scores: the weights have diverged
    }
    if (summary === null) return 'stopped';
    this.opts.onEvent?.({
      kind: 'validation',
      step,
      meanAuc: summary.mean,
      perLabel: summary.perLabel,
    });
    const better = Number.isNaN(this.bestMeanAuc) || summary.mean > this.bestMeanAuc;
    if (better && !Number.isNaN(summary.mean)) {
      disposeStateDict(this.checkpoint);
      this.checkpoint = this.opts.network.stateDict();
      this.bestStep = step;
      this.bestMeanAuc = summary.mean;
    }
    return 'validated';
  }

  /** Puts the checkpoint back into the network and frees it. */
  restore(): void {
    this.opts.network.loadStateDict(this.checkpoint);
    disposeStateDict(this.checkpoint);
    this.checkpoint = {};
    tf.dispose(this.pending.map((p) => p.loss));
    this.pending = [];
  }
}

/** One optimizer step over `accumulation` micro-batches; the loss scalar joins `run.pending`
 *  (read later in one batch). */
async function stepOnce(
  run: StageRun,
  sgd: Sgd,
  step: number,
  hyper: ScheduledHyper,
): Promise<void> {
  const count = run.opts.accumulation ?? 1;
  const batches: Batch[] = []; // owned here
  try {
    for (let i = 0; i < count; i++) batches.push(await run.opts.train.next());
    const loss = trainStep(run.opts.network, sgd, batches, {
      ...hyper,
      weightDecay: run.opts.weightDecay,
    });
    run.pending.push({ step: step + 1, loss, hyper });
  } finally {
    tf.dispose(batches.flatMap((b) => [b.x, b.targets, b.mask]));
  }
}

/** After a validation: the caller's hook (previews), then the checkpoint. */
async function afterValidating(run: StageRun, sgd: Sgd, stepsRun: number): Promise<void> {
  await run.opts.afterValidation?.(stepsRun);
  await run.saveCheckpoint(stepsRun, sgd);
}

/** On a stop: reads the last losses and saves a checkpoint of the weights as they are (a resume
 *  continues from them). No validation: a stop takes effect now, not after one more pass. */
async function stopNow(run: StageRun, sgd: Sgd, stepsRun: number): Promise<StageResult['outcome']> {
  if (!(await run.flushLosses())) return 'diverged';
  await run.saveCheckpoint(stepsRun, sgd);
  return 'stopped';
}

/** After optimizer step `stepsRun`: losses read every `readEvery` steps, and validation (then the
 *  previews and a checkpoint) every `validateEvery`, always after the last step. A stop during the
 *  validation pass ends the stage as a stop does between steps. */
async function afterStep(
  run: StageRun,
  sgd: Sgd,
  stepsRun: number,
  readEvery: number,
): Promise<StageResult['outcome']> {
  const { validateEvery, iterations } = run.opts;
  const validating = stepsRun % validateEvery === 0 || stepsRun === iterations;
  const finite = validating || stepsRun % readEvery === 0 ? await run.flushLosses() : true;
  if (!finite) return 'diverged';
  if (!validating) return 'completed';
  const validated = await run.validateAndKeep(stepsRun);
  if (validated === 'diverged') return 'diverged';
  if (validated === 'stopped') return stopNow(run, sgd, stepsRun);
  await afterValidating(run, sgd, stepsRun);
  return 'completed';
}

const DIVERGED_MESSAGE =
  'The loss became NaN or infinite, so the stage stopped and the last good checkpoint was ' +
  'restored. Try a lower learning rate (e.g. a tenth of this one, or the LR finder’s suggestion).';

/**
 * Runs one stage: n steps of one-cycle SGD (lr and momentum per step), validation every K steps,
 * the best checkpoint by validation mean AUC restored at the end. Builds its own Sgd (after
 * applyStage, which replaced the classifier) and disposes it. Emits events through `onEvent`.
 */
export async function runStage(opts: RunStageOptions): Promise<StageResult> {
  const schedule = oneCycleCurve({
    totalSteps: opts.iterations,
    lrMax: opts.lrMax,
    variant: opts.variant,
  });
  const readEvery = opts.readLossEvery ?? 10;
  const run = new StageRun(opts);
  const sgd = new Sgd(opts.network.trainableVariables());
  const first = opts.resumeFrom?.progress.step ?? 0;
  let outcome: StageResult['outcome'] = 'completed';
  let stepsRun = first;
  try {
    if (opts.resumeFrom) {
      sgd.loadMomentumState(opts.network.namedTrainableVariables(), opts.resumeFrom.momentum);
      disposeStateDict(opts.resumeFrom.momentum);
    }
    for (let step = first; step < opts.iterations && outcome === 'completed'; step++) {
      await opts.waitWhilePaused?.();
      if (opts.shouldStop?.()) {
        outcome = await stopNow(run, sgd, stepsRun);
        continue;
      }
      await stepOnce(run, sgd, step, schedule[step] as ScheduledHyper);
      stepsRun = step + 1;
      outcome = await afterStep(run, sgd, stepsRun, readEvery);
      await yieldToEventLoop();
    }
    if (outcome === 'diverged') {
      opts.onEvent?.({ kind: 'diverged', step: stepsRun, message: DIVERGED_MESSAGE });
    }
  } finally {
    sgd.dispose();
    run.restore();
  }
  return { outcome, stepsRun, bestStep: run.bestStep, bestMeanAuc: run.bestMeanAuc };
}
